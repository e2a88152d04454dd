package io.decant.core.transform;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The rule for numbers going into a float32 (PostgreSQL {@code real}, MySQL {@code FLOAT}): strict
 * about loss, not about representation. A value loads when the float32 it becomes prints as the same
 * decimal, that is when the shortest decimal that reads back as that float32 equals the value:
 * 32.38 becomes the float32 nearest 32.38, which every database and client prints as 32.38, so the
 * user sees nothing change; 123.456789 would print as 123.45679 and is refused. A value the float32
 * holds exactly loads too (43326648, although its shortest form is 4.332665E7). With the cast option
 * {@code round: true} every finite value in range loads, rounded to the nearest float32.
 *
 * <p>Rejected alternative: exact binary equality ({@code (double) f == d}), which refused every
 * decimal fraction that is not a sum of powers of two (32.38, 0.05), although their float32 prints
 * the same digits; no user-visible meaning was protected by it.
 */
public final class Floats {
    static final String RULE_SHORTEST = "float32: only values whose float32 prints as the same decimal;"
            + " cast: {type: real, round: true} rounds to the nearest float32";
    static final String RULE_RANGE = "float32: at most 3.4028235E38 in magnitude";

    private Floats() {
    }

    /** The shortest decimal that reads back as {@code f} (the nearest one among the shortest); f finite. */
    public static BigDecimal shortest(float f) {
        if (f == 0f) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(f);
        for (int p = 1; p < 9; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.floatValue() == f) {
                return r;
            }
        }
        return exact.round(new MathContext(9, RoundingMode.HALF_EVEN));
    }

    /** A double into a float32 under the shortest-decimal rule; NaN and infinities stay what they are. */
    static float fromDouble(double d) {
        float f = (float) d;
        if ((double) f == d || Double.isNaN(d)) {
            return f;
        }
        if (Float.isInfinite(f)) {
            throw ConversionException.range(RULE_RANGE, d + " does not fit float32");
        }
        // The double's own decimal is its shortest one: what the source prints for it.
        BigDecimal decimal = new BigDecimal(Double.toString(d));
        if (shortest(f).compareTo(decimal) != 0) {
            throw refused(decimal, f);
        }
        return f;
    }

    static float fromDecimal(BigDecimal d) {
        float f = d.floatValue();
        if (Float.isInfinite(f)) {
            throw ConversionException.range(RULE_RANGE, d.toPlainString() + " does not fit float32");
        }
        if (d.signum() == 0 || shortest(f).compareTo(d) == 0 || new BigDecimal(f).compareTo(d) == 0) {
            return f;
        }
        throw refused(d, f);
    }

    /** Rounding to the nearest float32, for {@code round: true}; only the range is checked. */
    static float roundDouble(double d) {
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw ConversionException.range(RULE_RANGE, d + " does not fit float32");
        }
        return f;
    }

    static float roundDecimal(BigDecimal d) {
        float f = d.floatValue();
        if (Float.isInfinite(f)) {
            throw ConversionException.range(RULE_RANGE, d.toPlainString() + " does not fit float32");
        }
        return f;
    }

    private static ConversionException refused(BigDecimal d, float f) {
        return ConversionException.precision(RULE_SHORTEST, d.toPlainString() + " would become "
                + shortest(f).toPlainString() + " as a float32");
    }
}
