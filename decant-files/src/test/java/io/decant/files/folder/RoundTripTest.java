package io.decant.files.folder;

import io.decant.core.checksum.Canonical;
import io.decant.core.checksum.RowHasher;
import io.decant.core.checksum.TableChecksum;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import io.decant.files.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


class RoundTripTest {
    @TempDir
    Path tmp;

    static final Table ALL = Fixtures.table("all_types",
            Column.of("b", LogicalType.BOOLEAN),
            Column.of("i16", LogicalType.INT16),
            Column.of("i32", LogicalType.INT32),
            Column.of("i64", LogicalType.INT64),
            Column.of("dec", LogicalType.DECIMAL),
            Column.of("money", LogicalType.decimal(12, 2)),
            Column.of("f32", LogicalType.FLOAT32),
            Column.of("f64", LogicalType.FLOAT64),
            Column.of("txt", LogicalType.TEXT),
            Column.of("bin", LogicalType.BYTES),
            Column.of("uid", LogicalType.UUID),
            Column.of("js", LogicalType.JSON),
            Column.of("d", LogicalType.DATE),
            Column.of("tm", LogicalType.TIME),
            Column.of("ts", LogicalType.TIMESTAMP),
            Column.of("tz", LogicalType.TIMESTAMPTZ),
            Column.of("ints", LogicalType.array(LogicalType.INT32)),
            Column.of("texts", LogicalType.array(LogicalType.TEXT)),
            Column.of("nested", LogicalType.array(LogicalType.array(LogicalType.INT64))));

    static List<Object[]> edgeRows() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {true, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, new BigDecimal("0.10"),
                new BigDecimal("12.50"), Float.NaN, Double.NaN, "", Bytes.wrap(new byte[0]),
                UUID.fromString("00000000-0000-0000-0000-000000000000"),
                JsonText.parse("{\"a\":\"\\u00e9\\ud83d\\ude00\",\"n\":[1,[2,[3]],null]}"),
                LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1, 1, 1, 0, 0),
                Instant.parse("0001-01-01T00:00:00Z"), Arrays.asList(1, null, 3), Arrays.asList("a", null, ""),
                List.of(List.of(1L, 2L), List.of(Long.MAX_VALUE))});
        rows.add(new Object[] {false, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
                new BigDecimal("12345678901234567890123456789012345678"), new BigDecimal("-0.01"),
                Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, "😀 𝄞 four-byte", Bytes.wrap(new byte[] {0, 0, 0}),
                UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479"), JsonText.parse("[]"),
                LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 999_999_999),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                List.of(), List.of(), List.of()});
        rows.add(new Object[] {null, (short) 0, 0, (1L << 53) + 1, new BigDecimal("-0.00000000000000000000000000000000000001"),
                new BigDecimal("0.00"), -0.0f, -0.0, "nul\u0000char \"quoted\" \\ tab\t line\nbreak \u2028",
                Bytes.wrap(all), UUID.randomUUID(), JsonText.parse("{\n  \"pretty\": [1.50, \"x\"],\n  \"e\": 1e400\n}"),
                LocalDate.of(1970, 1, 1), LocalTime.of(12, 0, 0, 500_000_000),
                LocalDateTime.of(2024, 3, 10, 2, 30, 0, 1), Instant.ofEpochSecond(-1, 999_999_999),
                Arrays.asList((Integer) null), null, null});
        rows.add(new Object[] {true, (short) -1, -1, -(1L << 53) - 1, new BigDecimal("1.000"), null, Float.MIN_VALUE,
                Double.MIN_VALUE, null, null, null, JsonText.parse("\"just a string\""), null, LocalTime.of(10, 15),
                LocalDateTime.of(2024, 1, 1, 10, 15), Instant.ofEpochSecond(0, 1), null, null, null});
        rows.add(new Object[] {false, null, null, 1L << 53, null, null, Float.MAX_VALUE, Double.MAX_VALUE, "0.1",
                Bytes.wrap(new byte[] {(byte) 0xff}), null, JsonText.parse("1.50"), null, null, null,
                Instant.parse("2024-06-30T12:00:00.123Z"), null, null, null});
        rows.add(new Object[] {null, null, null, null, null, null, 0.1f, 0.1, null, null, null, null, null, null, null,
                null, null, null, null});
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonl", "json"})
    void everyLogicalTypeComesBackEqual(String format) {
        Path dir = tmp.resolve("out");
        List<Object[]> rows = edgeRows();
        Fixtures.export(format + ":" + dir, ALL, rows, Fixtures.settings());

        List<Object[]> back = Fixtures.readAll("dir:" + dir, "all_types");
        assertEquals(rows.size(), back.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < ALL.columns().size(); c++) {
                Object want = rows.get(r)[c];
                Object got = back.get(r)[c];
                String where = "row " + r + " column " + ALL.columns().get(c).name();
                if (ALL.columns().get(c).type().kind() == Kind.JSON && want != null) {
                    assertEquals(Canonical.json(((JsonText) want).text()), Canonical.json(((JsonText) got).text()), where);
                } else {
                    assertEquals(want, got, where);
                }
            }
        }
        String written = checksum(rows);
        assertEquals(written, checksum(back));
        Manifest m = ManifestCodec.read(dir);
        assertEquals(written, m.tables().get("all_types").checksum());
    }

    @Test
    void valuesAreWrittenInTheDocumentedJsonForms() throws Exception {
        Path dir = tmp.resolve("forms");
        Fixtures.export(dir, ALL, edgeRows());
        List<String> lines = Files.readAllLines(dir.resolve("all_types.jsonl"), StandardCharsets.UTF_8);
        assertEquals(6, lines.size());
        String first = lines.get(0);
        assertTrue(first.startsWith("{\"b\":true,\"i16\":-32768,\"i32\":-2147483648,\"i64\":\"-9223372036854775808\","
                + "\"dec\":\"0.10\",\"money\":\"12.50\",\"f32\":\"NaN\",\"f64\":\"NaN\",\"txt\":\"\",\"bin\":\"\","), first);
        assertTrue(first.contains("\"js\":{\"a\":\"\\u00e9\\ud83d\\ude00\",\"n\":[1,[2,[3]],null]}"), first);
        assertTrue(first.contains("\"d\":\"0001-01-01\",\"tm\":\"00:00:00\",\"ts\":\"0001-01-01T00:00:00\","
                + "\"tz\":\"0001-01-01T00:00:00Z\",\"ints\":[1,null,3],\"texts\":[\"a\",null,\"\"],"
                + "\"nested\":[[1,2],[\"9223372036854775807\"]]}"), first);
        String third = lines.get(2);
        assertTrue(third.contains("\"i64\":\"9007199254740993\""), third);
        assertTrue(third.contains("\"f32\":-0.0,\"f64\":-0.0"), third);
        assertTrue(third.contains("\"txt\":\"nul\\u0000char \\\"quoted\\\" \\\\ tab\\t line\\nbreak \u2028\""), third);
        assertTrue(third.contains("\"bin\":\"AAECAwQF"), third);
        assertTrue(third.contains("\"js\":{\"pretty\":[1.50,\"x\"],\"e\":1e400}"), third);
        assertTrue(third.contains("\"tm\":\"12:00:00.500\",\"ts\":\"2024-03-10T02:30:00.000000001\","
                + "\"tz\":\"1969-12-31T23:59:59.999999999Z\""), third);
        assertTrue(lines.get(4).contains("\"i64\":9007199254740992"), lines.get(4));
        assertTrue(lines.get(4).contains("\"f64\":1.7976931348623157E308"), lines.get(4));
        assertTrue(lines.get(1).contains("\"tm\":\"23:59:59.999999999\""), lines.get(1));
    }

    @Test
    void randomRowsRoundTripWithTheSameChecksum() {
        Random rnd = new Random(20260301L);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(new Object[] {rnd.nextBoolean(), (short) rnd.nextInt(), rnd.nextInt(), rnd.nextLong(),
                    BigDecimal.valueOf(rnd.nextLong(), rnd.nextInt(20)), BigDecimal.valueOf(rnd.nextInt(), 2),
                    Float.intBitsToFloat(rnd.nextInt()), Double.longBitsToDouble(rnd.nextLong()), randomText(rnd),
                    Bytes.wrap(randomBytes(rnd)), new UUID(rnd.nextLong(), rnd.nextLong()),
                    JsonText.parse("{\"k\":" + rnd.nextInt() + "}"),
                    LocalDate.ofEpochDay(rnd.nextInt(2_900_000) - 700_000), LocalTime.ofNanoOfDay(Math.floorMod(rnd.nextLong(), 86_400_000_000_000L)),
                    LocalDateTime.of(LocalDate.ofEpochDay(rnd.nextInt(100_000)), LocalTime.ofNanoOfDay(Math.floorMod(rnd.nextLong(), 86_400_000_000_000L))),
                    Instant.ofEpochSecond(rnd.nextInt(), rnd.nextInt(1_000_000_000)), List.of(rnd.nextInt()), List.of(randomText(rnd)),
                    List.of(List.of(rnd.nextLong()))});
        }
        Path dir = tmp.resolve("random");
        Fixtures.export(dir, ALL, rows);
        List<Object[]> back = Fixtures.readAll("dir:" + dir, "all_types");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < ALL.columns().size(); c++) {
                assertEquals(rows.get(r)[c], back.get(r)[c], "row " + r + " column " + ALL.columns().get(c).name());
            }
        }
        assertEquals(checksum(rows), checksum(back));
    }

    private static String randomText(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = rnd.nextInt(4) == 0 ? 0x10000 + rnd.nextInt(0x1000) : rnd.nextInt(0x3000);
            } while (Character.isSurrogate((char) cp) && cp < 0x10000);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(20)];
        rnd.nextBytes(b);
        return b;
    }

    static String checksum(List<Object[]> rows) {
        RowHasher h = new RowHasher(ALL.columns().stream().map(Column::type).toList());
        TableChecksum sum = new TableChecksum();
        long[] out = new long[2];
        for (Object[] r : rows) {
            h.hash(r, out);
            sum.add(out);
        }
        return sum.hex();
    }
}
