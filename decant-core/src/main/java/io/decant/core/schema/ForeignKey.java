package io.decant.core.schema;

import java.util.List;

/**
 * A foreign key: {@code columns} of the owning table reference {@code refColumns} of {@code refTable}.
 *
 * @param initiallyDeferred a deferrable key checked at commit unless a transaction says otherwise (PostgreSQL,
 *                          SQLite: {@code DEFERRABLE INITIALLY DEFERRED})
 */
public record ForeignKey(String name, List<String> columns, TableId refTable, List<String> refColumns,
                         boolean deferrable, String onDelete, String onUpdate, boolean initiallyDeferred) {
    public ForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }

    public ForeignKey(String name, List<String> columns, TableId refTable, List<String> refColumns) {
        this(name, columns, refTable, refColumns, false, null, null, false);
    }

    public ForeignKey(String name, List<String> columns, TableId refTable, List<String> refColumns,
                      boolean deferrable, String onDelete, String onUpdate) {
        this(name, columns, refTable, refColumns, deferrable, onDelete, onUpdate, false);
    }

    /** This key under another name, over other columns or to another table: its actions and timing stay. */
    public ForeignKey with(String newName, List<String> newColumns, TableId newRefTable, List<String> newRefColumns) {
        return new ForeignKey(newName, newColumns, newRefTable, newRefColumns, deferrable, onDelete, onUpdate,
                initiallyDeferred);
    }
}
