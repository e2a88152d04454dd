package io.decant.core.transform;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversions between logical types that decant makes without being asked by name: those that
 * lose nothing for the values they accept. Each rejects, per value, what would lose precision or
 * range. A pair with no conversion is a plan-time error ({@link ErrorCode#NO_CONVERSION}).
 *
 * <p>This class is the table of pairs; the rules of one family of values live apart: {@link Integers}
 * (narrowing without wrapping), {@link Decimals} (exactness, scale, REAL money), {@link Texts} (spellings).
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

    /** Checks the target's bounds that the kind alone does not: decimal precision and scale, text and bytes length. */
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
        if (to.kind() == Kind.BYTES && to.length() > 0) {
            int max = to.length();
            return v -> {
                Bytes b = (Bytes) v;
                if (b.length() > max) {
                    throw ConversionException.range("bytes(" + max + "): at most " + max + " bytes",
                            b.length() + " bytes do not fit " + to);
                }
                return b;
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
}
