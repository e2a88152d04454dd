package io.decant.postgres;

import io.decant.core.transform.ConversionException;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Decoders from PostgreSQL's binary send format (what {@code COPY ... TO STDOUT (FORMAT binary)}
 * writes) to each logical type's Java value, one per column, chosen when the stream opens. The
 * mirror of {@link BinaryEncoders}, with the text reader's rules: 'infinity', BC dates, time
 * 24:00:00 and numeric NaN/Infinity are data errors with the same rules as {@link PgTemporalText}
 * and {@link PgTextValues}.
 *
 * <p>Every PostgreSQL type that maps to one logical type shares that type's binary form (varchar,
 * bpchar, enums and citext send their text; a domain sends its base type), except json and jsonb:
 * the stream casts JSON columns to json so that both arrive as plain text. Fixed-width values are
 * checked for their width, so a column whose type changed under the plan fails loudly.
 */
final class BinaryDecoders {
    static final String RULE_INFINITY = "PostgreSQL 'infinity' and '-infinity' have no date/time value in decant";
    static final String RULE_BC = "BC dates are not supported (no portable representation)";
    static final String RULE_2400 = "time 24:00:00 does not fit a time of day (00:00 to 23:59:59.999999)";
    static final String RULE_ARRAY = "only one-dimensional arrays with lower bound 1 are supported";
    static final String RULE_NUMERIC_NAN = "numeric 'NaN' has no decimal value";
    static final String RULE_NUMERIC_INF = "numeric infinity has no decimal value";

    private static final long PG_EPOCH_DAY = 10_957; // 2000-01-01
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private BinaryDecoders() {
    }

    @FunctionalInterface
    interface Decoder {
        /** The value in {@code b[off, off + len)}; never called for NULL. */
        Object decode(byte[] b, int off, int len);
    }

    static Decoder forType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (b, off, len) -> {
                width(len, 1, "boolean");
                return b[off] != 0 ? Boolean.TRUE : Boolean.FALSE;
            };
            case INT16 -> (b, off, len) -> {
                width(len, 2, "smallint");
                return (short) u16(b, off);
            };
            case INT32 -> (b, off, len) -> {
                width(len, 4, "integer");
                return i32(b, off);
            };
            case INT64 -> (b, off, len) -> {
                width(len, 8, "bigint");
                return i64(b, off);
            };
            case FLOAT32 -> (b, off, len) -> {
                width(len, 4, "real");
                return Float.intBitsToFloat(i32(b, off));
            };
            case FLOAT64 -> (b, off, len) -> {
                width(len, 8, "double precision");
                return Double.longBitsToDouble(i64(b, off));
            };
            case DECIMAL -> NumericBinary::read;
            case TEXT -> BinaryDecoders::text;
            case BYTES -> (b, off, len) -> Bytes.wrap(Arrays.copyOfRange(b, off, off + len));
            case UUID -> (b, off, len) -> {
                width(len, 16, "uuid");
                return new UUID(i64(b, off), i64(b, off + 8));
            };
            case JSON -> (b, off, len) -> JsonText.trusted(text(b, off, len));
            case DATE -> BinaryDecoders::date;
            case TIME -> BinaryDecoders::time;
            case TIMESTAMP -> BinaryDecoders::timestamp;
            case TIMESTAMPTZ -> BinaryDecoders::timestamptz;
            case ARRAY -> array(forType(type.element()));
        };
    }

    /** 0001-01-01 (the first day PostgreSQL does not print as BC), as days and as microseconds since 2000-01-01. */
    private static final long FIRST_AD_DAY = -730_119;
    private static final long FIRST_AD_MICROS = FIRST_AD_DAY * MICROS_PER_DAY;

    /**
     * For rows that pass through without being decoded: a check that refuses exactly the values the
     * type's decoder refuses, with its exception, and costs a comparison or two for the others (it
     * hands a suspicious value to the decoder, which decides). Null for types whose decoder refuses
     * no well-formed value.
     */
    static Decoder refusals(LogicalType type) {
        Decoder full = forType(type);
        return switch (type.kind()) {
            case DATE -> (b, off, len) -> len != 4 || i32(b, off) < FIRST_AD_DAY || i32(b, off) == Integer.MAX_VALUE
                    ? full.decode(b, off, len) : null;
            case TIME -> (b, off, len) -> len != 8 || i64(b, off) < 0 || i64(b, off) >= MICROS_PER_DAY
                    ? full.decode(b, off, len) : null;
            case TIMESTAMP, TIMESTAMPTZ -> (b, off, len) -> len != 8 || i64(b, off) < FIRST_AD_MICROS
                    || i64(b, off) == Long.MAX_VALUE ? full.decode(b, off, len) : null;
            case DECIMAL -> (b, off, len) -> len < 8 || (u16(b, off + 4) != 0 && u16(b, off + 4) != 0x4000)
                    || len != 8 + 2 * u16(b, off) ? full.decode(b, off, len) : null;
            case ARRAY -> full;
            default -> null;
        };
    }

    static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    private static LocalDate date(byte[] b, int off, int len) {
        width(len, 4, "date");
        int days = i32(b, off);
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
            throw infinity(days == Integer.MAX_VALUE);
        }
        LocalDate d = LocalDate.ofEpochDay(days + PG_EPOCH_DAY);
        if (d.getYear() < 1) {
            throw bc(bcText(d, ""));
        }
        return d;
    }

    private static LocalTime time(byte[] b, int off, int len) {
        width(len, 8, "time");
        long micros = i64(b, off);
        if (micros == MICROS_PER_DAY) {
            throw ConversionException.range(RULE_2400, "'24:00:00' is the end of the day");
        }
        if (micros < 0 || micros > MICROS_PER_DAY) {
            throw ConversionException.invalid("PostgreSQL binary time", "time of " + micros + " microseconds");
        }
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    private static LocalDateTime timestamp(byte[] b, int off, int len) {
        width(len, 8, "timestamp");
        long micros = i64(b, off);
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw infinity(micros == Long.MAX_VALUE);
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND,
                (int) Math.floorMod(micros, 1_000_000L) * 1000, java.time.ZoneOffset.UTC);
        if (t.getYear() < 1) {
            throw bc(bcText(t.toLocalDate(), " " + hms(t.toLocalTime())));
        }
        return t;
    }

    private static Instant timestamptz(byte[] b, int off, int len) {
        width(len, 8, "timestamptz");
        long micros = i64(b, off);
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw infinity(micros == Long.MAX_VALUE);
        }
        long second = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND;
        // The year of the UTC date, as the text form in a UTC session shows it: before 0001-01-01 is BC.
        if (second < -62_135_596_800L) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, java.time.ZoneOffset.UTC);
            throw bc(bcText(t.toLocalDate(), " " + hms(t.toLocalTime()) + "+00"));
        }
        return Instant.ofEpochSecond(second, Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private static ConversionException infinity(boolean positive) {
        return ConversionException.range(RULE_INFINITY,
                "'" + (positive ? "infinity" : "-infinity") + "' cannot be represented");
    }

    private static ConversionException bc(String text) {
        return ConversionException.range(RULE_BC, "'" + text + "' is a BC date");
    }

    /** PostgreSQL's spelling: ISO year 0 is 1 BC, -43 is 44 BC. */
    private static String bcText(LocalDate d, String rest) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d%s BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth(), rest);
    }

    private static String hms(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    }

    /**
     * array_send: ndim, has-null flag, element OID, then (length, lower bound) per dimension and the
     * elements with their lengths. Only one dimension with lower bound 1 is accepted, as in the text reader.
     */
    private static Decoder array(Decoder element) {
        return (b, off, len) -> {
            int ndim = i32(b, off);
            if (ndim == 0) {
                return Collections.unmodifiableList(new ArrayList<>(0));
            }
            if (ndim != 1) {
                throw ConversionException.range(RULE_ARRAY, "multi-dimensional array");
            }
            int n = i32(b, off + 12);
            int lower = i32(b, off + 16);
            if (lower != 1) {
                throw ConversionException.range(RULE_ARRAY, "array with lower bound " + lower);
            }
            List<Object> out = new ArrayList<>(n);
            int at = off + 20;
            int end = off + len;
            for (int k = 0; k < n; k++) {
                if (at + 4 > end) {
                    throw ConversionException.invalid("PostgreSQL binary array", "array shorter than its " + n + " elements");
                }
                int elen = i32(b, at);
                at += 4;
                if (elen < 0) {
                    out.add(null);
                } else {
                    if (at + elen > end) {
                        throw ConversionException.invalid("PostgreSQL binary array", "array shorter than its " + n + " elements");
                    }
                    out.add(element.decode(b, at, elen));
                    at += elen;
                }
            }
            return Collections.unmodifiableList(out);
        };
    }

    private static void width(int len, int expected, String type) {
        if (len != expected) {
            throw ConversionException.invalid("PostgreSQL binary " + type,
                    type + " value of " + len + " bytes (expected " + expected + "; did the column's type change?)");
        }
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    static int i32(byte[] b, int at) {
        return b[at] << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    static long i64(byte[] b, int at) {
        return (long) i32(b, at) << 32 | i32(b, at + 4) & 0xffffffffL;
    }
}
