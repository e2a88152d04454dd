package io.decant.core.transform;

import io.decant.core.spec.CastSpec;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;

/**
 * {@code cents}: an amount becomes an exact int64 count of hundredths, as document stores keep
 * money (12.34 -> 1234). Nothing is rounded: 12.345 is a precision error, not 1234 or 1235. A
 * float (SQLite's REAL money) is first read back to 2 decimals by {@link Decimals#fit}'s
 * rule, which only removes binary noise (0.30000000000000004 -> 0.30).
 */
final class CentsCast {
    static final String RULE = "cents: the amount times 100 must be a whole number within int64; NULL stays NULL";
    private static final LogicalType TWO_PLACES = LogicalType.decimal(0, 2);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private CentsCast() {
    }

    static Conversion of(CastSpec cast, LogicalType from) {
        String rule = from + " -> int64 cents (exact, x100)";
        return switch (from.kind()) {
            case DECIMAL -> new Conversion(from, LogicalType.INT64, v -> cents((BigDecimal) v), rule);
            case INT16, INT32, INT64 -> new Conversion(from, LogicalType.INT64, v -> {
                long n = ((Number) v).longValue();
                try {
                    return Math.multiplyExact(n, 100L);
                } catch (ArithmeticException e) {
                    throw ConversionException.range(RULE, n + " x 100 does not fit int64");
                }
            }, rule);
            case FLOAT64 -> new Conversion(from, LogicalType.INT64,
                    v -> cents(fitTwoPlaces(Decimals.ofDouble((Double) v))), rule + ", binary noise removed");
            case FLOAT32 -> new Conversion(from, LogicalType.INT64,
                    v -> cents(fitTwoPlaces(floatDecimal((Float) v))), rule + ", binary noise removed");
            case TEXT -> new Conversion(from, LogicalType.INT64, v -> cents(TextParsers.parseDecimal((String) v)),
                    rule + ", text read as a decimal");
            case BOOLEAN, BYTES, UUID, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ARRAY ->
                    throw Casts.impossible(cast, from, "; cents takes a decimal, integer, float or text amount");
        };
    }

    private static BigDecimal floatDecimal(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            throw ConversionException.invalid(RULE, f + " is not an amount");
        }
        return new BigDecimal(Float.toString(f));
    }

    private static BigDecimal fitTwoPlaces(BigDecimal d) {
        try {
            return Decimals.fit(d, TWO_PLACES);
        } catch (ConversionException e) {
            throw ConversionException.precision(RULE, d.toPlainString() + " is not a whole number of cents");
        }
    }

    static long cents(BigDecimal amount) {
        BigDecimal c = amount.movePointRight(2);
        if (c.signum() != 0 && c.stripTrailingZeros().scale() > 0) {
            throw ConversionException.precision(RULE, amount.toPlainString() + " is not a whole number of cents");
        }
        if (c.compareTo(LONG_MIN) < 0 || c.compareTo(LONG_MAX) > 0) {
            throw ConversionException.range(RULE, amount.toPlainString() + " x 100 does not fit int64");
        }
        return c.longValue();
    }
}
