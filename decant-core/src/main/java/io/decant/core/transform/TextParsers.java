package io.decant.core.transform;

import io.decant.core.type.JsonText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict parsing of text into logical values. Strict means: what is accepted is written down here,
 * and anything else is rejected with the rule named, never guessed at. No trimming: {@code ' 42'} is
 * not an integer.
 */
public final class TextParsers {
    private TextParsers() {
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public static final String RULE_INTEGER = "integer: optional sign and decimal digits, nothing else";
    public static final String RULE_DECIMAL = "decimal: plain or scientific decimal notation";
    public static final String RULE_FLOAT = "float: decimal notation, or NaN, Infinity, -Infinity";
    public static final String RULE_BOOLEAN = "boolean: 1/0, t/f, true/false (any case); NULL stays NULL";
    public static final String RULE_UUID = "uuid: 8-4-4-4-12 hexadecimal digits";
    public static final String RULE_JSON = "json: exactly one valid JSON value";
    public static final String RULE_DATE = "date: YYYY-MM-DD";
    public static final String RULE_TIME = "time: HH:MM[:SS[.fraction]]";
    public static final String RULE_TIMESTAMP =
            "timestamp: YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:MM]]; a zoned value is shifted to the naive zone";
    public static final String RULE_TIMESTAMPTZ =
            "timestamptz: YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:MM]]; a value without offset is in the naive zone";

    /** ISO 8601 and SQLite's own spelling: a 'T' or a space between date and time, optional seconds and fraction. */
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    public static long parseLong(String s) {
        if (!INTEGER.matcher(s).matches()) {
            throw ConversionException.invalid(RULE_INTEGER, "not an integer");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ConversionException.range(RULE_INTEGER, "integer beyond 64 bits");
        }
    }

    public static BigDecimal parseDecimal(String s) {
        if (!DECIMAL.matcher(s).matches()) {
            throw ConversionException.invalid(RULE_DECIMAL, "not a decimal number");
        }
        return new BigDecimal(s);
    }

    public static double parseDouble(String s) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
            case "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw ConversionException.invalid(RULE_FLOAT, "not a number");
        }
        return Double.parseDouble(s);
    }

    public static boolean parseBoolean(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true":
                return true;
            case "0", "f", "false":
                return false;
            default:
                throw ConversionException.invalid(RULE_BOOLEAN, "not a boolean");
        }
    }

    public static UUID parseUuid(String s) {
        UUID u = FastTemporal.uuid(s); // exactly the 8-4-4-4-12 hexadecimal form, without a regex per value
        if (u == null) {
            throw ConversionException.invalid(RULE_UUID, "not a UUID");
        }
        return u;
    }

    /** The general UUID check, kept as the reference the fast one is tested against. */
    static boolean isUuidText(String s) {
        return s.length() == 36 && UUID_TEXT.matcher(s).matches();
    }

    public static JsonText parseJson(String s) {
        try {
            return JsonText.parse(s);
        } catch (IllegalArgumentException e) {
            throw ConversionException.invalid(RULE_JSON, e.getMessage());
        }
    }

    public static LocalDate parseDate(String s) {
        try {
            return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(java.time.format.ResolverStyle.STRICT)
                    .withChronology(java.time.chrono.IsoChronology.INSTANCE));
        } catch (DateTimeParseException e) {
            throw ConversionException.invalid(RULE_DATE, "not a date");
        }
    }

    public static LocalTime parseTime(String s) {
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            throw ConversionException.invalid(RULE_TIME, "not a time of day");
        }
    }

    public static LocalDateTime parseTimestamp(String s, ZoneId naiveZone) {
        var parsed = parseTemporal(s, RULE_TIMESTAMP);
        if (parsed instanceof OffsetDateTime odt) {
            return LocalDateTime.ofInstant(odt.toInstant(), naiveZone);
        }
        return (LocalDateTime) parsed;
    }

    public static Instant parseInstant(String s, ZoneId naiveZone) {
        Object fast = FastTemporal.instant(s, naiveZone);
        if (fast instanceof Instant i) {
            return i;
        }
        var parsed = fast != null ? fast : parseTemporalGeneral(s, RULE_TIMESTAMPTZ);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return Temporals.atZoneStrict((LocalDateTime) parsed, naiveZone, RULE_TIMESTAMPTZ);
    }

    private static Object parseTemporal(String s, String rule) {
        Object fast = FastTemporal.parse(s);
        return fast != null ? fast : parseTemporalGeneral(s, rule);
    }

    /** The general parser: every shape the rules accept, and the wording of every rejection. */
    static Object parseTemporalGeneral(String s, String rule) {
        try {
            var t = LOCAL.parse(s);
            LocalDate date = LocalDate.from(t);
            LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
            LocalDateTime ldt = LocalDateTime.of(date, time);
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.of(ldt, java.time.ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)));
            }
            return ldt;
        } catch (java.time.DateTimeException e) {
            throw ConversionException.invalid(rule, "not a timestamp");
        }
    }
}
