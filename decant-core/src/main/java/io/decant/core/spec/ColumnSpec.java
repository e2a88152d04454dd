package io.decant.core.spec;

import io.decant.core.transform.Casts;
import io.decant.core.transform.Expressions;
import io.decant.core.type.LogicalType;

/**
 * What happens to one source column. Every component is optional ({@code null} or {@code false}
 * when absent). For each row the engine computes: the source value, or {@code value} when given;
 * then {@code cast}; then {@code default} when the result is NULL.
 *
 * @param to           the target column's name, taken as written (naming does not apply to it)
 * @param cast         how the value is converted
 * @param value        a JEXL expression over the source row that replaces the value (see {@link Expressions})
 * @param type         the declared result type of {@code value}, when it cannot be inferred
 * @param defaultValue a constant for NULL results: Boolean, Long, BigDecimal or String as YAML reads
 *                     it; converted to the column's output type at plan time ({@link Casts#constant})
 * @param skip         the column is not migrated
 * @param asText       an unsupported source type is read as the database's text form
 * @param ref          the name of a remapped table ({@code ids}) whose ids this column holds; it is
 *                     rewritten through that table's mapping, like a declared foreign key
 * @param zeroDate     what MySQL's zero dates ({@code 0000-00-00}, {@code 2024-02-00}) in this column
 *                     become: {@link ZeroDates#NULL} or a date {@code YYYY-MM-DD}; null when not said
 */
public record ColumnSpec(String to, CastSpec cast, String value, LogicalType type, Object defaultValue, boolean skip,
                         boolean asText, String ref, String zeroDate) {

    public static final ColumnSpec NONE = new ColumnSpec(null, null, null, null, null, false, false, null, null);

    public ColumnSpec(String to, CastSpec cast, String value, LogicalType type, Object defaultValue, boolean skip,
                      boolean asText, String ref) {
        this(to, cast, value, type, defaultValue, skip, asText, ref, null);
    }

    /** Whether the column is copied as it is (modulo naming). */
    public boolean isPlain() {
        return equals(NONE);
    }
}
