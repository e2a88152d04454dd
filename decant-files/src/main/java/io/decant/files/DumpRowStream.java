package io.decant.files;

import io.decant.core.convert.ConversionException;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.spi.RowStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rows of one table of a dump: seeks to each of the table's runs of INSERTs ({@link DumpTable.Run})
 * and reads exactly the statements the first pass counted there, one row at a time. A statement
 * that is not an INSERT into this table, or a row count that differs from the first pass, means the
 * file changed in between: FILE_CORRUPT. A value that does not convert is an error naming file,
 * line, table, column, row and value; the stream is then past that row ({@link #skipsBadRows()}).
 */
final class DumpRowStream implements RowStream {
    private static final int KEY_PREVIEW = 40;

    private final Path file;
    private final String fileName;
    private final DumpTable table;
    private final List<Column> columns;
    private final int[] positions;
    private final StoredValueDecoder[] decoders;
    private final Set<String> secretColumns;
    private final int[] keyPositions;
    private int run;
    private long statementsLeft;
    private SqlLexer lexer;
    private DumpInsert insert;
    private long rows;
    private boolean finished;

    DumpRowStream(Path file, String fileName, DumpTable table, List<Column> columns, int[] positions,
                  StoredValueDecoder[] decoders, Set<String> secretColumns) {
        this.file = file;
        this.fileName = fileName;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.positions = positions;
        this.decoders = decoders;
        this.secretColumns = Set.copyOf(secretColumns);
        this.keyPositions = table.primaryKey.stream().mapToInt(table::columnIndex).toArray();
    }

    @Override
    public boolean skipsBadRows() {
        return true;
    }

    @Override
    public Object[] next() {
        Object[] raw = nextRaw();
        if (raw == null) {
            return null;
        }
        rows++;
        Object[] row = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            Object v = raw[positions[i]];
            if (v != null) {
                try {
                    row[i] = decoders[i].decode(v);
                } catch (ConversionException e) {
                    throw valueError(i, v, raw, e);
                }
            }
        }
        return row;
    }

    private Object[] nextRaw() {
        while (!finished) {
            if (insert != null) {
                Object[] raw = insert.next();
                if (raw != null) {
                    return raw;
                }
                insert = null;
            }
            if (statementsLeft == 0) {
                closeLexer();
                if (run == table.runs.size()) {
                    finished = true;
                    if (rows != table.rows) {
                        throw changed(fileName, "holds " + rows + " rows of " + table.name + " now, " + table.rows + " when it was first read");
                    }
                    return null;
                }
                DumpTable.Run r = table.runs.get(run++);
                open(r);
                statementsLeft = r.statements();
            }
            statementsLeft--;
            long line = lexer.tokenLine;
            if (!lexer.isWord("INSERT") && !lexer.isWord("REPLACE")) {
                throw changed(fileName + " line " + line, "expected an INSERT INTO " + table.name + " here");
            }
            DumpInsert ins = new DumpInsert(lexer);
            if (!ins.tableName().toLowerCase(Locale.ROOT).equals(table.name.toLowerCase(Locale.ROOT))) {
                throw changed(fileName + " line " + line, "expected an INSERT INTO " + table.name + " here");
            }
            insert = ins.bind(table);
        }
        return null;
    }

    private void open(DumpTable.Run r) {
        try {
            lexer = new SqlLexer(file, fileName, r.offset(), r.line());
        } catch (NoSuchFileException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withTable(table.name).withLocation(fileName),
                    "the dump file is gone");
        } catch (IOException e) {
            throw OwnerOnly.io("cannot read " + file, e);
        }
    }

    private DecantException changed(String where, String detail) {
        return new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table.name).withLocation(where),
                detail + "; the file changed after it was first read");
    }

    private DecantException valueError(int i, Object v, Object[] raw, ConversionException e) {
        Column c = columns.get(i);
        String declared = table.columns.get(positions[i]).declared;
        String shown = secretColumns.contains(c.name()) ? "<secret>" : null;
        ErrorContext ctx = ErrorContext.EMPTY.withTable(table.name).withColumn(c.name())
                .withLocation(fileName + " line " + insert.rowLine).withRow(rows, rowKey(raw))
                .withValue(shown != null ? shown : v).withRule(e.rule());
        return new DecantException(e.code(), ctx, e.getMessage() + "; the value's storage class was "
                + StoredValueDecoder.className(StoredValueDecoder.classOf(v)) + ", in a column "
                + (declared.isEmpty() ? "without declared type" : "declared " + declared) + " read as " + decoders[i].type());
    }

    /** {@code id=887}, or {@code a=1, b=x} for a composite key; null when the table has no key. */
    private String rowKey(Object[] raw) {
        if (keyPositions.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < keyPositions.length; k++) {
            String name = table.columns.get(keyPositions[k]).name;
            Object v = raw[keyPositions[k]];
            String s = secretColumns.contains(name) ? "<secret>" : v instanceof byte[] b ? "<" + b.length + " bytes>" : String.valueOf(v);
            if (s.length() > KEY_PREVIEW) {
                s = s.substring(0, KEY_PREVIEW) + "...";
            }
            sb.append(k == 0 ? "" : ", ").append(name).append('=').append(s);
        }
        return sb.toString();
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    private void closeLexer() {
        if (lexer != null) {
            lexer.close();
            lexer = null;
        }
    }

    @Override
    public void close() {
        finished = true;
        closeLexer();
    }
}
