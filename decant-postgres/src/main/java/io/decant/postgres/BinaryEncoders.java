package io.decant.postgres;

import io.decant.core.transform.ConversionException;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Binary COPY encoders, one per column, chosen when the sink opens from two things: the logical
 * type of the values (what the engine hands over) and the TARGET column's actual PostgreSQL type
 * (binary COPY is strict: an int8 sent to an int4 column is an error, jsonb wants a version byte,
 * an array header names its element type's OID). Each encoder writes the length word and the value.
 * Lossless widenings (int2 values into an int8 column, float4 into float8, integers into numeric)
 * are accepted; anything else has no encoder and the sink refuses to open, naming the column.
 */
final class BinaryEncoders {
    static final String RULE_SUBMICRO = "PostgreSQL keeps microseconds; the value has finer fractional seconds";
    private static final long PG_EPOCH_DAY = 10_957; // 2000-01-01
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;

    private BinaryEncoders() {
    }

    @FunctionalInterface
    interface Encoder {
        void encode(Object value, CopyBuffer out);
    }

    /** The encoder for values of {@code type} into a column of {@code target}, or null if there is none. */
    static Encoder find(PgTypeCatalog.Resolved target, LogicalType type) {
        if (target == null) {
            return null;
        }
        Kind k = type.kind();
        if (target.isArray()) {
            if (k != Kind.ARRAY) {
                return null;
            }
            Encoder element = find(target.element(), type.element());
            return element == null ? null : array(target.arrayElementOid(), element);
        }
        if (target.isEnum()) {
            return k == Kind.TEXT ? BinaryEncoders::text : null;
        }
        if (!target.isBuiltin()) {
            return target.name().equals("citext") && k == Kind.TEXT ? BinaryEncoders::text : null;
        }
        return switch (target.name()) {
            case "bool" -> k == Kind.BOOLEAN ? BinaryEncoders::bool : null;
            case "int2" -> k.isInteger() ? integer(2, Short.MIN_VALUE, Short.MAX_VALUE) : null;
            case "int4" -> k.isInteger() ? integer(4, Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
            case "int8" -> k.isInteger() ? integer(8, Long.MIN_VALUE, Long.MAX_VALUE) : null;
            case "numeric" -> k == Kind.DECIMAL ? (v, out) -> NumericBinary.write((BigDecimal) v, out)
                    : k.isInteger() ? (v, out) -> NumericBinary.write(BigDecimal.valueOf(((Number) v).longValue()), out) : null;
            case "float4" -> k == Kind.FLOAT32 ? BinaryEncoders::float4 : null;
            case "float8" -> k == Kind.FLOAT64 || k == Kind.FLOAT32 ? BinaryEncoders::float8 : null;
            case "text", "varchar", "bpchar" -> k == Kind.TEXT ? BinaryEncoders::text
                    : k == Kind.JSON ? (v, out) -> text(((JsonText) v).text(), out) : null;
            case "json" -> k == Kind.JSON ? (v, out) -> text(((JsonText) v).text(), out) : k == Kind.TEXT ? BinaryEncoders::text : null;
            case "jsonb" -> k == Kind.JSON ? (v, out) -> jsonb(((JsonText) v).text(), out) : k == Kind.TEXT ? (v, out) -> jsonb((String) v, out) : null;
            case "bytea" -> k == Kind.BYTES ? BinaryEncoders::bytea : null;
            case "uuid" -> k == Kind.UUID ? BinaryEncoders::uuid : null;
            case "date" -> k == Kind.DATE ? BinaryEncoders::date : null;
            case "time" -> k == Kind.TIME ? time(target.typmod()) : null;
            case "timestamp" -> k == Kind.TIMESTAMP ? timestamp(target.typmod()) : null;
            case "timestamptz" -> k == Kind.TIMESTAMPTZ ? timestamptz(target.typmod()) : null;
            default -> null;
        };
    }

    private static void bool(Object v, CopyBuffer out) {
        out.writeInt(1);
        out.writeByte((Boolean) v ? 1 : 0);
    }

    private static Encoder integer(int width, long min, long max) {
        return (v, out) -> {
            long n = ((Number) v).longValue();
            if (n < min || n > max) {
                throw ConversionException.range("the target column holds " + (width * 8) + "-bit integers",
                        n + " does not fit");
            }
            out.writeInt(width);
            switch (width) {
                case 2 -> out.writeShort((int) n);
                case 4 -> out.writeInt((int) n);
                default -> out.writeLong(n);
            }
        };
    }

    // Raw bits keep NaN, the infinities and -0.0 exactly as they are.
    private static void float4(Object v, CopyBuffer out) {
        out.writeInt(4);
        out.writeInt(Float.floatToRawIntBits((Float) v));
    }

    private static void float8(Object v, CopyBuffer out) {
        out.writeInt(8);
        out.writeLong(Double.doubleToRawLongBits(((Number) v).doubleValue()));
    }

    private static void text(Object v, CopyBuffer out) {
        text((String) v, out);
    }

    private static void text(String s, CopyBuffer out) {
        int start = out.beginLength();
        out.writeUtf8(s);
        out.endLength(start);
    }

    /** jsonb's binary input is a version byte (1) and the JSON text, which the server parses. */
    private static void jsonb(String s, CopyBuffer out) {
        int start = out.beginLength();
        out.writeByte(1);
        out.writeUtf8(s);
        out.endLength(start);
    }

    private static void bytea(Object v, CopyBuffer out) {
        byte[] b = ((Bytes) v).unsafeArray();
        out.writeInt(b.length);
        out.writeBytes(b, 0, b.length);
    }

    private static void uuid(Object v, CopyBuffer out) {
        UUID u = (UUID) v;
        out.writeInt(16);
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
    }

    private static void date(Object v, CopyBuffer out) {
        long days = ((LocalDate) v).toEpochDay() - PG_EPOCH_DAY;
        if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
            throw ConversionException.range("PostgreSQL date range", v + " is outside PostgreSQL's date range");
        }
        out.writeInt(4);
        out.writeInt((int) days);
    }

    private static Encoder time(int typmod) {
        long unit = unit(typmod);
        return (v, out) -> {
            LocalTime t = (LocalTime) v;
            out.writeInt(8);
            out.writeLong(micros(t.getNano(), unit, typmod) + t.toSecondOfDay() * 1_000_000L);
        };
    }

    private static Encoder timestamp(int typmod) {
        long unit = unit(typmod);
        return (v, out) -> {
            LocalDateTime t = (LocalDateTime) v;
            long micros = micros(t.getNano(), unit, typmod);
            out.writeInt(8);
            out.writeLong(epochMicros(t.toEpochSecond(ZoneOffset.UTC), micros));
        };
    }

    private static Encoder timestamptz(int typmod) {
        long unit = unit(typmod);
        return (v, out) -> {
            Instant t = (Instant) v;
            long micros = micros(t.getNano(), unit, typmod);
            out.writeInt(8);
            out.writeLong(epochMicros(t.getEpochSecond(), micros));
        };
    }

    /** The step in microseconds that a column of precision {@code typmod} keeps: time(3) keeps 1000. */
    private static long unit(int typmod) {
        long unit = 1;
        for (int p = typmod < 0 || typmod > 6 ? 6 : typmod; p < 6; p++) {
            unit *= 10;
        }
        return unit;
    }

    /** The microseconds of {@code nanos}; a value the column would round is a precision error, not a silent change. */
    private static long micros(int nanos, long unit, int typmod) {
        if (nanos % 1000 != 0) {
            throw ConversionException.precision(RULE_SUBMICRO, "fraction of a second " + nanos + " ns is finer than a microsecond");
        }
        long micros = nanos / 1000;
        if (micros % unit != 0) {
            throw ConversionException.precision("the target column keeps " + typmod + " fractional digits",
                    "fraction of a second ." + String.format(java.util.Locale.ROOT, "%06d", micros) + " would be rounded");
        }
        return micros;
    }

    private static long epochMicros(long epochSecond, long micros) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond - PG_EPOCH_SECOND, 1_000_000L), micros);
        } catch (ArithmeticException e) {
            throw ConversionException.range("PostgreSQL timestamp range", "timestamp is outside PostgreSQL's range");
        }
    }

    private static Encoder array(int elementOid, Encoder element) {
        return (v, out) -> {
            List<?> list = (List<?>) v;
            int start = out.beginLength();
            if (list.isEmpty()) {
                out.writeInt(0);
                out.writeInt(0);
                out.writeInt(elementOid);
            } else {
                boolean hasNull = false;
                for (Object e : list) {
                    hasNull |= e == null;
                }
                out.writeInt(1);
                out.writeInt(hasNull ? 1 : 0);
                out.writeInt(elementOid);
                out.writeInt(list.size());
                out.writeInt(1);
                for (Object e : list) {
                    if (e == null) {
                        out.writeInt(-1);
                    } else {
                        element.encode(e, out);
                    }
                }
            }
            out.endLength(start);
        };
    }
}
