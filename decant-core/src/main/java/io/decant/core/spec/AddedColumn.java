package io.decant.core.spec;

import io.decant.core.transform.Expressions;
import io.decant.core.type.LogicalType;
import java.util.Objects;

/**
 * A column that the source does not have, computed from the source row.
 *
 * @param value a JEXL expression over the source row (see {@link Expressions})
 * @param cast  applied to the expression's result; {@code null} for none
 * @param type  the declared result type of the expression; {@code null} to infer it
 */
public record AddedColumn(String value, CastSpec cast, LogicalType type) {
    public AddedColumn {
        Objects.requireNonNull(value, "value");
    }
}
