package io.decant.files.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.core.schema.Column;
import io.decant.core.type.Bytes;
import io.decant.core.type.LogicalType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The JSONL fast path ({@link LineDecoder}, {@link ByteDecoders}) against the strict path it
 * stands in for (UTF-8 decoder, Jackson, {@link RowDecoder#decode}): over many seeded random lines,
 * valid, odd-but-valid and broken (bytes changed, dropped, added, cut), the reader gives the same
 * row or the same error with the fast path as without it, and wherever the fast path itself
 * returns a row, the strict path returns an equal row (same classes, same scale, same bits).
 */
class FastPathTest {
    static final List<Column> COLUMNS = List.of(
            Column.of("i16", LogicalType.INT16), Column.of("i32", LogicalType.INT32), Column.of("i64", LogicalType.INT64),
            Column.of("dec", LogicalType.decimal(10, 2)), Column.of("f32", LogicalType.FLOAT32), Column.of("f64", LogicalType.FLOAT64),
            Column.of("txt", LogicalType.TEXT), Column.of("bin", LogicalType.BYTES), Column.of("uid", LogicalType.UUID),
            Column.of("doc", LogicalType.JSON), Column.of("day", LogicalType.DATE), Column.of("tod", LogicalType.TIME),
            Column.of("ts", LogicalType.TIMESTAMP), Column.of("tz", LogicalType.TIMESTAMPTZ), Column.of("ok", LogicalType.BOOLEAN),
            Column.of("arr", LogicalType.array(LogicalType.INT32)), Column.unsupported("geo", "geometry", true, "no type"),
            Column.of("größe", LogicalType.TEXT));

    static final String[] INTS = {"0", "-0", "1", "-1", "7", "32767", "32768", "-32768", "-32769", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "123456789012345678", "1234567890123456789", "99999999999999999999", "01", "-01", "1.0", "1e3",
        "-", "\"5\"", "\"-12\"", "\"+5\"", "\"99999999999999999999\"", "\"1.5\"", "\"\"", "true", "[1]", "{}", "1x", "0x1F"};
    static final String[] DECIMALS = {"\"860.30\"", "\"-0.00\"", "\"0\"", "\"-0\"", "\"5.\"", "\".5\"", "\"+1.5\"", "\"1e5\"",
        "\"1E-3\"", "12.5", "1E+3", "-0", "0.000001", "\"abc\"", "\"1234567890123456789.5\"", "\"123456789012345678\"",
        "\"12345678901234567.8\"", "\"007.50\"", "\"1.2.3\"", "\"--1\"", "\"1\\u0030\"", "\" 1\"", "true", "\"\"", "99999999999999999999.99"};
    static final String[] FLOATS = {"0", "-0", "0.0", "-0.0", "1.5", "302.812", "227.14299999999997", "100.46199999999999",
        "1.0E10", "1e22", "1e23", "1e-22", "1e-23", "123456789012345", "1234567890123456", "12345678901234567",
        "9007199254740993", "9007199254740992", "123456789012345678901234567890", "1e400", "-1e400", "1e-400", "4.9e-324",
        "1.7976931348623157E308", "0.1", "0.30000000000000004", "2.2250738585072014E-308", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\"", "\"inf\"", "\"N\\u0061N\"", "1.", ".5", "1e", "1e+", "-.5", "1E0005", "1e-0", "00", "\"1.5\"", "null", "true",
        "16777217", "16777216", "3.4028235E38", "3.5e38", "12345678"};
    static final String[] UUIDS = {"\"8bf61c3e-4e43-459c-9d1f-9f54fe5c6163\"", "\"8BF61C3E-4E43-459C-9D1F-9F54FE5C6163\"",
        "\"8bf61c3e4e43459c9d1f9f54fe5c6163\"", "\"8bf61c3e-4e43-459c-9d1f-9f54fe5c616g\"", "\"{8bf61c3e-4e43-459c-9d1f-9f54fe5c6163}\"",
        "\"8bf61c3e-4e43-459c-9d1f-9f54fe5c6163 \"", "\"8bf61c3e-4e43-459c-9d1f\\u002d9f54fe5c6163\"", "\"\"", "42"};
    static final String[] DOCS = {"{\"a\":[1,2.50,{\"b\":null}],\"c\":\"x \u00e9\"}", "{\"a\":[1,2.50,{\"b\":null}],\"c\":\"x\\u00e9\"}",
        "1.0000000000000000001", "[1,{\"b\":[true,false,null,-0.0e-0]}]", "{\"s\":\"\\/\\\"\"}", "{\"k\":\"a\tb\"}", "\"str\"", "true",
        "null", "[]", "{}", "{ \"k\" : [ 1 , 2 ] }", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[[[[[]]]]]", "\"\\ud800\"", "-0.0e-0",
        "{\"dup\":1,\"dup\":2}", "{\"é\":\"ü\"}", "[\"\u007f\u2028\ud83d\ude00\", 1E5]", "{\"n\": 1, \"tags\": [1, 2]}", "[1 2]", "{\"a\":tru}", "\"tab\there\""};
    static final String[] DATES = {"\"2000-01-01\"", "\"1999-12-31\"", "\"2000-02-30\"", "\"+12345-01-01\"", "\"2000-1-1\"", "\"20000101\"", "12"};
    static final String[] TIMES = {"\"00:00\"", "\"23:59:59\"", "\"23:59:59.123456789\"", "\"24:00:00\"", "\"12:00:00.1234567891\"",
        "\"1:00:00\""};
    static final String[] ZONED = {"\"2024-01-01T00:00:50.641Z\"", "\"2024-01-01T00:00:50+02:00\"", "\"2024-01-01T00:00:50\"",
        "\"2024-01-01T00:00:50.641 Z\"", "\"2024-01-01T00:00:50.1234567891Z\""};
    static final String[] STAMPS = {"\"2024-01-01T00:00:12\"", "\"2024-01-01T00:00:50.641\"", "\"2024-01-01 00:00:12\"",
        "\"2024-01-01T00:00:50.641Z\"", "\"2024-01-01T00:00:50+02:00\"", "\"2024-02-30T00:00:00\"", "\"+10000-01-01T00:00:00\"",
        "\"2024-01-01T00:00\"", "\"2024-01-01T25:00:00Z\""};
    static final String[] BOOLS = {"true", "false", "1", "0", "\"true\"", "tru", "falsey", "True"};
    static final String[] ARRAYS = {"[1,2,null]", "[]", "[\"x\"]", "[1.5]", "5", "[2147483648]", "[ 1 ]", "[1,[2]]"};
    static final String[] GEOS = {"\"POINT(1 2)\"", "{\"type\":\"Point\"}", "12", "[1,2]", "true"};

    private final Random random = new Random(20261121);

    @Test
    void theFastPathReadsWhatTheStrictPathReadsAndFailsWhereItFails() throws Exception {
        List<RowDecoder> shapes = List.of(
                RowDecoder.forColumns("t", COLUMNS, COLUMNS, false),
                RowDecoder.forColumns("t", COLUMNS, everyOther(COLUMNS), false),
                RowDecoder.forColumns("t", COLUMNS, COLUMNS, true, true));
        List<List<Column>> read = List.of(COLUMNS, everyOther(COLUMNS), COLUMNS);
        int cases = Integer.getInteger("decant.fastpath.cases", 20_000);
        int validAndFast = 0;
        int valid = 0;
        int temporalsChecked = 0;
        for (int i = 0; i < cases; i++) {
            RowDecoder shape = shapes.get(i % shapes.size());
            boolean plain = random.nextInt(3) == 0;
            byte[] made = line(plain);
            byte[] line = !plain && random.nextBoolean() ? mutate(made) : made;
            Outcome strict = read(shape, line, false);
            Outcome fast = read(shape, line, true);
            assertEquals(strict.error, fast.error, () -> "error differs for " + show(line));
            if (strict.row != null) {
                assertRowEquals(strict.row, fast.row, line);
                temporalsChecked += assertTemporalsAsJavaTimeReads(read.get(i % shapes.size()), strict.row, line);
                valid++;
            }
            Object[] direct = shape.lineDecoder(true).decode(line, 0, line.length);
            if (direct != null) {
                assertNotNull(strict.row, () -> "the fast path accepted a line the strict path refuses (" + strict.error + "): "
                        + show(line));
                assertRowEquals(strict.row, direct, line);
                validAndFast++;
            }
        }
        System.out.printf("fast path: %d lines, %d valid, %d of them read by the fast path itself%n", cases, valid, validAndFast);
        assertTrue(valid > cases / 10, "too few valid lines to mean anything: " + valid);
        assertTrue(temporalsChecked > valid, "temporal values compared with java.time: " + temporalsChecked);
        assertTrue(validAndFast > valid / 4, "the fast path took " + validAndFast + " of " + valid + " valid lines");
    }

    @Test
    void typicalLinesNeverLeaveTheFastPath() {
        RowDecoder decoder = RowDecoder.forColumns("t", COLUMNS, COLUMNS, false);
        String line = "{\"i16\":-7,\"i32\":2147483647,\"i64\":\"9223372036854775807\",\"dec\":\"860.30\",\"f32\":1.5,"
                + "\"f64\":227.14299999999997,\"txt\":\"caf\u00e9 \\\"quoted\\\"\\n\\u00e9 \ud83d\ude00\",\"bin\":\"AQID\","
                + "\"uid\":\"8bf61c3e-4e43-459c-9d1f-9f54fe5c6163\",\"doc\":{\"a\":[1,2.50]},\"day\":\"2000-01-01\","
                + "\"tod\":\"12:00:00.5\",\"ts\":\"2024-01-01T00:00:12\",\"tz\":\"2024-01-01T00:00:50.641Z\",\"ok\":true,"
                + "\"arr\":[1,null],\"geo\":{\"type\":\"Point\"},\"größe\":null}";
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        Object[] row = decoder.lineDecoder(true).decode(b, 0, b.length);
        assertNotNull(row);
        assertEquals((short) -7, row[0]);
        assertEquals(Long.MAX_VALUE, row[2]);
        assertEquals(new BigDecimal("860.30"), row[3]);
        assertEquals(227.14299999999997, row[5]);
        assertEquals("caf\u00e9 \"quoted\"\n\u00e9 \ud83d\ude00", row[6]);
        assertArrayEquals(new byte[] {1, 2, 3}, ((Bytes) row[7]).unsafeArray());
        assertEquals(UUID.fromString("8bf61c3e-4e43-459c-9d1f-9f54fe5c6163"), row[8]);
        assertEquals("{\"a\":[1,2.50]}", row[9].toString());
        assertEquals("{\"type\":\"Point\"}", row[16]);
        assertNull(row[17]);
    }

    @Test
    void base64DecimalsAndUuidsAgreeWithTheJdk() {
        for (int i = 0; i < 20_000; i++) {
            UUID u = new UUID(random.nextLong(), random.nextLong());
            String s = random.nextBoolean() ? u.toString() : u.toString().toUpperCase(java.util.Locale.ROOT);
            assertEquals(u, ByteDecoders.uuid(s.getBytes(StandardCharsets.US_ASCII), 0), s);
            char[] bad = s.toCharArray();
            int at = random.nextInt(36);
            bad[at] = "gG-/:@`{ 0".charAt(random.nextInt(10));
            String b = new String(bad);
            UUID parsed = ByteDecoders.uuid(b.getBytes(StandardCharsets.US_ASCII), 0);
            boolean valid = b.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
            assertEquals(valid ? UUID.fromString(b) : null, parsed, b);
        }
        for (int len = 0; len < 40; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            byte[] text = Base64.getEncoder().encode(data);
            assertArrayEquals(data, ByteDecoders.base64(text, 0, text.length));
        }
        for (int i = 0; i < 20_000; i++) {
            String s = (random.nextBoolean() ? "-" : "") + digits(1 + random.nextInt(10))
                    + (random.nextBoolean() ? "." + digits(1 + random.nextInt(9)) : "");
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            BigDecimal fast = ByteDecoders.plainDecimal(b, 0, b.length);
            BigDecimal slow = new BigDecimal(s);
            if (fast != null) {
                assertEquals(slow, fast, s);
                assertEquals(slow.scale(), fast.scale(), s);
            } else {
                assertTrue(s.replace("-", "").replace(".", "").length() > 18, s);
            }
        }
    }

    @Test
    void doublesAgreeWithParseDouble() {
        RowDecoder decoder = RowDecoder.forColumns("t", List.of(Column.of("x", LogicalType.FLOAT64)),
                List.of(Column.of("x", LogicalType.FLOAT64)), false);
        LineDecoder fast = decoder.lineDecoder(true);
        int n = Integer.getInteger("decant.fastpath.doubles", 100_000);
        for (int i = 0; i < n; i++) {
            String text = switch (i % 5) {
                case 0 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
                case 1 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 2 -> (random.nextBoolean() ? "-" : "") + digits(1 + random.nextInt(8)) + "." + digits(1 + random.nextInt(9));
                case 3 -> digits(1 + random.nextInt(3)) + "." + digits(14 + random.nextInt(8));
                default -> digits(1 + random.nextInt(16)) + "e" + (random.nextInt(60) - 30);
            };
            if (text.contains("NaN") || text.contains("Infinity") || text.startsWith("0") && text.length() > 1 && text.charAt(1) != '.'
                    && text.charAt(1) != 'E' && text.charAt(1) != 'e') {
                continue;
            }
            byte[] b = ("{\"x\":" + text + "}").getBytes(StandardCharsets.US_ASCII);
            Object[] row = fast.decode(b, 0, b.length);
            assertNotNull(row, text);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits((Double) row[0]), text);
        }
    }

    /**
     * Whole files, where the fast path finds each line's end itself ({@link LineDecoder#decodeToNewline})
     * and lines run across the reader's 64 KiB buffer, fed in reads of random sizes: the same rows,
     * then the same error at the same line, as the strict path reading every line.
     */
    @Test
    void wholeFilesReadTheSameWithAndWithoutTheFastPath() throws Exception {
        RowDecoder fastShape = RowDecoder.forColumns("t", COLUMNS, COLUMNS, false);
        RowDecoder strictShape = RowDecoder.forColumns("t", COLUMNS, COLUMNS, false);
        int files = Integer.getInteger("decant.fastpath.files", 40);
        int rowsCompared = 0;
        int errorsCompared = 0;
        for (int f = 0; f < files; f++) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            int lines = 50 + random.nextInt(600);
            for (int i = 0; i < lines; i++) {
                // odd-but-valid lines among plain ones (an odd line the strict path refuses is made plain),
                // and in one file in two, one broken line somewhere
                byte[] line = line(random.nextInt(4) != 0);
                if (read(strictShape, line, false).row == null) {
                    line = line(true);
                }
                if (f % 2 == 1 && random.nextInt(lines) == 0) {
                    // anything, or one byte after the row (where only blanks may follow it on its line)
                    line = random.nextBoolean() ? mutate(line) : concat(line, new byte[] {NOISE[random.nextInt(NOISE.length)]});
                }
                file.write(line);
                if (i + 1 < lines || random.nextBoolean()) {
                    file.write(random.nextInt(10) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
                }
            }
            if (random.nextInt(4) == 0) {
                file.write("\n \n".getBytes(StandardCharsets.US_ASCII));
                if (random.nextBoolean()) {
                    file.write(line(true));
                }
            }
            byte[] data = file.toByteArray();
            List<String> fast = readAll(fastShape, data, true);
            List<String> strict = readAll(strictShape, data, false);
            assertEquals(strict.size(), fast.size(), "rows and outcome of file " + f);
            for (int i = 0; i < strict.size(); i++) {
                assertEquals(strict.get(i), fast.get(i), "file " + f + ", entry " + i);
            }
            rowsCompared += strict.size() - 1;
            errorsCompared += strict.get(strict.size() - 1).startsWith("end") ? 0 : 1;
        }
        System.out.printf("whole files: %d rows, %d errors compared%n", rowsCompared, errorsCompared);
        assertTrue(rowsCompared > files * 100, "rows compared: " + rowsCompared);
        assertTrue(errorsCompared > files / 8, "errors compared: " + errorsCompared);
    }

    /** Every row as text (values with their classes, and decimals' scales), then the end or the error with its line. */
    private List<String> readAll(RowDecoder decoder, byte[] data, boolean fastPath) throws IOException {
        List<String> out = new ArrayList<>();
        Random chunks = new Random(data.length);
        java.io.InputStream in = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + chunks.nextInt(1 << 17)));
            }
        };
        JsonlFileReader r = new JsonlFileReader(in, decoder, fastPath);
        try (r) {
            Object[] row;
            while ((row = r.next()) != null) {
                StringBuilder s = new StringBuilder();
                for (Object v : row) {
                    s.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v
                            + (v instanceof BigDecimal d ? "/" + d.scale() : "")
                            + (v instanceof Bytes b ? "/" + Base64.getEncoder().encodeToString(b.unsafeArray()) : "")).append(' ');
                }
                out.add(s.toString());
            }
            out.add("end at line " + r.line() + ", " + r.rows() + " rows");
        } catch (BadValue b) {
            out.add("BadValue at line " + r.line() + ": " + b.code() + " " + b.column() + " " + b.getMessage() + " " + b.value());
        } catch (IOException | RuntimeException e) {
            out.add("error at line " + r.line() + ": " + e.getClass().getName() + " " + e.getMessage());
        }
        return out;
    }

    // ---- reading one line both ways

    record Outcome(Object[] row, String error) {
    }

    private static Outcome read(RowDecoder decoder, byte[] line, boolean fastPath) throws IOException {
        try (JsonlFileReader r = new JsonlFileReader(new ByteArrayInputStream(line), decoder, fastPath)) {
            Object[] row = r.next();
            if (row == null) {
                return new Outcome(null, "no row");
            }
            return new Outcome(row, r.next() == null ? null : "two rows");
        } catch (BadValue b) {
            return new Outcome(null, "BadValue " + b.code() + " " + b.column() + " " + b.getMessage() + " " + b.value() + " " + b.rule());
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, e.getClass().getName() + " " + e.getMessage());
        }
    }

    private static void assertRowEquals(Object[] expected, Object[] actual, byte[] line) {
        assertNotNull(actual, () -> "no row for " + show(line));
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            Object e = expected[i];
            Object a = actual[i];
            if (e == null || a == null) {
                assertEquals(e, a, "column " + i + " of " + show(line));
                continue;
            }
            assertEquals(e.getClass(), a.getClass(), "column " + i + " of " + show(line));
            assertEquals(e, a, "column " + i + " of " + show(line));
            if (e instanceof BigDecimal d) {
                assertEquals(d.scale(), ((BigDecimal) a).scale(), "scale of column " + i + " of " + show(line));
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Both paths parse dates and times with {@link io.decant.core.transform.FastTemporal}, so agreeing
     * with each other says nothing about that parser: each temporal value of an accepted row is
     * compared with java.time's ISO parse of the text in the line. Returns how many values were compared.
     */
    private static int assertTemporalsAsJavaTimeReads(List<Column> columns, Object[] row, byte[] line) throws IOException {
        JsonNode doc = JSON.readTree(line);
        int checked = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            JsonNode v = doc.get(c.name());
            if (row[i] == null || v == null || !v.isTextual()) {
                continue;
            }
            String text = v.textValue();
            Object expected = switch (c.type().kind()) {
                case DATE -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                case TIME -> LocalTime.parse(text, DateTimeFormatter.ISO_LOCAL_TIME);
                case TIMESTAMP -> LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                case TIMESTAMPTZ -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                default -> null;
            };
            if (expected != null) {
                assertEquals(expected, row[i], () -> c.name() + " of " + show(line));
                checked++;
            }
        }
        return checked;
    }

    private static String show(byte[] line) {
        return new String(line, StandardCharsets.ISO_8859_1);
    }

    // ---- making lines

    private byte[] line(boolean plain) {
        // plain: every value of a common valid form; else one column (or, one time in four, all) from its whole pool
        int odd = plain ? -1 : random.nextInt(4) == 0 ? Integer.MAX_VALUE : random.nextInt(COLUMNS.size());
        List<String> pairs = new ArrayList<>();
        List<String[]> values = java.util.Arrays.asList(INTS, INTS, INTS, DECIMALS, FLOATS, FLOATS, null, null, UUIDS, DOCS, DATES, TIMES, STAMPS,
                ZONED, BOOLS, ARRAYS, GEOS, null);
        for (int i = 0; i < COLUMNS.size(); i++) {
            String name = COLUMNS.get(i).name();
            String value;
            if (random.nextInt(8) == 0) {
                value = "null";
            } else if (i == 6 || i == 17) {
                value = text();
            } else if (i == 7) {
                value = base64(odd != i && odd != Integer.MAX_VALUE);
            } else if (i == 5 && random.nextBoolean()) {
                value = Double.toString(random.nextDouble() * 1000);
            } else {
                String[] pool = values.get(i);
                value = pool[random.nextInt(odd == i || odd == Integer.MAX_VALUE ? pool.length : 2)];
            }
            pairs.add(ws(plain) + "\"" + name + "\"" + ws(plain) + ":" + ws(plain) + value + ws(plain));
        }
        if (odd == Integer.MAX_VALUE) {
            switch (random.nextInt(12)) {
                case 0 -> Collections.shuffle(pairs, random);
                case 1 -> pairs.remove(random.nextInt(pairs.size()));
                case 2 -> pairs.add(pairs.get(random.nextInt(pairs.size())));
                case 3 -> pairs.add(random.nextInt(pairs.size()), "\"extra\":1");
                case 4 -> pairs.set(0, "\"i\\u003116\":1");
                default -> {
                }
            }
        }
        String text = "{" + String.join(",", pairs) + "}" + ws(plain);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (!plain && random.nextInt(30) == 0) {
            b = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b);
        }
        return b;
    }

    private String ws(boolean plain) {
        if (plain || random.nextInt(6) != 0) {
            return "";
        }
        return new String[] {" ", "\t", "\r", "  ", " \t"}[random.nextInt(5)];
    }

    private static final String[] PIECES = {"a", "Z", "0", " ", "é", "ü", "中", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9",
        "\\ud83d\\ude00", "\\ud800", "\\u0000", "\\t", "\\b", "\\f", "\\r", "\u007f", "'", "{", "}", ":", ","};

    private String text() {
        StringBuilder s = new StringBuilder("\"");
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.append('"').toString();
    }

    private String base64(boolean plain) {
        byte[] data = new byte[random.nextInt(20)];
        random.nextBytes(data);
        String s = Base64.getEncoder().encodeToString(data);
        return switch (plain ? 9 : random.nextInt(10)) {
            case 0 -> "\"" + s.replace("=", "") + "\"";
            case 1 -> "\"" + s.replace('A', '-') + "\"";
            case 2 -> "\"=" + s + "\"";
            case 3 -> "\"" + s.replace("/", "\\/") + "\"";
            case 4 -> "\"" + s + "=\"";
            default -> "\"" + s + "\"";
        };
    }

    private static final byte[] NOISE = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '9', '-', '+', '.', 'e', 'E', 'n', 't', 'f',
        'u', 'a', ' ', '\t', '\r', 0, 0x1f, 0x7f, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC3, (byte) 0xE0, (byte) 0xED,
        (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF, '='};

    private byte[] mutate(byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int ops = 1 + random.nextInt(3);
        byte[] b = line;
        for (int k = 0; k < ops && b.length > 0; k++) {
            int at = random.nextInt(b.length);
            out.reset();
            switch (random.nextInt(5)) {
                case 0 -> { // change a byte
                    b = b.clone();
                    b[at] = NOISE[random.nextInt(NOISE.length)];
                    continue;
                }
                case 1 -> { // drop a byte
                    out.write(b, 0, at);
                    out.write(b, at + 1, b.length - at - 1);
                }
                case 2 -> { // add one
                    out.write(b, 0, at);
                    out.write(NOISE[random.nextInt(NOISE.length)]);
                    out.write(b, at, b.length - at);
                }
                case 3 -> out.write(b, 0, at); // cut off
                default -> { // two bytes of a multi-byte sequence swapped in
                    out.write(b, 0, at);
                    out.write(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2);
                    out.write(b, at, b.length - at);
                }
            }
            b = out.toByteArray();
        }
        return b;
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder();
        s.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private static List<Column> everyOther(List<Column> all) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            out.add(all.get(i));
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
