package io.decant.core.plan;

import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.transform.Conversion;

/**
 * How one target column gets its values.
 *
 * @param source     the source column it comes from, or null for a computed or constant column
 * @param target     the target column
 * @param targetType the target's native spelling, for plans
 * @param value      where the value comes from
 * @param conversion applied to every non-NULL value
 * @param ifNull     the value written when the source value is NULL (null: NULL stays NULL)
 * @param origin     how a plan describes it: "as is", a rename, a cast, an expression
 */
public record ColumnPlan(Column source, Column target, String targetType, ValueSource value, Conversion conversion,
                         Object ifNull, String origin) {

    /** A column copied from source column {@code index} of the read columns. */
    public static ColumnPlan copy(Column source, int index, Column target, String targetType, Conversion conversion) {
        return new ColumnPlan(source, target, targetType, new ValueSource.FromColumn(index), conversion, null, null);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (origin != null) {
            sb.append(origin);
        }
        if (!conversion.isIdentity()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(conversion.rule());
        }
        if (ifNull != null) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("NULL -> ").append(ifNull);
        }
        return sb.length() == 0 ? "as is" : sb.toString();
    }
}
