package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.Conversions;
import io.decant.core.transform.Converter;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Rows of a child table whose reference (a foreign key, or one the spec declares) names no row of
 * its parent: the reference's 64-bit hash looked up in the parent's key set, read before.
 */
final class OrphansProbe implements Probe {
    private final Table table;
    private final ForeignKey fk;
    private final List<String> columns;
    private final int[] idx;
    private final RowHasher hasher;
    /** The parent's key hashes; null when the parent is not read before this table (a cycle): nothing is checked. */
    private final LongHashSet parentKeys;
    private final ProbeRows.Hits hits;
    /** Set when the reference is compared by value in the parent key's types ({@link #compareAs}). */
    private Converter[] toParent;
    private RowHasher parentHasher;
    private Object[] converted;

    /**
     * @param names the names of the run's columns, in row order; {@code cols} the columns themselves
     * @param parent the parent table as the target declares it, or null
     */
    OrphansProbe(Table table, ForeignKey fk, List<String> names, List<Column> cols, LongHashSet parentKeys,
                 Table parent, int maxExamples) {
        this.table = table;
        this.fk = fk;
        this.columns = fk.columns();
        this.idx = ProbeRows.indexes(columns, names);
        this.hasher = ProbeRows.hasher(columns, names, cols);
        this.parentKeys = parentKeys;
        this.hits = new ProbeRows.Hits(maxExamples, idx, columns);
        compareAs(parent);
    }

    /**
     * A reference whose column type differs from the parent key's (a text column holding uuids) is
     * compared by value: converted to the key's type first; a value that does not convert is an orphan.
     */
    private void compareAs(Table parent) {
        if (parent == null) {
            return;
        }
        List<LogicalType> parentTypes = fk.refColumns().stream().map(c -> parent.column(c).type()).toList();
        boolean same = true;
        Conversions conv = Conversions.utc();
        Converter[] cs = new Converter[idx.length];
        for (int i = 0; i < idx.length; i++) {
            var childType = table.column(columns.get(i)).type();
            var parentType = parentTypes.get(i);
            if (childType.kind() == parentType.kind() || !conv.exists(childType, parentType)) {
                cs[i] = Converter.IDENTITY;
            } else {
                cs[i] = conv.find(childType, parentType).converter();
                same = false;
            }
        }
        if (!same) {
            toParent = cs;
            parentHasher = new RowHasher(parentTypes, IntStream.range(0, idx.length).toArray());
            converted = new Object[idx.length];
        }
    }

    @Override
    public void accept(Object[] row) {
        if (parentKeys != null && !ProbeRows.anyNull(row, idx) && isOrphan(row)) {
            hits.hit(row);
        }
    }

    private boolean isOrphan(Object[] row) {
        if (toParent == null) {
            return !parentKeys.contains(hasher.keyHash(row));
        }
        try {
            for (int i = 0; i < idx.length; i++) {
                converted[i] = toParent[i].convert(row[idx[i]]);
            }
        } catch (ConversionException e) {
            return true;
        }
        return !parentKeys.contains(parentHasher.keyHash(converted));
    }

    @Override
    public IntegrityCheck result(ProbeSql sql) {
        String subject = table.id().display() + "." + String.join(",", columns) + " -> "
                + fk.refTable().display() + "." + String.join(",", fk.refColumns());
        return new IntegrityCheck("orphans", table.id().display(), subject,
                hits.count() == 0 ? Status.PASS : Status.FAIL, hits.count(), orphanSql(sql), hits.examples());
    }

    private String orphanSql(ProbeSql sql) {
        StringBuilder on = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                on.append(" AND ");
            }
            on.append("p.").append(sql.quote(fk.refColumns().get(i))).append(" = c.").append(sql.quote(columns.get(i)));
        }
        return "SELECT count(*) FROM " + sql.quote(table.id()) + " c WHERE " + columns.stream()
                .map(c -> "c." + sql.quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "))
                + " AND NOT EXISTS (SELECT 1 FROM " + sql.quote(fk.refTable()) + " p WHERE " + on + ")";
    }
}
