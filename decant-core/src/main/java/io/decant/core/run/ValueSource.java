package io.decant.core.run;

import io.decant.core.plan.ColumnPlan;

/**
 * Where a target column's value comes from, decided at plan time. The value then goes through the
 * column's conversion (unless it is NULL: NULL stays NULL, or becomes {@code ColumnPlan.ifNull}).
 */
public sealed interface ValueSource {
    /** The value of the source column at {@code index} among the columns read. */
    record FromColumn(int index) implements ValueSource {
    }

    /** Computed from the source row by a function compiled at plan time (an expression of the spec). */
    record Computed(RowFunction function, String text) implements ValueSource {
    }

    /** The same value for every row. */
    record Constant(Object value) implements ValueSource {
    }

    /** A function of the row as read (all read columns, in read order). */
    @FunctionalInterface
    interface RowFunction {
        Object apply(Object[] row);
    }
}
