package io.decant.core.verify;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.util.List;

/** NULLs in a NOT NULL column of the target (a folder or a JSON target enforces nothing). */
final class NullsProbe implements Probe {
    private final Table table;
    private final String column;
    private final int at;
    private final ProbeRows.Hits hits;
    private final boolean enforced;

    /**
     * @param names    the names of the run's columns, in row order
     * @param enforced whether the target itself refuses NULL in the column ({@link
     *                 io.decant.core.spi.SourceDatabase#enforcesNotNull}): then no row is read for this check
     */
    NullsProbe(Table table, Column column, List<String> names, int maxExamples, boolean enforced) {
        this.enforced = enforced;
        this.table = table;
        this.column = column.name();
        int[] idx = ProbeRows.indexes(List.of(this.column), names);
        this.at = idx[0];
        this.hits = new ProbeRows.Hits(maxExamples, idx, List.of(this.column));
    }

    @Override
    public void accept(Object[] row) {
        if (row[at] == null) {
            hits.hit(row);
        }
    }

    @Override
    public boolean readsRows() {
        return !enforced;
    }

    @Override
    public IntegrityCheck result(ProbeSql sql) {
        return new IntegrityCheck("nulls", table.id().display(), table.id().display() + "." + column + " NOT NULL"
                + (enforced ? ", enforced by the target's NOT NULL constraint" : ""),
                hits.count() == 0 ? Status.PASS : Status.FAIL, hits.count(),
                "SELECT count(*) FROM " + sql.quote(table.id()) + " WHERE " + sql.quote(column) + " IS NULL",
                hits.examples());
    }
}
