package io.decant.core.transform;

import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.function.DoubleFunction;

/** Decimal rules; see {@link #ofDouble} for the rule on REAL money. */
public final class Decimals {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    static final int NOISE_ULPS = 16;

    private Decimals() {
    }

    /** The ways out for a value no decimal holds: a float column keeps it, a skipped column is not read. */
    static final String FLOAT_OR_SKIP = "; load it into a float column (double precision), which keeps NaN and"
            + " infinities, or leave the column out with skip: true";

    /**
     * A double as a decimal: the shortest decimal that reads back as the same double (so SQLite's
     * REAL {@code 12.5} is {@code 12.5}, not {@code 12.5000000000000000000}). NaN and infinities
     * have no decimal.
     */
    public static BigDecimal ofDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw ConversionException.invalid("float -> decimal: finite values only", d + " has no decimal value" + FLOAT_OR_SKIP);
        }
        return new BigDecimal(Double.toString(d));
    }

    static BigDecimal ofFloat(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            throw ConversionException.invalid("float -> decimal: finite values only", f + " has no decimal value" + FLOAT_OR_SKIP);
        }
        return new BigDecimal(Float.toString(f));
    }

    static long exactLong(BigDecimal d) {
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw ConversionException.precision("decimal -> integer: whole numbers only", d.toPlainString() + " has a fraction");
        }
        if (d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
            throw ConversionException.range("int64", d.toPlainString() + " does not fit int64");
        }
        return d.longValue();
    }

    static double roundDouble(BigDecimal d) {
        double x = d.doubleValue();
        if (Double.isInfinite(x)) {
            throw ConversionException.range("float64: at most 1.7976931348623157E308 in magnitude",
                    d.toPlainString() + " does not fit float64");
        }
        return x;
    }

    static double exactDouble(BigDecimal d) {
        double x = d.doubleValue();
        if (Double.isInfinite(x) || new BigDecimal(Double.toString(x)).compareTo(d) != 0) {
            throw ConversionException.precision("decimal -> float64: only values a float64 holds exactly",
                    d.toPlainString() + " is not exactly a float64");
        }
        return x;
    }

    /**
     * Brings a decimal to a declared {@code decimal(p,s)}. More fractional digits than {@code s}
     * are accepted only when they are the noise of a binary double (see {@link #isFloatNoise}):
     * SQLite stores {@code 0.1 + 0.2} as {@code 0.30000000000000004}, which becomes 0.30.
     * Any other rounding would change the value and is a precision error.
     */
    public static BigDecimal fit(BigDecimal v, LogicalType to) {
        BigDecimal out = v;
        if (to.scale() >= 0 && v.scale() != to.scale()) {
            if (v.scale() < to.scale()) {
                out = v.setScale(to.scale());
            } else {
                BigDecimal rounded = v.setScale(to.scale(), RoundingMode.HALF_EVEN);
                if (rounded.compareTo(v) != 0 && !isFloatNoise(v, rounded)) {
                    throw ConversionException.precision(to + ": at most " + to.scale() + " fractional digits",
                            v.toPlainString() + " has more than " + to.scale() + " fractional digits");
                }
                out = rounded;
            }
        }
        if (to.precision() > 0) {
            int integerDigits = out.precision() - out.scale();
            if (integerDigits > to.precision() - Math.max(to.scale(), 0)) {
                throw ConversionException.range(to + ": at most " + (to.precision() - Math.max(to.scale(), 0))
                        + " digits before the point", out.toPlainString() + " does not fit " + to);
            }
        }
        return out;
    }

    static final int FAST_SCALE_MAX = 9;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * REAL money into {@code decimal(p,s)} without {@code Double.toString}: when {@code r / 10^s}
     * (r the nearest integer to {@code d * 10^s}) reads back as exactly {@code d}, and the double's
     * spacing is finer than {@code 10^-s / 2} so that no other s-digit decimal reads back as
     * {@code d}, then r&times;10<sup>-s</sup> is the very decimal the general rule would give
     * ({@link #ofDouble} then {@link #fit}); anything else (noise such as 0.30000000000000004,
     * huge values, NaN) takes the general rule. Division of two exact doubles is correctly
     * rounded, so the read-back test is exact.
     */
    static Converter fastDoubleToScale(LogicalType to) {
        DoubleFunction<BigDecimal> fast = fastDoubleOnly(to);
        Converter general = v -> fit(ofDouble((Double) v), to);
        return v -> {
            BigDecimal b = fast.apply((Double) v);
            return b != null ? b : general.convert(v);
        };
    }

    /**
     * The fast path of {@link #fastDoubleToScale} alone: the decimal, or {@code null} where it
     * declines and the general rule decides (kept apart so a test can prove which path answered).
     */
    static DoubleFunction<BigDecimal> fastDoubleOnly(LogicalType to) {
        int s = to.scale();
        double p10 = POW10[s];
        double halfStep = 0.5 / p10;
        long maxUnscaled = to.precision() > 0 && to.precision() <= 18 ? pow10(to.precision()) : Long.MAX_VALUE;
        return d -> {
            double scaled = d * p10;
            if (Math.abs(scaled) < 9.0e15 && Math.ulp(d) < halfStep) {
                long r = Math.round(scaled);
                if ((double) r / p10 == d && Math.abs(r) < maxUnscaled) {
                    return BigDecimal.valueOf(r, s);
                }
            }
            return null;
        };
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    /**
     * Whether the digits rounding drops are the noise of binary floating point: the difference is
     * at most {@value #NOISE_ULPS} units in the last place of the double nearest {@code v}.
     * A real third decimal in a money column differs by far more than that, and is rejected.
     */
    static boolean isFloatNoise(BigDecimal v, BigDecimal rounded) {
        double d = v.doubleValue();
        BigDecimal tolerance = new BigDecimal(Math.ulp(d)).multiply(BigDecimal.valueOf(NOISE_ULPS));
        return v.subtract(rounded).abs().compareTo(tolerance) <= 0;
    }

    static BigInteger unscaled(BigDecimal d) {
        return d.unscaledValue();
    }
}
