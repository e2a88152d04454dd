package io.decant.core.transform;

import io.decant.core.type.LogicalType;

/**
 * A converter together with its description for plans: {@code text -> uuid (strict 8-4-4-4-12 hex)}.
 */
public record Conversion(LogicalType from, LogicalType to, Converter converter, String rule) {
    public boolean isIdentity() {
        return converter == Converter.IDENTITY;
    }

    public static Conversion identity(LogicalType type) {
        return new Conversion(type, type, Converter.IDENTITY, "as is");
    }

    public Conversion then(Conversion next) {
        if (isIdentity()) {
            return new Conversion(from, next.to, next.converter, next.rule);
        }
        if (next.isIdentity()) {
            return new Conversion(from, next.to, converter, rule);
        }
        return new Conversion(from, next.to, converter.andThen(next.converter), rule + ", then " + next.rule);
    }
}
