package io.decant.core.engine;

import io.decant.core.convert.Conversion;
import io.decant.core.schema.Column;

/**
 * How one target column gets its values: from a source column through a conversion.
 *
 * @param targetType the target's native spelling, for plans
 */
public record ColumnPlan(Column source, Column target, String targetType, Conversion conversion) {
}
