package io.decant.core.engine;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.util.List;

/**
 * One table of a plan: read {@code sourceColumns} of {@code source}, convert, write {@code target}.
 *
 * @param create   whether decant creates the target table
 * @param notes    what a user should know: skipped columns, dropped foreign keys, cycles
 */
public record TablePlan(Table source, Table target, List<ColumnPlan> columns, boolean create, long sourceRows,
                        List<String> notes) {
    public TablePlan {
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }

    public List<Column> sourceColumns() {
        return columns.stream().map(ColumnPlan::source).toList();
    }

    public List<Column> targetColumns() {
        return columns.stream().map(ColumnPlan::target).toList();
    }

    public String name() {
        return source.id().display();
    }
}
