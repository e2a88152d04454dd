package io.decant.core.transform;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The conversions between logical types that decant makes without being asked by name: those that
 * lose nothing for the values they accept. Each rejects, per value, what would lose precision or
 * range. A pair with no conversion is a plan-time error ({@link ErrorCode#NO_CONVERSION}).
 */
public final class Conversions {
    private final ZoneId naiveZone;

    /** @param naiveZone the zone of timestamps written without offset, when they must become instants */
    public Conversions(ZoneId naiveZone) {
        this.naiveZone = naiveZone;
    }

    public static Conversions utc() {
        return new Conversions(ZoneOffset.UTC);
    }

    public Conversion find(LogicalType from, LogicalType to) {
        Conversion c = lookup(from, to);
        if (c == null) {
            throw new DecantException(ErrorCode.NO_CONVERSION, "no conversion from " + from + " to " + to);
        }
        return c;
    }

    public boolean exists(LogicalType from, LogicalType to) {
        return lookup(from, to) != null;
    }

    /**
     * The conversion that rounds to {@code to}'s precision where the strict one would refuse (the spec's
     * {@code round: true}): to float32 and float64 the nearest value, to {@code decimal(p,s)} half-even at
     * scale s. Range is still checked. Pairs where nothing rounds are the strict conversion.
     */
    public Conversion findRounding(LogicalType from, LogicalType to) {
        Converter r = rounding(from, to);
        if (r == null) {
            return find(from, to);
        }
        return new Conversion(from, to, r, from + " -> " + to + " (rounds to the nearest " + to + ")");
    }

    private Converter rounding(LogicalType from, LogicalType to) {
        Kind f = from.kind();
        return switch (to.kind()) {
            case FLOAT32 -> switch (f) {
                case DECIMAL -> v -> Floats.roundDecimal((BigDecimal) v);
                case FLOAT64 -> v -> Floats.roundDouble((Double) v);
                case INT16, INT32, INT64 -> v -> (float) ((Number) v).longValue();
                case TEXT -> v -> Floats.roundDouble(TextParsers.parseDouble((String) v));
                default -> null;
            };
            case FLOAT64 -> switch (f) {
                case DECIMAL -> v -> Decimals.roundDouble((BigDecimal) v);
                case INT64 -> v -> (double) (Long) v;
                default -> null;
            };
            case DECIMAL -> {
                if (!to.hasFixedScale()) {
                    yield null;
                }
                Converter toDecimal = f == Kind.DECIMAL ? Converter.IDENTITY : kindConverter(from, LogicalType.DECIMAL);
                yield toDecimal == null ? null : v -> Decimals.fit(((BigDecimal) toDecimal.convert(v))
                        .setScale(to.scale(), RoundingMode.HALF_EVEN), to);
            }
            default -> null;
        };
    }

    private Conversion lookup(LogicalType from, LogicalType to) {
        if (from.equals(to)) {
            return Conversion.identity(to);
        }
        Converter base = kindConverter(from, to);
        if (base == null) {
            return null;
        }
        String rule = from + " -> " + to;
        Converter bounded = from.kind() == Kind.FLOAT64 && to.hasFixedScale() && to.scale() <= Decimals.FAST_SCALE_MAX
                ? Decimals.fastDoubleToScale(to) : base.andThen(bound(to));
        return new Conversion(from, to, bounded, rule + describe(from, to));
    }

    private static String describe(LogicalType from, LogicalType to) {
        if (from.kind() == Kind.FLOAT64 && to.hasFixedScale()) {
            return " (rounded to scale " + to.scale() + " only where the dropped digits are floating-point noise)";
        }
        if (from.kind() == Kind.TEXT && to.kind() != Kind.TEXT) {
            return " (strict parse)";
        }
        if (to.kind() == Kind.TIMESTAMPTZ && from.kind() == Kind.TIMESTAMP) {
            return " (naive values in the naive zone)";
        }
        return "";
    }

    /** Checks the target's bounds that the kind alone does not: decimal precision and scale, text length. */
    private static Converter bound(LogicalType to) {
        if (to.kind() == Kind.DECIMAL && (to.precision() > 0 || to.scale() >= 0)) {
            return v -> Decimals.fit((BigDecimal) v, to);
        }
        if (to.kind() == Kind.TEXT && to.length() > 0) {
            int max = to.length();
            return v -> {
                String s = (String) v;
                if (s.length() > max && s.codePointCount(0, s.length()) > max) {
                    throw ConversionException.range("text(" + max + "): at most " + max + " characters",
                            "text of " + s.codePointCount(0, s.length()) + " characters does not fit " + to);
                }
                return s;
            };
        }
        return Converter.IDENTITY;
    }

    private Converter kindConverter(LogicalType from, LogicalType to) {
        Kind f = from.kind();
        Kind t = to.kind();
        if (f == t && f != Kind.ARRAY) {
            return Converter.IDENTITY; // parameters differ; bound() checks them
        }
        return switch (f) {
            case BOOLEAN -> switch (t) {
                case INT16 -> v -> (short) ((Boolean) v ? 1 : 0);
                case INT32 -> v -> (Boolean) v ? 1 : 0;
                case INT64 -> v -> (Boolean) v ? 1L : 0L;
                case TEXT -> v -> v.toString();
                default -> null;
            };
            case INT16, INT32, INT64 -> fromInteger(t);
            case DECIMAL -> fromDecimal(t);
            case FLOAT32 -> fromFloat32(t);
            case FLOAT64 -> fromFloat64(t);
            case TEXT -> fromText(to);
            case BYTES -> null;
            case UUID -> t == Kind.TEXT ? v -> v.toString() : null;
            case JSON -> t == Kind.TEXT ? v -> ((JsonText) v).text() : null;
            case DATE -> switch (t) {
                case TIMESTAMP -> v -> ((LocalDate) v).atStartOfDay();
                case TIMESTAMPTZ -> v -> Temporals.atZoneStrict(((LocalDate) v).atStartOfDay(), naiveZone, "date -> timestamptz");
                case TEXT -> v -> v.toString();
                default -> null;
            };
            case TIME -> t == Kind.TEXT ? v -> v.toString() : null;
            case TIMESTAMP -> switch (t) {
                case TIMESTAMPTZ -> v -> Temporals.atZoneStrict((LocalDateTime) v, naiveZone, "timestamp -> timestamptz");
                case DATE -> v -> {
                    LocalDateTime ldt = (LocalDateTime) v;
                    if (!ldt.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                        throw ConversionException.precision("timestamp -> date: only midnight", "has a time of day");
                    }
                    return ldt.toLocalDate();
                };
                case TEXT -> v -> Texts.iso((LocalDateTime) v);
                default -> null;
            };
            case TIMESTAMPTZ -> switch (t) {
                case TIMESTAMP -> v -> LocalDateTime.ofInstant((Instant) v, naiveZone);
                case TEXT -> v -> v.toString();
                default -> null;
            };
            case ARRAY -> fromArray(from, to);
        };
    }

    private static Converter fromInteger(Kind t) {
        return switch (t) {
            case BOOLEAN -> v -> {
                long n = ((Number) v).longValue();
                if (n == 0 || n == 1) {
                    return n == 1;
                }
                throw ConversionException.invalid(TextParsers.RULE_BOOLEAN, "integer " + n + " is not 0 or 1");
            };
            case INT16 -> v -> Integers.toShort(((Number) v).longValue());
            case INT32 -> v -> Integers.toInt(((Number) v).longValue());
            case INT64 -> v -> ((Number) v).longValue();
            case DECIMAL -> v -> BigDecimal.valueOf(((Number) v).longValue());
            case FLOAT32 -> v -> Integers.toFloat(((Number) v).longValue());
            case FLOAT64 -> v -> Integers.toDouble(((Number) v).longValue());
            case TEXT -> v -> v.toString();
            default -> null;
        };
    }

    private static Converter fromDecimal(Kind t) {
        return switch (t) {
            case INT16 -> v -> Integers.toShort(Decimals.exactLong((BigDecimal) v));
            case INT32 -> v -> Integers.toInt(Decimals.exactLong((BigDecimal) v));
            case INT64 -> v -> Decimals.exactLong((BigDecimal) v);
            case FLOAT32 -> v -> Floats.fromDecimal((BigDecimal) v);
            case FLOAT64 -> v -> Decimals.exactDouble((BigDecimal) v);
            case TEXT -> v -> ((BigDecimal) v).toPlainString();
            default -> null;
        };
    }

    private static Converter fromFloat32(Kind t) {
        return switch (t) {
            case FLOAT64 -> v -> (double) (Float) v;
            case DECIMAL -> v -> Decimals.ofFloat((Float) v);
            case TEXT -> v -> v.toString();
            case INT16, INT32, INT64 -> fromFloat64(t) == null ? null : v -> fromFloat64(t).convert((double) (Float) v);
            default -> null;
        };
    }

    private static Converter fromFloat64(Kind t) {
        return switch (t) {
            case FLOAT32 -> v -> Floats.fromDouble((Double) v);
            case DECIMAL -> v -> Decimals.ofDouble((Double) v);
            case INT16 -> v -> Integers.toShort(Decimals.exactLong(Decimals.ofDouble((Double) v)));
            case INT32 -> v -> Integers.toInt(Decimals.exactLong(Decimals.ofDouble((Double) v)));
            case INT64 -> v -> Decimals.exactLong(Decimals.ofDouble((Double) v));
            case TEXT -> v -> v.toString();
            default -> null;
        };
    }

    private Converter fromText(LogicalType to) {
        ZoneId zone = naiveZone;
        return switch (to.kind()) {
            case BOOLEAN -> v -> TextParsers.parseBoolean((String) v);
            case INT16 -> v -> Integers.toShort(TextParsers.parseLong((String) v));
            case INT32 -> v -> Integers.toInt(TextParsers.parseLong((String) v));
            case INT64 -> v -> TextParsers.parseLong((String) v);
            case DECIMAL -> v -> TextParsers.parseDecimal((String) v);
            case FLOAT32 -> v -> fromFloat64(Kind.FLOAT32).convert(TextParsers.parseDouble((String) v));
            case FLOAT64 -> v -> TextParsers.parseDouble((String) v);
            case UUID -> v -> TextParsers.parseUuid((String) v);
            case JSON -> v -> TextParsers.parseJson((String) v);
            case DATE -> v -> TextParsers.parseDate((String) v);
            case TIME -> v -> TextParsers.parseTime((String) v);
            case TIMESTAMP -> v -> TextParsers.parseTimestamp((String) v, zone);
            case TIMESTAMPTZ -> v -> TextParsers.parseInstant((String) v, zone);
            case TEXT, BYTES, ARRAY -> null;
        };
    }

    private Converter fromArray(LogicalType from, LogicalType to) {
        if (to.kind() == Kind.JSON) {
            return v -> JsonText.trusted(Texts.jsonArray((List<?>) v, from.element()));
        }
        if (to.kind() != Kind.ARRAY) {
            return null;
        }
        Conversion element = lookup(from.element(), to.element());
        if (element == null) {
            return null;
        }
        Converter ec = element.converter();
        return v -> {
            List<?> in = (List<?>) v;
            List<Object> out = new ArrayList<>(in.size());
            for (Object e : in) {
                out.add(e == null ? null : ec.convert(e));
            }
            return out;
        };
    }

    /** Integer narrowing that refuses to wrap around. */
    static final class Integers {
        private Integers() {
        }

        static short toShort(long n) {
            if (n < Short.MIN_VALUE || n > Short.MAX_VALUE) {
                throw ConversionException.range("int16: -32768..32767", n + " does not fit int16");
            }
            return (short) n;
        }

        static int toInt(long n) {
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw ConversionException.range("int32: -2147483648..2147483647", n + " does not fit int32");
            }
            return (int) n;
        }

        static float toFloat(long n) {
            float f = n;
            if ((long) f != n) {
                throw ConversionException.precision("integer -> float32: only integers a float32 holds exactly",
                        n + " is not exactly a float32");
            }
            return f;
        }

        static double toDouble(long n) {
            double d = n;
            if (Math.abs(n) > (1L << 53) && (long) d != n) {
                throw ConversionException.precision("integer -> float64: only integers up to 2^53 exactly",
                        n + " is not exactly a float64");
            }
            return d;
        }
    }

    /** Decimal rules; see {@link #ofDouble} for the rule on REAL money. */
    public static final class Decimals {
        private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
        private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
        static final int NOISE_ULPS = 16;

        private Decimals() {
        }

        /**
         * A double as a decimal: the shortest decimal that reads back as the same double (so SQLite's
         * REAL {@code 12.5} is {@code 12.5}, not {@code 12.5000000000000000000}). NaN and infinities
         * have no decimal.
         */
        /** The ways out for a value no decimal holds: a float column keeps it, a skipped column is not read. */
        static final String FLOAT_OR_SKIP = "; load it into a float column (double precision), which keeps NaN and"
                + " infinities, or leave the column out with skip: true";

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

    /** Text spellings used when a value becomes text. */
    public static final class Texts {
        private Texts() {
        }

        /** ISO 8601 without offset, with as many fraction digits as the value has. */
        public static String iso(LocalDateTime t) {
            return t.toString().length() == 16 ? t + ":00" : t.toString();
        }

        static String jsonArray(List<?> list, LogicalType element) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Object e = list.get(i);
                if (e == null) {
                    sb.append("null");
                } else if (e instanceof Number || e instanceof Boolean) {
                    sb.append(e);
                } else if (e instanceof JsonText j) {
                    sb.append(j.text());
                } else if (e instanceof List<?> inner) {
                    sb.append(jsonArray(inner, element.element() == null ? element : element.element()));
                } else if (e instanceof Bytes b) {
                    quote(sb, b.base64());
                } else {
                    quote(sb, e instanceof LocalDateTime ldt ? iso(ldt) : e.toString());
                }
            }
            return sb.append(']').toString();
        }

        static void quote(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }

}
