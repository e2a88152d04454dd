package io.decant.core.run;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.plan.ColumnPlan;
import io.decant.core.plan.OrphanValue;
import io.decant.core.plan.TablePlan;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.Converter;
import java.util.Arrays;
import java.util.List;

/**
 * Turns rows as read into rows as written, following a table plan. Built once per table: the row
 * loop does no type dispatch, only each column's fixed value source and converter.
 */
public final class RowMapper {
    private final int width;
    private final int[] fromIndex;          // >= 0: copy this read column; -1: computed or constant
    private final ValueSource.RowFunction[] functions;
    private final Object[] constants;
    private final Converter[] converters;
    private final boolean[] identity;
    private final Object[] ifNull;
    private final String[] columnNames;
    private final int[] keyIndexes;
    private final String[] keyNames;
    private final int[] outKeyIndexes;
    private final String[] outKeyNames;
    private final TablePlan.RowFilter filter;
    private final RowIssues issues;
    private final boolean[] nullable;
    private final String filterText;
    private final String table;

    public RowMapper(TablePlan plan) {
        List<ColumnPlan> cols = plan.columns();
        width = cols.size();
        fromIndex = new int[width];
        functions = new ValueSource.RowFunction[width];
        constants = new Object[width];
        converters = new Converter[width];
        identity = new boolean[width];
        ifNull = new Object[width];
        columnNames = new String[width];
        for (int i = 0; i < width; i++) {
            ColumnPlan c = cols.get(i);
            fromIndex[i] = -1;
            // Java 17 has no pattern switch; the sealed interface keeps this list complete.
            ValueSource src = c.value();
            if (src instanceof ValueSource.FromColumn f) {
                fromIndex[i] = f.index();
            } else if (src instanceof ValueSource.Computed f) {
                functions[i] = f.function();
            } else if (src instanceof ValueSource.Constant k) {
                constants[i] = k.value();
            } else {
                throw new IllegalStateException("unknown value source " + src);
            }
            converters[i] = c.conversion().converter();
            identity[i] = c.conversion().isIdentity();
            ifNull[i] = c.ifNull();
            columnNames[i] = c.target().name();
        }
        List<String> key = plan.source().rowKey();
        List<String> read = plan.read().stream().map(c -> c.name()).toList();
        this.keyIndexes = key.stream().mapToInt(read::indexOf).filter(i -> i >= 0).toArray();
        this.keyNames = key.stream().filter(read::contains).toArray(String[]::new);
        List<String> written = cols.stream().map(c -> c.target().name()).toList();
        List<String> outKey = plan.target().rowKey();
        this.outKeyIndexes = outKey.stream().mapToInt(written::indexOf).filter(i -> i >= 0).toArray();
        this.outKeyNames = outKey.stream().filter(written::contains).toArray(String[]::new);
        this.filter = plan.filter();
        this.issues = plan.issues();
        this.nullable = new boolean[width];
        for (int i = 0; i < width; i++) {
            nullable[i] = cols.get(i).target().nullable();
        }
        this.filterText = plan.filterText();
        this.table = plan.name();
    }

    private Rejects rejects;
    private List<String> readNames;
    private RejectedRows rejected;
    private TablePlan plan;
    private List<String> writtenNames;

    /** Sets rows whose values fail to convert aside instead of failing the table ({@code --on-error reject}). */
    public RowMapper rejectingInto(Rejects r, TablePlan plan) {
        this.rejects = r;
        this.readNames = plan.read().stream().map(c -> c.name()).toList();
        return this;
    }

    /**
     * As {@link #rejectingInto(Rejects, TablePlan)}, and keeps references whole: a row whose parent row
     * was rejected is rejected too, and the keys of this table's rejected rows are recorded for its
     * children.
     */
    public RowMapper rejectingInto(Rejects r, TablePlan plan, RejectedRows rejected) {
        rejectingInto(r, plan);
        this.rejected = rejected;
        this.plan = plan;
        this.writtenNames = plan.targetColumns().stream().map(c -> c.name()).toList();
        return this;
    }

    /**
     * For a plan that writes every row as read, each column a read column as it is (no filter, no
     * conversion, no computed value, no NULL replacement): for each target column, the read column it
     * copies. Null for any other plan. Rows of such a plan may pass through in a wire form.
     */
    public int[] copiesAsIs() {
        if (filter != null || rejects != null) {
            return null;
        }
        for (int i = 0; i < width; i++) {
            if (fromIndex[i] < 0 || !identity[i] || ifNull[i] != null) {
                return null;
            }
        }
        return fromIndex.clone();
    }

    /** The row as written, or null when the plan's filter drops it (or it was rejected). */
    public Object[] map(Object[] in, long ordinal) {
        if (rejects == null) {
            return convert(in, ordinal);
        }
        Object[] out;
        try {
            out = convert(in, ordinal);
        } catch (DecantException e) {
            if (e.code().category() != io.decant.core.error.ErrorCode.Category.DATA) {
                throw e;
            }
            rejects.reject(table, ordinal, e, readNames, in);
            if (rejected != null) {
                rejected.rejected(plan, writtenNames, partial(in));
            }
            return null;
        }
        if (out != null && rejected != null) {
            DecantException orphaned = rejected.parentRejected(plan, out, ordinal, describeKey(in));
            if (orphaned != null) {
                rejects.reject(table, ordinal, orphaned, readNames, in);
                rejected.rejected(plan, writtenNames, out);
                return null;
            }
        }
        return out;
    }

    /**
     * The row as written as far as its columns convert one by one (null where one does not): for a
     * rejected row, the keys its children may reference.
     */
    private Object[] partial(Object[] in) {
        Object[] out = new Object[width];
        for (int i = 0; i < width; i++) {
            try {
                Object v = fromIndex[i] >= 0 ? in[fromIndex[i]] : functions[i] != null ? functions[i].apply(in) : constants[i];
                out[i] = v == null ? ifNull[i] : identity[i] ? v : converters[i].convert(v);
            } catch (RuntimeException e) {
                out[i] = null; // this column's value is not known; a key that needs it is not recorded
            }
        }
        return out;
    }

    private Object[] convert(Object[] in, long ordinal) {
        if (filter != null && !accept(in, ordinal)) {
            issues.countFiltered();
            return null;
        }
        Object[] out = new Object[width];
        for (int i = 0; i < width; i++) {
            Object v;
            int from = fromIndex[i];
            if (from >= 0) {
                v = in[from];
            } else if (functions[i] != null) {
                v = compute(i, in, ordinal);
            } else {
                v = constants[i];
            }
            if (v == null) {
                out[i] = ifNull[i];
            } else if (identity[i]) {
                out[i] = v;
            } else {
                try {
                    out[i] = converters[i].convert(v);
                } catch (ConversionException e) {
                    throw failure(e, i, in, ordinal, v);
                } catch (OrphanValue o) {
                    if (!orphan(o, i, in, ordinal)) {
                        return null;
                    }
                    out[i] = null;
                }
            }
        }
        return out;
    }

    /**
     * Applies the orphan policy: fail stops the run; skip drops the row; report keeps the row with the
     * reference set to NULL where the column allows it, and drops it where it does not. Returns
     * whether the row is kept. Either way the row is counted and, up to a sample, listed.
     */
    private boolean orphan(OrphanValue o, int i, Object[] in, long ordinal) {
        String key = describeKey(in);
        switch (o.policy) {
            case FAIL -> throw new DecantException(io.decant.core.error.ErrorCode.ORPHAN, ErrorContext.EMPTY
                    .withPhase("remap").withTable(table).withColumn(columnNames[i]).withRow(ordinal, key)
                    .withValue(o.value).withRule("orphans: fail"), "no mapping for " + o.reference
                    + ": its parent row is missing or the mapping lacks it; set orphans: report or skip in the spec"
                    + " to load the rest and list these rows");
            case SKIP -> {
                issues.record(new RowIssues.RowIssue(table, key, o.reference, ErrorContext.preview(o.value), "row skipped"),
                        true);
                return false;
            }
            case REPORT -> {
                boolean keep = nullable[i];
                issues.record(new RowIssues.RowIssue(table, key, o.reference, ErrorContext.preview(o.value),
                        keep ? "reference set to NULL" : "row skipped (" + columnNames[i] + " is NOT NULL)"), !keep);
                return keep;
            }
        }
        throw new IllegalStateException("unknown orphan policy " + o.policy);
    }

    private boolean accept(Object[] in, long ordinal) {
        try {
            return filter.accept(in);
        } catch (ConversionException e) {
            throw new DecantException(e.code(), ErrorContext.EMPTY.withPhase("filter").withTable(table)
                    .withRow(ordinal, describeKey(in)).withRule("where: " + filterText), e.getMessage());
        }
    }

    private Object compute(int i, Object[] in, long ordinal) {
        try {
            return functions[i].apply(in);
        } catch (ConversionException e) {
            throw failure(e, i, in, ordinal, null);
        }
    }

    private DecantException failure(ConversionException e, int i, Object[] in, long ordinal, Object value) {
        ErrorContext ctx = ErrorContext.EMPTY.withPhase("convert").withTable(table).withColumn(columnNames[i])
                .withRow(ordinal, describeKey(in)).withRule(e.rule());
        return new DecantException(e.code(), value == null ? ctx : ctx.withValue(value), e.getMessage());
    }

    /** {@code id=887} or {@code org_id=1, user_id=7}, from the row's key columns as read, for messages. */
    public String describeKey(Object[] in) {
        return describe(in, keyIndexes, keyNames);
    }

    /** The same, for a row as written (errors of the sink). */
    public String describeWrittenKey(Object[] out) {
        return describe(out, outKeyIndexes, outKeyNames);
    }

    private static String describe(Object[] row, int[] indexes, String[] names) {
        return RowKeys.of(Arrays.asList(names), row, indexes);
    }
}
