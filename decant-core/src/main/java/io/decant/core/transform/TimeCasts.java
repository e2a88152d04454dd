package io.decant.core.transform;

import io.decant.core.spec.CastSpec;
import io.decant.core.spec.TimeFormat;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Casts that read times from text or numbers in a named {@link TimeFormat}, and the named casts
 * {@code epoch_s} / {@code epoch_ms}. The zone of naive times is the cast's, else the spec's; a naive
 * time in a DST gap or overlap of that zone is an error, never a guess.
 *
 * <p>{@code epoch_ms} and {@code epoch_s} keep whole milliseconds / seconds and drop the rest
 * (rounding toward the past): asking for the unit by name is asking for its precision, and
 * PostgreSQL's microseconds would otherwise make every row fail on the way to a document store.
 */
final class TimeCasts {
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final BigDecimal MS_PER_DAY = BigDecimal.valueOf(86_400_000L);
    /** Julian day 2440587.5 is 1970-01-01T00:00 (SQLite's own constant, in milliseconds). */
    private static final long JULIAN_EPOCH_MS = 210_866_760_000_000L;
    private static final BigDecimal JULIAN_MAX = new BigDecimal("5373484.49999999"); // 9999-12-31 23:59:59.999
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private TimeCasts() {
    }

    static String rule(TimeFormat f) {
        return switch (f) {
            case ISO -> "iso: YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:MM]], naive values in the cast's zone";
            case SQLITE -> "sqlite: an ISO/SQLite time text, or a Julian day number 0..5373484.5";
            case EPOCH_S -> "epoch_s: seconds since 1970-01-01T00:00Z, at most 9 fractional digits";
            case EPOCH_MS -> "epoch_ms: milliseconds since 1970-01-01T00:00Z, at most 6 fractional digits";
        };
    }

    /** A time value read from {@code from} in {@code format} and delivered as {@code to} (timestamptz, timestamp or date). */
    static Conversion toTime(CastSpec cast, LogicalType from, LogicalType to, ZoneId zone) {
        TimeFormat format = cast.format();
        String rule = from + " -> " + to + " (" + rule(format) + ")";
        if (format == TimeFormat.ISO) {
            if (from.kind() != Kind.TEXT) {
                throw Casts.impossible(cast, from, "; format iso reads text");
            }
            return new Conversion(from, to, new Conversions(zone).find(LogicalType.TEXT, to).converter(), rule);
        }
        Reader reader = reader(cast, from, format);
        String r = rule(format);
        Converter c = switch (to.kind()) {
            case TIMESTAMPTZ -> v -> reader.read(v).instant(zone, r);
            case TIMESTAMP -> v -> reader.read(v).local(zone);
            case DATE -> v -> midnight(reader.read(v).local(zone), r);
            case BOOLEAN, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64, TEXT, BYTES, UUID, JSON, TIME, ARRAY ->
                    throw Casts.impossible(cast, from, "; format applies to casts to timestamptz, timestamp and date");
        };
        return new Conversion(from, to, c, rule);
    }

    /** {@code epoch_s} / {@code epoch_ms} from a time, or from a number or text read in {@code format}. */
    static Conversion epoch(CastSpec cast, LogicalType from, CastSpec.EpochUnit unit, ZoneId zone) {
        String rule = from + " -> int64 " + unit.spelling() + " (whole " + (unit == CastSpec.EpochUnit.MILLIS
                ? "milliseconds" : "seconds") + ", the rest dropped)";
        return switch (from.kind()) {
            case TIMESTAMPTZ -> new Conversion(from, LogicalType.INT64, v -> count((Instant) v, unit), rule);
            case TIMESTAMP -> new Conversion(from, LogicalType.INT64,
                    v -> count(Temporals.atZoneStrict((LocalDateTime) v, zone, rule), unit), rule + ", in " + zone);
            case DATE -> new Conversion(from, LogicalType.INT64,
                    v -> count(Temporals.atZoneStrict(((LocalDate) v).atStartOfDay(), zone, rule), unit),
                    rule + ", midnight in " + zone);
            case INT16, INT32, INT64, DECIMAL, FLOAT64, TEXT -> {
                TimeFormat format = cast.format() != null ? cast.format()
                        : unit == CastSpec.EpochUnit.MILLIS ? TimeFormat.EPOCH_MS : TimeFormat.EPOCH_S;
                if (format == TimeFormat.ISO) {
                    if (from.kind() != Kind.TEXT) {
                        throw Casts.impossible(cast, from, "; format iso reads text");
                    }
                    Converter iso = new Conversions(zone).find(LogicalType.TEXT, LogicalType.TIMESTAMPTZ).converter();
                    yield new Conversion(from, LogicalType.INT64, v -> count((Instant) iso.convert(v), unit),
                            rule + ", read as " + rule(format));
                }
                if (from.kind().isInteger() && format.name().equals("EPOCH_" + (unit == CastSpec.EpochUnit.MILLIS ? "MS" : "S"))) {
                    yield new Conversion(from, LogicalType.INT64, v -> ((Number) v).longValue(), from + " -> int64 "
                            + unit.spelling() + " (already " + unit.spelling() + ")");
                }
                Reader reader = reader(cast, from, format);
                String r = rule(format);
                yield new Conversion(from, LogicalType.INT64, v -> count(reader.read(v).instant(zone, r), unit),
                        rule + ", read as " + r);
            }
            case BOOLEAN, FLOAT32, BYTES, UUID, JSON, TIME, ARRAY -> throw Casts.impossible(cast, from,
                    "; " + unit.spelling() + " takes a timestamptz, timestamp, date, or a number or text in a time format");
        };
    }

    private static long count(Instant t, CastSpec.EpochUnit unit) {
        try {
            return switch (unit) {
                case SECONDS -> t.getEpochSecond();
                case MILLIS -> t.toEpochMilli(); // floors: nanos are never negative
            };
        } catch (ArithmeticException e) {
            throw ConversionException.range(unit.spelling() + ": within int64", t + " does not fit int64 " + unit.spelling());
        }
    }

    private static LocalDate midnight(LocalDateTime t, String rule) {
        if (!t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw ConversionException.precision(rule + "; a date must be at midnight", t + " has a time of day");
        }
        return t.toLocalDate();
    }

    /** A time as read: an instant, or a naive local time that still needs a zone. */
    private record Read(Instant instant, LocalDateTime local) {
        Instant instant(ZoneId zone, String rule) {
            return instant != null ? instant : Temporals.atZoneStrict(local, zone, rule);
        }

        LocalDateTime local(ZoneId zone) {
            return local != null ? local : LocalDateTime.ofInstant(instant, zone);
        }
    }

    @FunctionalInterface
    private interface Reader {
        Read read(Object value);
    }

    private static Reader reader(CastSpec cast, LogicalType from, TimeFormat format) {
        Kind k = from.kind();
        boolean numeric = k.isInteger() || k == Kind.DECIMAL || k == Kind.FLOAT64;
        if (!numeric && k != Kind.TEXT) {
            throw Casts.impossible(cast, from, "; format " + format.spelling() + " reads numbers or text");
        }
        return switch (format) {
            case ISO -> throw new IllegalStateException("iso is read by Conversions");
            case SQLITE -> numeric ? v -> julian(decimal(v, TimeFormat.SQLITE)) : v -> sqliteText((String) v);
            case EPOCH_S, EPOCH_MS -> v -> new Read(epoch(decimal(v, format), format), null);
        };
    }

    /** A number in any of the accepted representations, as a decimal; text must be a plain decimal number. */
    private static BigDecimal decimal(Object v, TimeFormat format) {
        if (v instanceof String s) {
            if (!NUMBER.matcher(s).matches()) {
                throw ConversionException.invalid(rule(format), "not a number");
            }
            return new BigDecimal(s);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            return Decimals.ofDouble(d);
        }
        return BigDecimal.valueOf(((Number) v).longValue());
    }

    private static Instant epoch(BigDecimal n, TimeFormat format) {
        int maxScale = format == TimeFormat.EPOCH_S ? 9 : 6;
        if (n.stripTrailingZeros().scale() > maxScale) {
            throw ConversionException.precision(rule(format), n.toPlainString() + " has more than " + maxScale
                    + " fractional digits");
        }
        BigInteger nanos = n.movePointRight(format == TimeFormat.EPOCH_S ? 9 : 6).setScale(0, RoundingMode.UNNECESSARY)
                .toBigInteger();
        BigInteger[] qr = nanos.divideAndRemainder(NANOS_PER_SECOND);
        BigInteger seconds = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        BigInteger rest = qr[1].signum() < 0 ? qr[1].add(NANOS_PER_SECOND) : qr[1];
        try {
            return Instant.ofEpochSecond(seconds.longValueExact(), rest.longValue());
        } catch (ArithmeticException | DateTimeException e) {
            throw ConversionException.range(rule(format), n.toPlainString() + " is beyond the supported range of times");
        }
    }

    private static Read sqliteText(String s) {
        if (NUMBER.matcher(s).matches()) {
            return julian(new BigDecimal(s));
        }
        try {
            // TextParsers does not say whether the text had an offset; a value read the same in two
            // zones had one, and is an instant; otherwise it is naive and waits for the cast's zone.
            Instant inUtc = TextParsers.parseInstant(s, ZoneOffset.UTC);
            Instant inOther = TextParsers.parseInstant(s, ZoneOffset.ofHours(1));
            return inUtc.equals(inOther) ? new Read(inUtc, null) : new Read(null, TextParsers.parseTimestamp(s, ZoneOffset.UTC));
        } catch (ConversionException e) {
            throw ConversionException.invalid(rule(TimeFormat.SQLITE), "not a SQLite time value");
        }
    }

    /** SQLite's rule: a Julian day number, rounded to the millisecond as SQLite itself does. */
    private static Read julian(BigDecimal jd) {
        if (jd.signum() < 0 || jd.compareTo(JULIAN_MAX) > 0) {
            throw ConversionException.range(rule(TimeFormat.SQLITE), "Julian day " + jd.toPlainString()
                    + " is outside 0..5373484.5");
        }
        long ms = jd.multiply(MS_PER_DAY).setScale(0, RoundingMode.HALF_UP).longValueExact() - JULIAN_EPOCH_MS;
        Instant t = Instant.ofEpochMilli(ms);
        return new Read(null, LocalDateTime.ofInstant(t, ZoneOffset.UTC)); // a Julian day is naive, like SQLite text
    }
}
