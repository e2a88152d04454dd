package io.decant.core.plan;

import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.transform.Conversion;

/**
 * A column as the spec shapes it, before it meets the target: its name and type in the target,
 * where its value comes from, the spec's cast, and the default for NULL.
 *
 * @param source the source column it comes from, or null when computed or merged
 * @param name   the target column's name
 * @param origin how plans describe it: rename, expression, merge
 */
record ShapedColumn(Column source, String name, ValueSource value, Conversion cast, Object ifNull, boolean nullable,
                    String origin) {
    io.decant.core.type.LogicalType type() {
        return cast.to();
    }
}
