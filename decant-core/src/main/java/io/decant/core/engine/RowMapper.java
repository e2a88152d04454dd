package io.decant.core.engine;

import io.decant.core.convert.ConversionException;
import io.decant.core.convert.Converter;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import java.util.List;

/**
 * Applies a table plan's conversions to source rows. Built once per table; the row loop does no
 * type dispatch: identity columns are copied, the others go through their fixed converter.
 */
public final class RowMapper {
    private final Converter[] converters;
    private final boolean[] identity;
    private final String[] columnNames;
    private final int[] keyIndexes;
    private final String[] keyNames;
    private final String table;

    public RowMapper(TablePlan plan) {
        List<ColumnPlan> cols = plan.columns();
        int n = cols.size();
        this.converters = new Converter[n];
        this.identity = new boolean[n];
        this.columnNames = new String[n];
        for (int i = 0; i < n; i++) {
            converters[i] = cols.get(i).conversion().converter();
            identity[i] = cols.get(i).conversion().isIdentity();
            columnNames[i] = cols.get(i).source().name();
        }
        List<String> key = plan.source().rowKey();
        List<String> read = cols.stream().map(c -> c.source().name()).toList();
        this.keyIndexes = key.stream().mapToInt(read::indexOf).filter(i -> i >= 0).toArray();
        this.keyNames = key.stream().filter(read::contains).toArray(String[]::new);
        this.table = plan.name();
    }

    /** Converts {@code row} in place and returns it. */
    public Object[] map(Object[] row, long ordinal) {
        for (int i = 0; i < converters.length; i++) {
            Object v = row[i];
            if (v != null && !identity[i]) {
                try {
                    row[i] = converters[i].convert(v);
                } catch (ConversionException e) {
                    throw new DecantException(e.code(), ErrorContext.EMPTY.withPhase("convert").withTable(table)
                            .withColumn(columnNames[i]).withRow(ordinal, describeKey(row)).withValue(v)
                            .withRule(e.rule()), e.getMessage());
                }
            }
        }
        return row;
    }

    /** {@code id=887} or {@code org_id=1, user_id=7}, from the row's key columns, for messages. */
    public String describeKey(Object[] row) {
        if (keyIndexes.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < keyIndexes.length; k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(keyNames[k]).append('=').append(ErrorContext.preview(row[keyIndexes[k]]));
        }
        return sb.toString();
    }
}
