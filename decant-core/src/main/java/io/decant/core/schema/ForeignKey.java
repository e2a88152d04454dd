package io.decant.core.schema;

import java.util.List;

/** A foreign key: {@code columns} of the owning table reference {@code refColumns} of {@code refTable}. */
public record ForeignKey(String name, List<String> columns, TableId refTable, List<String> refColumns,
                         boolean deferrable, String onDelete, String onUpdate) {
    public ForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }

    public ForeignKey(String name, List<String> columns, TableId refTable, List<String> refColumns) {
        this(name, columns, refTable, refColumns, false, null, null);
    }
}
