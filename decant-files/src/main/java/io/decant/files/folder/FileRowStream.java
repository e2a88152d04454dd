package io.decant.files.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spi.RowStream;
import io.decant.files.json.ArrayFileReader;
import io.decant.files.json.BadValue;
import io.decant.files.json.JsonlFileReader;
import io.decant.files.json.MalformedUtf8Exception;
import io.decant.files.json.RowDecoder;
import io.decant.files.json.RowFileReader;
import io.decant.files.json.Utf8CheckingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/**
 * The rows of one table, streamed from its data files in order, with constant memory.
 *
 * <p>Integrity: before the first row, every file must exist and have the size the manifest
 * records. Each file's SHA-256 and row count are computed while it is decoded and compared at its
 * end, so a changed file fails <em>after</em> its rows have been handed out. That is safe because
 * the engine loads each table in one transaction ({@link io.decant.core.spi.TableSink}): the error
 * aborts the table's sink and nothing of it stays in the target. A caller that wants the files
 * checked before loading anything calls {@link FolderSource#checkFiles} first ({@code import} checks sizes
 * always, and SHA-256 with {@code --verify-files} or {@code --dry-run}), or {@link FolderSource#verifyFiles()}
 * ({@code verify --from DIR}).
 *
 * <p>Messages never show values of a secret column, and for a table with secrets not even the
 * parser's own description of a malformed line (which may quote its text).
 */
public final class FileRowStream implements RowStream {
    private final String table;
    private final List<DataFile> files;
    private final RowDecoder decoder;
    private final Format format;
    private final boolean verify;
    private final long expectedRows;
    private final Set<String> secretColumns;
    private final boolean tableHasSecrets;
    private int fileIndex;
    private RowFileReader current;
    private HashingInputStream hashing;
    private long rowsRead;
    private boolean finished;

    /**
     * @param verify       compare each file's rows, size and SHA-256 with the manifest at its end
     * @param expectedRows the table's row count to check at the end, or -1
     */
    public FileRowStream(String table, List<DataFile> files, RowDecoder decoder, Format format, boolean verify, long expectedRows,
                  Set<String> secretColumns) {
        this.table = table;
        this.files = List.copyOf(files);
        this.decoder = decoder;
        this.format = format;
        this.verify = verify;
        this.expectedRows = expectedRows;
        this.secretColumns = Set.copyOf(secretColumns);
        this.tableHasSecrets = !secretColumns.isEmpty();
        if (verify) {
            for (DataFile f : files) {
                checkPresent(f);
            }
        }
    }

    private void checkPresent(DataFile f) {
        try {
            long size = Files.size(f.path());
            if (f.expected() != null && f.expected().sizeKnown() && size != f.expected().bytes()) {
                throw fileError(f, "size is " + size + " bytes, the manifest says " + f.expected().bytes()
                        + "; the file was changed or cut off after the export");
            }
        } catch (NoSuchFileException e) {
            throw fileError(f, "file is missing");
        } catch (MalformedUtf8Exception e) {
            // A JSON-array reader fills its buffer when it opens, so bad bytes near the start surface here.
            throw lineError(f, e.line(), e.getMessage());
        } catch (IOException e) {
            if (e.getCause() instanceof MalformedUtf8Exception m) {
                throw lineError(f, m.line(), m.getMessage());
            }
            throw OwnerOnly.io("cannot read " + f.path(), e);
        }
    }

    @Override
    public Object[] next() {
        while (!finished) {
            if (current == null) {
                if (fileIndex == files.size()) {
                    finishTable();
                    return null;
                }
                open(files.get(fileIndex));
            }
            Object[] row = readRow();
            if (row != null) {
                rowsRead++;
                return row;
            }
            finishFile(files.get(fileIndex));
            fileIndex++;
        }
        return null;
    }

    private void open(DataFile f) {
        try {
            FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ);
            if (f.offset() > 0) {
                ch.position(f.offset());
            }
            hashing = new HashingInputStream(Channels.newInputStream(ch));
            current = switch (format) {
                case JSONL -> new JsonlFileReader(hashing, decoder);
                case JSON -> new ArrayFileReader(new Utf8CheckingInputStream(new BufferedInputStream(hashing, 1 << 16),
                        f.offset(), f.startLine()), decoder, f.offset() == 0, f.startLine());
            };
        } catch (NoSuchFileException e) {
            throw fileError(f, "file is missing");
        } catch (MalformedUtf8Exception e) {
            // A JSON-array reader fills its buffer when it opens, so bad bytes near the start surface here.
            throw lineError(f, e.line(), e.getMessage());
        } catch (IOException e) {
            if (e.getCause() instanceof MalformedUtf8Exception m) {
                throw lineError(f, m.line(), m.getMessage());
            }
            throw OwnerOnly.io("cannot read " + f.path(), e);
        }
    }

    private Object[] readRow() {
        DataFile f = files.get(fileIndex);
        try {
            return current.next();
        } catch (BadValue b) {
            throw rowError(f, current.line(), b);
        } catch (MalformedUtf8Exception e) {
            throw lineError(f, e.line(), e.getMessage());
        } catch (JsonEOFException e) {
            throw lineError(f, current.line(), (format == Format.JSONL ? "line" : "file")
                    + " ends inside a JSON value (cut off?)");
        } catch (JsonProcessingException e) {
            String where = format == Format.JSONL ? " at character " + e.getLocation().getColumnNr() : "";
            throw lineError(f, current.line(), tableHasSecrets ? "invalid JSON" + where
                    : "invalid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            if (e.getCause() instanceof MalformedUtf8Exception m) {
                throw lineError(f, m.line(), m.getMessage());
            }
            throw OwnerOnly.io("cannot read " + f.path(), e);
        }
    }

    private void finishFile(DataFile f) {
        long rows = current.rows();
        closeCurrent();
        ManifestFile m = f.expected();
        if (!verify || m == null) {
            return;
        }
        if (rows != m.rows()) {
            throw fileError(f, "holds " + rows + " rows, the manifest says " + m.rows());
        }
        if (m.sizeKnown() && hashing.bytes() != m.bytes()) {
            throw fileError(f, "size is " + hashing.bytes() + " bytes, the manifest says " + m.bytes());
        }
        String sha = hashing.sha256();
        if (!sha.equals(m.sha256())) {
            throw fileError(f, "sha256 is " + sha + ", the manifest says " + m.sha256()
                    + "; the file was changed after the export");
        }
    }

    private void finishTable() {
        finished = true;
        if (verify && expectedRows >= 0 && rowsRead != expectedRows) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table),
                    "the files hold " + rowsRead + " rows, the manifest's rowCount is " + expectedRows);
        }
    }

    private DecantException rowError(DataFile f, long line, BadValue b) {
        ErrorContext ctx = ErrorContext.EMPTY.withTable(table).withColumn(b.column())
                .withLocation(f.name() + " line " + line).withRow(rowsRead + 1, null);
        if (b.value() != null) {
            ctx = ctx.withValue(b.column() != null && secretColumns.contains(b.column()) ? "<secret>" : b.value());
        }
        if (b.rule() != null) {
            ctx = ctx.withRule(b.rule());
        }
        return new DecantException(b.code(), ctx, b.getMessage());
    }

    private DecantException lineError(DataFile f, long line, String detail) {
        return new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table)
                .withLocation(f.name() + " line " + line).withRow(rowsRead + 1, null), detail);
    }

    private DecantException fileError(DataFile f, String detail) {
        return new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table).withLocation(f.name()), detail);
    }

    @Override
    public long rowsRead() {
        return rowsRead;
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // Closing a file that was only read loses nothing.
            }
            current = null;
        }
    }

    @Override
    public void close() {
        finished = true;
        closeCurrent();
    }
}
