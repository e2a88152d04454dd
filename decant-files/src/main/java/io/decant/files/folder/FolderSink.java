package io.decant.files.folder;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.TableSink;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.util.Jackson;
import io.decant.core.util.OwnerOnlyFiles;
import io.decant.files.json.BadValue;
import io.decant.files.json.ValueEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes one table into the folder. Rows go to hidden temp files ({@code .users.jsonl.tmp}); nothing
 * is visible until {@link #commit()}, which fsyncs each file, renames it into place and records the
 * table in manifest.json. {@link #abort()} deletes the temp files, so an aborted table leaves the
 * folder as it was. With {@code rowsPerFile} the table is cut into parts every N rows; the parts are
 * named {@code users.00001.jsonl}... only if there is more than one, so small tables keep the
 * plain name the FreshTrack scripts used.
 */
final class FolderSink implements TableSink {
    private static final int BUFFER = 1 << 16;

    private final FolderTarget target;
    private final Table table;
    private final List<Column> columns;
    private final String base;
    private final Format format;
    private final long rowsPerFile;
    private final SerializedString[] names;
    private final ValueEncoder[] encoders;
    private final AsyncChecksum checksum;
    private final boolean jsonNullAsSqlNull;
    private final boolean omitNulls;
    private final int[] keyIndex;
    private final boolean[] jsonColumn;
    private final Set<String> secretColumns;
    private final List<Part> parts = new ArrayList<>();
    private FileChannel channel;
    private HashingOutputStream hashing;
    private JsonGenerator gen;
    private long rowsInPart;
    private long rows;
    private long bytesBefore;
    private boolean closed;

    private record Part(Path temp, long rows, String sha256, long bytes) {
    }

    FolderSink(FolderTarget target, Table table, List<Column> columns, String base, Format format, long rowsPerFile,
               boolean withChecksum, FolderFlavour flavour, Set<String> secretColumns) {
        this.target = target;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.base = base;
        this.format = format;
        this.rowsPerFile = rowsPerFile;
        this.names = columns.stream().map(c -> new SerializedString(c.name())).toArray(SerializedString[]::new);
        this.encoders = columns.stream().map(c -> flavour.encoder(c.type())).toArray(ValueEncoder[]::new);
        this.checksum = withChecksum ? new AsyncChecksum(columns.stream().map(Column::type).toList(), table.id().display()) : null;
        this.jsonNullAsSqlNull = flavour.jsonNullReadsAsSqlNull();
        this.omitNulls = flavour.omitNulls();
        this.keyIndex = table.rowKey().stream().mapToInt(k -> indexOf(columns, k)).filter(i -> i >= 0).toArray();
        this.jsonColumn = new boolean[columns.size()];
        for (int i = 0; i < jsonColumn.length; i++) {
            jsonColumn[i] = columns.get(i).type().kind() == Kind.JSON;
        }
        this.secretColumns = Set.copyOf(secretColumns);
    }

    @Override
    public void write(Object[] row) {
        if (closed) {
            throw DecantException.internal("write after commit or abort on " + table.id().display(), null);
        }
        try {
            if (gen == null || (rowsPerFile > 0 && rowsInPart == rowsPerFile)) {
                nextPart();
            }
            if (format == Format.JSON && rowsInPart > 0) {
                gen.writeRaw(",\n");
            }
            gen.writeStartObject();
            for (int i = 0; i < encoders.length; i++) {
                Object v = row[i];
                if (v == null) {
                    if (!omitNulls) {
                        gen.writeFieldName(names[i]);
                        gen.writeNull();
                    }
                } else {
                    gen.writeFieldName(names[i]);
                    encode(i, v, row);
                }
            }
            gen.writeEndObject();
            if (format == Format.JSONL) {
                gen.writeRaw('\n');
            }
        } catch (IOException e) {
            throw OwnerOnly.io("cannot write " + base + "." + format.extension(), e);
        }
        rowsInPart++;
        rows++;
        if (checksum != null) {
            checksum.add(jsonNullAsSqlNull ? asReadBack(row) : row);
        }
    }

    private void encode(int i, Object v, Object[] row) throws IOException {
        try {
            encoders[i].write(gen, v);
        } catch (BadValue b) {
            throw valueError(i, b.code(), b.getMessage(), b.value(), b.rule(), row);
        } catch (ClassCastException e) {
            throw DecantException.internal(table.id().display() + "." + columns.get(i).name() + ": a "
                    + v.getClass().getSimpleName() + " reached a column of type " + columns.get(i).type(), e);
        } catch (com.fasterxml.jackson.core.JsonGenerationException e) {
            // For example a string with a lone UTF-16 surrogate, which has no UTF-8 form.
            throw valueError(i, ErrorCode.VALUE_INVALID, "cannot be written as JSON: " + e.getOriginalMessage(), v, null, row);
        }
    }

    private DecantException valueError(int i, ErrorCode code, String detail, Object value, String rule, Object[] row) {
        String column = columns.get(i).name();
        ErrorContext ctx = ErrorContext.EMPTY.withTable(table.id().display()).withColumn(column).withRow(rows + 1, rowKey(row))
                .withValue(secretColumns.contains(column) ? "<secret>" : value);
        return new DecantException(code, rule == null ? ctx : ctx.withRule(rule), detail);
    }

    /** The row's primary key as messages show it ({@code id=887}), or {@code null} when the table has none. */
    private String rowKey(Object[] row) {
        if (keyIndex.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k : keyIndex) {
            String name = columns.get(k).name();
            RowKeys.append(sb, name, name, row[k], secretColumns.contains(name));
        }
        return sb.toString();
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The row as a reader will see it, for the checksum: a JSON null document reads back as SQL NULL. */
    private Object[] asReadBack(Object[] row) {
        Object[] copy = null;
        for (int i = 0; i < jsonColumn.length; i++) {
            if (jsonColumn[i] && row[i] instanceof JsonText j && j.text().strip().equals("null")) {
                if (copy == null) {
                    copy = row.clone();
                }
                copy[i] = null;
            }
        }
        return copy == null ? row : copy;
    }

    private void nextPart() throws IOException {
        if (gen != null) {
            closePart();
        }
        Path temp = target.dir().resolve(FileNames.temp(FileNames.part(base, parts.size() + 1, format)));
        channel = OwnerOnlyFiles.create(temp);
        parts.add(new Part(temp, -1, null, -1));
        hashing = new HashingOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
        gen = Jackson.DATA.createGenerator(hashing);
        gen.setRootValueSeparator(null);
        rowsInPart = 0;
        if (format == Format.JSON) {
            gen.writeRaw("[\n");
        }
    }

    /** Finishes the current part: closing bracket, flush, fsync. */
    private void closePart() throws IOException {
        if (format == Format.JSON) {
            gen.writeRaw(rowsInPart > 0 ? "\n]\n" : "]\n");  // an empty table is "[\n]\n"
        }
        gen.close();
        hashing.flush();
        channel.force(true);
        channel.close();
        int last = parts.size() - 1;
        parts.set(last, new Part(parts.get(last).temp(), rowsInPart, hashing.sha256(), hashing.bytes()));
        bytesBefore += hashing.bytes();
        gen = null;
        channel = null;
    }

    @Override
    public long commit() {
        if (closed) {
            throw DecantException.internal("commit after commit or abort on " + table.id().display(), null);
        }
        List<ManifestFile> files = new ArrayList<>();
        try {
            if (gen == null && parts.isEmpty()) {
                nextPart();  // an empty table still gets its (empty) file, so import finds what export wrote
            }
            if (gen != null) {
                closePart();
            }
            for (int i = 0; i < parts.size(); i++) {
                Part p = parts.get(i);
                String name = parts.size() == 1 ? FileNames.single(base, format) : FileNames.part(base, i + 1, format);
                files.add(new ManifestFile(name, p.rows(), p.sha256(), p.bytes()));
            }
        } catch (IOException e) {
            abort();
            throw OwnerOnly.io("cannot write " + base + "." + format.extension(), e);
        }
        target.commitTable(this, table, columns, rows, files, checksum == null ? null : checksum.finish(),
                parts.stream().map(Part::temp).toList());
        closed = true;
        return rows;
    }

    String base() {
        return base;
    }

    io.decant.core.schema.TableId tableId() {
        return table.id();
    }

    @Override
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        if (checksum != null) {
            checksum.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // The file is deleted next; a close failure changes nothing.
            }
        }
        for (Part p : parts) {
            try {
                Files.deleteIfExists(p.temp());
            } catch (IOException e) {
                // Left behind only as a hidden .tmp file, which readers never open.
            }
        }
        target.released(this);
    }

    @Override
    public long bytesWritten() {
        return bytesBefore + (hashing != null && gen != null ? hashing.bytes() : 0);
    }
}
