package io.decant.core.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The canonical bytes were rewritten to be written without allocation (binary numbers, epochs and
 * uuids instead of their text). Their meaning must not change: two values must get equal bytes
 * exactly when they did with the text encoding, which this test keeps as the reference.
 */
class CanonicalMeaningTest {
    private static final Random RANDOM = new Random(20251121);

    @Test
    void valuesAreEqualExactlyWhenTheyWereWithTheTextEncoding() {
        List<Object[]> values = new ArrayList<>(); // {LogicalType, value}
        for (Object v : numbers()) {
            LogicalType t = v instanceof BigDecimal ? LogicalType.DECIMAL
                    : v instanceof Short ? LogicalType.INT16 : v instanceof Integer ? LogicalType.INT32 : LogicalType.INT64;
            values.add(new Object[] {t, v});
        }
        for (Object v : floats()) {
            values.add(new Object[] {v instanceof Float ? LogicalType.FLOAT32 : LogicalType.FLOAT64, v});
        }
        for (String s : texts()) {
            values.add(new Object[] {LogicalType.TEXT, s});
        }
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[RANDOM.nextInt(4)];
            RANDOM.nextBytes(b);
            values.add(new Object[] {LogicalType.BYTES, Bytes.wrap(b)});
            UUID u = new UUID(RANDOM.nextInt(3), RANDOM.nextInt(3));
            values.add(new Object[] {LogicalType.UUID, u});
            values.add(new Object[] {LogicalType.DATE, LocalDate.ofEpochDay(RANDOM.nextInt(2_000_000) - 1_000_000)});
            values.add(new Object[] {LogicalType.TIME, LocalTime.ofNanoOfDay(RANDOM.nextInt(4) * 999_999_999L)});
            long sec = (RANDOM.nextBoolean() ? -1 : 1) * (long) RANDOM.nextInt(3);
            int nano = RANDOM.nextInt(3) * 400_000_000;
            values.add(new Object[] {LogicalType.TIMESTAMP, LocalDateTime.ofEpochSecond(sec, nano, ZoneOffset.UTC)});
            values.add(new Object[] {LogicalType.TIMESTAMPTZ, Instant.ofEpochSecond(sec, nano)});
            values.add(new Object[] {LogicalType.BOOLEAN, RANDOM.nextBoolean()});
        }
        values.add(new Object[] {LogicalType.TIMESTAMPTZ, Instant.MIN});
        values.add(new Object[] {LogicalType.TIMESTAMPTZ, Instant.MAX});
        for (String j : List.of("{\"a\":1,\"b\":[1.0,2]}", "{\"b\":[1,2.00],\"a\":1.0}", "{\"a\":\"1\"}", "[]", "{}", "null",
                "\"é\"", "\"\\u00e9\"", "1e2", "100")) {
            values.add(new Object[] {LogicalType.JSON, JsonText.trusted(j)});
        }
        LogicalType ints = LogicalType.array(LogicalType.INT64);
        LogicalType texts = LogicalType.array(LogicalType.TEXT);
        values.add(new Object[] {ints, Arrays.asList(1L, null, 5L)});
        values.add(new Object[] {LogicalType.array(LogicalType.DECIMAL), Arrays.asList(new BigDecimal("1.00"), null, new BigDecimal("5.0"))});
        values.add(new Object[] {ints, Arrays.asList(1L, 5L)});
        values.add(new Object[] {ints, List.of()});
        values.add(new Object[] {texts, Arrays.asList("a", "bc")});
        values.add(new Object[] {texts, Arrays.asList("ab", "c")});
        values.add(new Object[] {texts, Arrays.asList("", null)});
        values.add(new Object[] {texts, Arrays.asList(null, "")});
        values.add(new Object[] {LogicalType.TEXT, null});

        Map<String, String> newByOld = new HashMap<>();
        Map<String, String> oldByNew = new HashMap<>();
        for (Object[] tv : values) {
            LogicalType type = (LogicalType) tv[0];
            String old = HexFormat.of().formatHex(legacy(type, tv[1]));
            String neu = HexFormat.of().formatHex(new RowHasher(List.of(type)).canonical(new Object[] {tv[1]}));
            String what = type + " " + tv[1];
            assertEquals(newByOld.computeIfAbsent(old, k -> neu), neu, "values equal before are equal now: " + what);
            assertEquals(oldByNew.computeIfAbsent(neu, k -> old), old, "values equal now were equal before: " + what);
        }
    }

    @Test
    void textIsItsUtf8AsTheJdkEncodesIt() {
        for (String s : texts()) {
            CanonicalBuffer b = new CanonicalBuffer();
            b.putUtf8(s);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), b.copy(0, b.size()), s);
        }
    }

    @Test
    void theKeyHashIsTheSameWhetherTheRowIsHashedOrNotAndWhereverTheKeyIs() {
        List<LogicalType> types = List.of(LogicalType.TEXT, LogicalType.INT64, LogicalType.DECIMAL, LogicalType.UUID);
        Object[] row = {"x", 7L, new BigDecimal("5.00"), new UUID(1, 2)};
        long[] out = new long[2];
        for (int[] key : List.of(new int[] {1}, new int[] {0}, new int[] {3, 1}, new int[] {0, 1, 2, 3}, new int[] {2, 0})) {
            RowHasher h = new RowHasher(types, key);
            long alone = h.keyHash(row);
            assertEquals(alone, h.hashWithKey(row, out), Arrays.toString(key));
            long[] plain = new long[2];
            h.hash(row, plain);
            assertArrayEquals(plain, out);
        }
        // a child's INT32 reference finds its parent's INT64 / DECIMAL key, at another position
        RowHasher parent = new RowHasher(types, new int[] {1});
        RowHasher child = new RowHasher(List.of(LogicalType.TEXT, LogicalType.INT32), new int[] {1});
        assertEquals(parent.hashWithKey(row, out), child.keyHash(new Object[] {"other", 7}));
        RowHasher byDecimal = new RowHasher(types, new int[] {2});
        assertEquals(byDecimal.keyHash(row), child.keyHash(new Object[] {"y", 5}));
        assertNotEquals(parent.keyHash(row), child.keyHash(new Object[] {"other", 70}));
    }

    private static List<Object> numbers() {
        List<Object> out = new ArrayList<>();
        long[] edges = {0, 1, -1, 5, 50, 500, 10, -10, 1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 8, 999_999_999_999_999_999L, 123_456_789_012_345_678L};
        for (long e : edges) {
            out.add(e);
            for (int scale = -3; scale <= 20; scale += 1 + RANDOM.nextInt(4)) {
                out.add(BigDecimal.valueOf(e, scale));
                out.add(BigDecimal.valueOf(e).setScale(Math.max(0, scale)));
            }
        }
        out.add((short) 5);
        out.add(5);
        out.add(Short.MIN_VALUE);
        out.add(Integer.MIN_VALUE);
        out.add(new BigDecimal("5E+2"));
        out.add(new BigDecimal("0E-10"));
        out.add(new BigDecimal("0E+10"));
        out.add(new BigDecimal("-0.00"));
        out.add(new BigDecimal("12345678901234567890123456789012345678"));
        out.add(new BigDecimal("1234567890123456789012345678901234567.80"));
        out.add(new BigDecimal("9223372036854775807.0"));
        out.add(new BigDecimal("9223372036854775808"));
        out.add(new BigDecimal("-9223372036854775808.000"));
        out.add(new BigDecimal("-9223372036854775809"));
        out.add(new BigDecimal("0.9223372036854775807"));
        out.add(new BigDecimal("922337203685477580.70"));
        out.add(new BigDecimal("-0.00000000000000000000000000000000000001"));
        out.add(new BigDecimal(new BigInteger("100000000000000000000"), 0));
        out.add(new BigDecimal(new BigInteger("1"), -20));
        for (int i = 0; i < 2000; i++) {
            long u = switch (RANDOM.nextInt(4)) {
                case 0 -> RANDOM.nextInt(2001) - 1000;
                case 1 -> (RANDOM.nextInt(200) - 100) * (long) Math.pow(10, RANDOM.nextInt(12));
                case 2 -> RANDOM.nextLong();
                default -> RANDOM.nextLong() / (long) Math.pow(10, RANDOM.nextInt(18));
            };
            int scale = RANDOM.nextInt(12) - 2;
            out.add(RANDOM.nextInt(5) == 0 ? (Object) u : BigDecimal.valueOf(u, scale));
            if (RANDOM.nextInt(10) == 0) {
                out.add(new BigDecimal(BigInteger.valueOf(u).multiply(BigInteger.TEN.pow(RANDOM.nextInt(25))), scale));
            }
        }
        return out;
    }

    private static List<Object> floats() {
        List<Object> out = new ArrayList<>(List.of(0.0, -0.0, 0.0f, -0.0f, Double.NaN, Float.NaN,
                Double.longBitsToDouble(0x7ff8000000000001L), Double.longBitsToDouble(0xfff8000000000000L),
                Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 0.1f, 1.5, 1.5f,
                5.0, 1e20, 1e-7));
        for (int i = 0; i < 300; i++) {
            out.add(RANDOM.nextBoolean() ? (Object) (RANDOM.nextInt(100) / 4.0) : (Object) (RANDOM.nextInt(100) / 4.0f));
        }
        return out;
    }

    private static List<String> texts() {
        List<String> out = new ArrayList<>(List.of("", "a", "é", "\u0000", "€", "😀", "a😀b", "\ud800", "x\udc00y", "\ud83d",
                "\udc00\ud800", "?", "日本語", "\u007f\u0080\u07ff\u0800\uffff"));
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            int n = RANDOM.nextInt(6);
            for (int k = 0; k < n; k++) {
                sb.append(switch (RANDOM.nextInt(6)) {
                    case 0 -> (char) ('a' + RANDOM.nextInt(3));
                    case 1 -> (char) (0x80 + RANDOM.nextInt(0x800));
                    case 2 -> (char) (0x800 + RANDOM.nextInt(0xf000));
                    case 3 -> (char) (0xd800 + RANDOM.nextInt(0x800)); // surrogates, paired or not
                    case 4 -> '?';
                    default -> (char) RANDOM.nextInt(0x80);
                });
            }
            out.add(sb.toString());
        }
        return out;
    }

    // The encoding as it was (text forms), as the reference for meaning.

    private static byte[] legacy(LogicalType type, Object v) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        legacyField(type, v, buf);
        return buf.toByteArray();
    }

    private static void legacyField(LogicalType type, Object v, ByteArrayOutputStream buf) {
        if (v == null) {
            write(buf, (byte) 0, new byte[0]);
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> write(buf, (byte) 'b', new byte[] {(byte) ((Boolean) v ? 1 : 0)});
            case INT16, INT32, INT64 -> write(buf, (byte) 'n', ascii(Long.toString(((Number) v).longValue())));
            case DECIMAL -> write(buf, (byte) 'n', ascii(Canonical.number((BigDecimal) v)));
            case FLOAT32 -> write(buf, (byte) 'f', ascii(Double.toString((double) (Float) v)));
            case FLOAT64 -> write(buf, (byte) 'f', ascii(Double.toString((Double) v)));
            case TEXT -> write(buf, (byte) 's', ((String) v).getBytes(StandardCharsets.UTF_8));
            case BYTES -> write(buf, (byte) 'x', ((Bytes) v).unsafeArray());
            case UUID -> write(buf, (byte) 'u', ascii(v.toString()));
            case JSON -> write(buf, (byte) 'j', Canonical.json(((JsonText) v).text()).getBytes(StandardCharsets.UTF_8));
            case DATE -> write(buf, (byte) 'd', ascii(v.toString()));
            case TIME -> write(buf, (byte) 'h', ascii(Long.toString(((LocalTime) v).toNanoOfDay())));
            case TIMESTAMP -> write(buf, (byte) 't', ascii(epoch(((LocalDateTime) v).toInstant(ZoneOffset.UTC))));
            case TIMESTAMPTZ -> write(buf, (byte) 'z', ascii(epoch((Instant) v)));
            case ARRAY -> {
                ByteArrayOutputStream inner = new ByteArrayOutputStream();
                for (Object e : (List<?>) v) {
                    legacyField(type.element(), e, inner);
                }
                write(buf, (byte) 'a', inner.toByteArray());
            }
        }
    }

    private static void write(ByteArrayOutputStream buf, byte tag, byte[] bytes) {
        buf.write(tag);
        int n = bytes.length;
        buf.write(n >>> 24);
        buf.write(n >>> 16);
        buf.write(n >>> 8);
        buf.write(n);
        buf.write(bytes, 0, n);
    }

    private static String epoch(Instant i) {
        return i.getEpochSecond() + "." + i.getNano();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
