package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.checksum.Canonical;
import io.decant.core.checksum.CanonicalBuffer;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.CanonicalRowStream;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.JDBC;

/**
 * Verify's fast read of a SQLite table ({@link SqliteRowStream#nextCanonical}), from the table's pages and through
 * the driver, against the general way
 * ({@link SqliteRowStream#next()}, then {@link Canonical#encoderFor}): on seeded random files holding
 * every storage class in columns of many declared types (well-formed and malformed UTF-8 text, NUL
 * bytes, 4-byte characters, integer extremes, -0.0, reals with digits beyond a declared scale), each
 * row must give the same checksum fields, the same values where asked for, and a row that fails must
 * fail with the same message on both, after which both go on to the same next row.
 */
class SqliteCanonicalReadIT {
    private static final String[] DECLARED = {"INTEGER", "REAL", "TEXT", "BLOB", "NUMERIC(10,2)", "", "BOOLEAN",
        "VARCHAR(20)", "JSON", "TIMESTAMP", "DATE", "BIGINT", "SMALLINT", "DOUBLE", "UUID", "INT"};
    private static final int ROWS = 3000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"1, UTF-8, true", "2, UTF-8, true", "3, UTF-8, false", "4, UTF-16le, false", "5, UTF-8, false"})
    void fastReadGivesTheGeneralReadsFieldsValuesAndErrors(long seed, String encoding, boolean pages) throws SQLException {
        Random random = new Random(seed);
        Path file = dir.resolve("t" + seed + ".db");
        write(file, encoding, random);
        int compared = 0;
        int failed = 0;
        try (SourceDatabase src = TestDb.source(file)) {
            Table t = TestDb.table(src, "t");
            // every column, the one without a declared type read as CAST(c AS TEXT) (from the pages too)
            List<Column> columns = t.columns();
            assertTrue(columns.stream().anyMatch(c -> !c.isSupported()), "a column read as text");
            Canonical.FieldEncoder[] encoders = columns.stream().map(c -> Canonical.encoderFor(c.type()))
                    .toArray(Canonical.FieldEncoder[]::new);
            // the fast read from the table's pages, or through the driver (as for a table the pages do not serve)
            SqliteRowStream fastStream = pages ? (SqliteRowStream) src.read(t, columns)
                    : new SqliteRowStream(ReadPlan.of(t, columns, io.decant.core.transform.Conversions.utc()),
                            SqliteConnector.openReadOnly(file), file, null, "_rowid_");
            assertEquals(pages, fastStream.readsPages());
            try (RowStream general = src.read(t, columns); RowStream fast = fastStream) {
                CanonicalRowStream wire = (CanonicalRowStream) fast;
                CanonicalBuffer expected = new CanonicalBuffer();
                CanonicalBuffer actual = new CanonicalBuffer();
                int[] ends = new int[columns.size()];
                boolean[] decode = new boolean[columns.size()];
                while (true) {
                    for (int c = 0; c < decode.length; c++) {
                        decode[c] = random.nextInt(4) == 0;
                    }
                    expected.clear();
                    actual.clear();
                    TestDb.Read general1 = TestDb.Read.of(general::next);
                    TestDb.Read fast1 = TestDb.Read.of(() -> wire.nextCanonical(actual, ends, decode));
                    Object[] want = general1.row();
                    String wantError = general1.error();
                    Object[] got = fast1.row();
                    String gotError = fast1.error();
                    assertEquals(wantError, gotError, "row " + (compared + failed + 1));
                    if (wantError != null) {
                        failed++;
                        continue;
                    }
                    if (want == null) {
                        assertNull(got, "the fast read ended later");
                        break;
                    }
                    for (int c = 0; c < want.length; c++) {
                        if (want[c] == null) {
                            Canonical.writeNull(expected);
                            assertNull(got[c]);
                        } else {
                            encoders[c].encode(want[c], expected);
                            if (decode[c]) {
                                assertTrue(Objects.deepEquals(want[c], got[c]), "column " + c + ": " + want[c] + " vs " + got[c]);
                            } else {
                                assertSame(CanonicalRowStream.NOT_DECODED, got[c]);
                            }
                        }
                        assertEquals(expected.size(), ends[c], "end of column " + c + " of row " + (compared + failed + 1));
                    }
                    assertArrayEquals(Arrays.copyOf(expected.array(), expected.size()), Arrays.copyOf(actual.array(), actual.size()),
                            "row " + (compared + failed + 1));
                    compared++;
                }
            }
        }
        // the random mix must exercise both outcomes
        assertTrue(compared > ROWS / 10, "rows compared: " + compared);
        assertTrue(failed > 10, "rows refused: " + failed);
        assertEquals(ROWS, compared + failed);
    }

    private static void write(Path file, String encoding, Random random) throws SQLException {
        StringBuilder create = new StringBuilder("CREATE TABLE t (id INTEGER PRIMARY KEY");
        for (int c = 0; c < DECLARED.length; c++) {
            create.append(", c").append(c).append(' ').append(DECLARED[c]);
        }
        create.append(')');
        try (Connection conn = JDBC.createConnection("jdbc:sqlite:" + file, new Properties())) {
            try (var s = conn.createStatement()) {
                s.execute("PRAGMA encoding = '" + encoding + "'");
                s.execute(create.toString());
            }
            conn.setAutoCommit(false);
            for (int r = 1; r <= ROWS; r++) {
                insert(conn, r, random, encoding.equals("UTF-8"));
            }
            conn.commit();
        }
    }

    /** One row; each value mostly of its column's own kind, sometimes of any storage class. */
    private static void insert(Connection conn, int id, Random random, boolean utf8) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES (?");
        List<Object> values = new ArrayList<>();
        values.add(id);
        for (int c = 0; c < DECLARED.length; c++) {
            boolean own = random.nextInt(100) < 97;
            int kind = own ? ownKind(DECLARED[c]) : random.nextInt(5);
            switch (kind) {
                case 0 -> {
                    sql.append(", ?");
                    values.add(null);
                }
                case 1 -> {
                    sql.append(", ?");
                    values.add(own && DECLARED[c].equals("BOOLEAN") ? random.nextInt(2)
                            : own && DECLARED[c].equals("SMALLINT") ? random.nextInt(65536) - 32768 : integer(random));
                }
                case 2 -> {
                    sql.append(", ?");
                    values.add(own && DECLARED[c].startsWith("NUMERIC") ? (random.nextInt(2000001) - 1000000) / 100.0 : real(random));
                }
                case 3 -> {
                    // text from its bytes, so that malformed UTF-8 can be stored as TEXT (in a UTF-8 file)
                    byte[] b = random.nextInt(10) < 8 ? ownText(DECLARED[c], random) : text(random);
                    if (utf8) {
                        sql.append(", CAST(? AS TEXT)");
                        values.add(b);
                    } else {
                        sql.append(", ?");
                        values.add(new String(b, StandardCharsets.UTF_8));
                    }
                }
                default -> {
                    sql.append(", ?");
                    byte[] b = new byte[random.nextInt(12)];
                    random.nextBytes(b);
                    values.add(b);
                }
            }
        }
        sql.append(')');
        try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            ps.executeUpdate();
        }
    }

    private static int ownKind(String declared) {
        return switch (declared) {
            case "INTEGER", "BIGINT", "SMALLINT", "INT", "BOOLEAN" -> 1;
            case "REAL", "DOUBLE", "NUMERIC(10,2)" -> 2;
            case "BLOB" -> 4;
            default -> 3;
        };
    }

    private static long integer(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Long.MAX_VALUE;
            case 1 -> Long.MIN_VALUE;
            case 2 -> random.nextInt(2);
            case 3 -> Integer.MAX_VALUE + 1L;
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    private static double real(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> -0.0;
            case 1 -> random.nextInt(100000) / 100.0;
            case 2 -> random.nextInt(1000) / 1000.0;
            case 3 -> Double.MAX_VALUE;
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
        };
    }

    /** Text a column of this declared type takes; any text for the text columns. */
    private static byte[] ownText(String declared, Random random) {
        String s = switch (declared) {
            case "TIMESTAMP" -> "2024-03-0" + (1 + random.nextInt(9)) + " 09:30:0" + random.nextInt(10);
            case "DATE" -> "2024-03-0" + (1 + random.nextInt(9));
            case "JSON" -> "{\"b\": " + random.nextInt(9) + ", \"a\": [2]}";
            case "UUID" -> new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            default -> null;
        };
        return s != null ? s.getBytes(StandardCharsets.UTF_8) : text(random);
    }

    private static byte[] text(Random random) {
        String[] shapes = {"2024-03-01T09:30:00Z", "2024-03-01 09:30:00", "2024-03-01", "42", "12.50", "true",
            "{\"b\": 1, \"a\": [2]}", "0b8d0f5e-3c4a-4f7e-9a51-2f6c1d7e8a90", "", "a\u0000b", "\uD83D\uDE00 emoji",
            "é", "x".repeat(30), "null", "-0", "1e3"};
        return switch (random.nextInt(5)) {
            case 0 -> { // random bytes: mostly malformed UTF-8
                byte[] b = new byte[random.nextInt(8)];
                random.nextBytes(b);
                yield b;
            }
            case 1 -> new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}; // an encoded surrogate
            default -> shapes[random.nextInt(shapes.length)].getBytes(StandardCharsets.UTF_8);
        };
    }
}
