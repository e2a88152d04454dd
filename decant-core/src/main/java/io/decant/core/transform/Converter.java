package io.decant.core.transform;

/**
 * Converts one non-null value from one logical type's representation to another's. Chosen once per
 * column at plan time; the row loop only applies it. NULL never reaches a converter: NULL stays NULL.
 * A value it cannot convert is a {@link ConversionException}.
 */
@FunctionalInterface
public interface Converter {
    Converter IDENTITY = v -> v;

    Object convert(Object value);

    default Converter andThen(Converter next) {
        if (this == IDENTITY) {
            return next;
        }
        if (next == IDENTITY) {
            return this;
        }
        return v -> {
            Object mid = convert(v);
            return mid == null ? null : next.convert(mid);
        };
    }
}
