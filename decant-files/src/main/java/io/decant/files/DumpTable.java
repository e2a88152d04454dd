package io.decant.files;

import java.util.ArrayList;
import java.util.List;

/**
 * What the first pass over a dump learned about one table: its CREATE TABLE, the indexes created
 * on it, its row count, the storage classes seen per column, and where its INSERTs are.
 */
final class DumpTable {
    /** One column definition as declared. */
    static final class ColumnDef {
        final String name;
        String declared = "";
        boolean notNull;
        boolean primaryKey;
        boolean autoincrement;
        boolean unique;
        boolean hasDefault;
        boolean generated;
        /** Bit {@code 1 << storage class} for each class seen in the values ({@link StoredValueDecoder}). */
        int classes;

        ColumnDef(String name) {
            this.name = name;
        }
    }

    /** A foreign key as written; {@code refColumns} is empty when the parent's primary key is meant. */
    record Reference(List<String> columns, String refTable, List<String> refColumns, String onDelete, String onUpdate) {
    }

    /** An index as created; unique constraints of the CREATE TABLE have {@code constraint} set. */
    record IndexDef(String name, List<String> columns, boolean unique, boolean constraint) {
    }

    /**
     * A run of consecutive INSERT statements into this table: where the first starts and how many
     * there are. A dump writes one run per table, so the index stays as small as the schema.
     */
    record Run(long offset, long line, long statements) {
    }

    final String name;
    final long line;
    final List<ColumnDef> columns = new ArrayList<>();
    final List<String> primaryKey = new ArrayList<>();
    final List<IndexDef> indexes = new ArrayList<>();
    final List<Reference> references = new ArrayList<>();
    final List<Run> runs = new ArrayList<>();
    boolean withoutRowid;
    long rows;

    DumpTable(String name, long line) {
        this.name = name;
        this.line = line;
    }

    ColumnDef column(String n) {
        for (ColumnDef c : columns) {
            if (c.name.equalsIgnoreCase(n)) {
                return c;
            }
        }
        return null;
    }

    int columnIndex(String n) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name.equalsIgnoreCase(n)) {
                return i;
            }
        }
        return -1;
    }

    /** Counts one more INSERT statement starting at {@code offset}, extending the last run when it continues it. */
    void insertAt(long offset, long atLine, boolean continuesRun) {
        if (continuesRun && !runs.isEmpty()) {
            Run last = runs.remove(runs.size() - 1);
            runs.add(new Run(last.offset(), last.line(), last.statements() + 1));
        } else {
            runs.add(new Run(offset, atLine, 1));
        }
    }
}
