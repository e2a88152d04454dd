package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code INSERT INTO t [(a, b)] VALUES (...)[, (...)];} statement, read a row at a time so that a
 * multi-row VALUES list is never held whole. Used by both passes, so that the first pass reports
 * exactly what the second would meet. {@code REPLACE INTO} and {@code INSERT OR ...} are read the
 * same way; INSERT ... SELECT, DEFAULT VALUES and upserts are errors.
 */
final class DumpInsert {
    private final SqlLexer lx;
    private final String tableName;
    private final List<String> listed;
    private DumpTable table;
    private int[] target;
    private boolean done;
    private final List<Object> values = new ArrayList<>();
    /** The line where the last row returned starts. */
    long rowLine;

    /** Reads the statement's head; the lexer is on INSERT or REPLACE. */
    DumpInsert(SqlLexer lx) {
        this.lx = lx;
        lx.advance();
        if (lx.isWord("OR")) {
            lx.advance();
            lx.advance();
        }
        if (!lx.isWord("INTO")) {
            throw lx.error("expected INTO, found " + lx.describe());
        }
        lx.advance();
        tableName = DumpDdl.qualifiedName(lx, "a table name");
        listed = lx.isPunct("(") ? DumpDdl.names(lx) : null;
        if (listed != null && listed.contains(null)) {
            throw lx.error("INSERT INTO " + tableName + ": the column list holds something that is not a column name");
        }
    }

    String tableName() {
        return tableName;
    }

    /** Binds the statement to its table, checking the column list; leaves the lexer on the first row. */
    DumpInsert bind(DumpTable t) {
        try {
            table = t;
            if (listed == null) {
                List<Integer> positions = new ArrayList<>();
                for (int i = 0; i < t.columns.size(); i++) {
                    if (!t.columns.get(i).generated) {
                        positions.add(i); // sqlite3 leaves generated columns out of its INSERTs
                    }
                }
                target = positions.stream().mapToInt(Integer::intValue).toArray();
            } else {
                target = new int[listed.size()];
                boolean[] seen = new boolean[t.columns.size()];
                for (int i = 0; i < listed.size(); i++) {
                    int at = t.columnIndex(listed.get(i));
                    if (at < 0) {
                        throw lx.error("INSERT INTO " + t.name + " names column " + listed.get(i)
                                + ", which CREATE TABLE " + t.name + " does not declare");
                    }
                    if (seen[at]) {
                        throw lx.error("INSERT INTO " + t.name + " names column " + listed.get(i) + " twice");
                    }
                    seen[at] = true;
                    target[i] = at;
                }
                for (int i = 0; i < seen.length; i++) {
                    DumpTable.ColumnDef c = t.columns.get(i);
                    if (!seen[i] && c.hasDefault && !c.generated) {
                        throw lx.error("INSERT INTO " + t.name + " leaves out column " + c.name
                                + ", whose DEFAULT decant does not evaluate; the dump should list every column");
                    }
                }
            }
            if (!lx.isWord("VALUES")) {
                throw lx.error("INSERT INTO " + t.name + " without VALUES (" + lx.describe() + "): decant reads only VALUES lists");
            }
            lx.advance();
            return this;
        } catch (DecantException e) {
            throw e.within(ErrorContext.EMPTY.withTable(t.name));
        }
    }

    /** The next row as the table's columns in order (unlisted columns NULL), or null after the statement's semicolon. */
    Object[] next() {
        if (done) {
            return null;
        }
        try {
            rowLine = lx.tokenLine;
            lx.expectPunct("(", "before a row's values");
            values.clear();
            values.add(SqlValues.read(lx));
            while (lx.isPunct(",")) {
                lx.advance();
                values.add(SqlValues.read(lx));
            }
            if (!lx.isPunct(")")) {
                throw lx.error("expected ',' or ')' in a row's values, found " + lx.describe());
            }
            lx.advance();
            if (values.size() != target.length) {
                throw lx.error(rowLine, "a row of " + values.size() + " values for " + target.length + " columns ("
                        + String.join(", ", columnNames()) + ")");
            }
            Object[] row = new Object[table.columns.size()];
            for (int i = 0; i < target.length; i++) {
                row[target[i]] = values.get(i);
            }
            if (lx.isPunct(",")) {
                lx.advance();
            } else if (lx.isPunct(";") || lx.kind == SqlLexer.Kind.EOF) {
                lx.advance();
                done = true;
            } else {
                throw lx.error("expected ',' or ';' after a row, found " + lx.describe());
            }
            return row;
        } catch (DecantException e) {
            throw e.within(ErrorContext.EMPTY.withTable(table.name));
        }
    }

    private List<String> columnNames() {
        List<String> out = new ArrayList<>();
        for (int t : target) {
            out.add(table.columns.get(t).name);
        }
        return out;
    }
}
