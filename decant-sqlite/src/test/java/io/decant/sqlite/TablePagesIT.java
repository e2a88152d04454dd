package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.transform.Conversions;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.JDBC;

/**
 * The page reader ({@link TablePages}) against SQLite itself, on seeded random files: page sizes from 512 to
 * 65536 bytes, auto-vacuum's pointer-map pages, WAL and rollback journals, deleted rows and freed pages,
 * rowids from the negative extreme to the positive one, records spilling onto overflow chains, columns added
 * by ALTER TABLE after rows exist (with and without a default), REAL-affinity columns holding integral
 * values, the INTEGER PRIMARY KEY alias (and the DESC quirk that is not one), every storage class in columns
 * of every affinity, ill-formed UTF-8 text and empty values. Each selected value must be the driver's
 * {@code getObject} value for the same row (same Java class, same value, bit for bit for doubles), for the
 * whole table and for random rowid ranges; and decant's stream must give the same rows, errors and
 * positions with the pages as through the driver. Columns are also read as {@code CAST(c AS TEXT)}, as decant reads a
 * column it cannot type (a typeless column holding several storage classes) that the spec reads {@code as_text}:
 * integers, text, blobs and reals of many shapes (which SQLite prints itself), in typeless, REAL and NUMERIC
 * columns and the rowid alias, must give the driver's text. Files the reader must not read (UTF-16, a WAL holding
 * pages, WITHOUT ROWID, generated columns) must be declined, and a damaged page must give an error that
 * names the table and the way to check the file.
 */
class TablePagesIT {
    private static final String[] DECLARED = {"INTEGER", "INT", "REAL", "DOUBLE", "FLOAT", "TEXT", "VARCHAR(10)",
        "BLOB", "", "NUMERIC", "DECIMAL(10,2)", "BOOLEAN", "DATETIME", "JSON", "CHARINT", "FLOATING POINT"};
    private static final long[] EDGES = {0, 1, -1, 127, 128, -128, -129, 32767, 32768, -32768, 8388607, 8388608,
        -8388608, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 31, (1L << 47) - 1, 1L << 47, -(1L << 47),
        Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1};

    /** Reals SQLite prints in its own way: integral, signed zero, huge, tiny, inexact, 15 and 17 digits. */
    private static final Double[] REALS = {0.0, -0.0, 1.0, -7.0, 100.0, 0.5, 0.1, 1.0 / 3, -2.0 / 3, 1e300, -1e-300,
        1e15, 3.0e15, 123456789012345678.0, 9.007199254740993e15, 1e16, 1.5e-7, 0.000123, 123456.789, 1e-5, 1e22,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Math.PI, Math.E * 1e-100};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void pagesGiveWhatSqliteGives(long seed) throws Exception {
        Random random = new Random(seed);
        Path file = dir.resolve("t" + seed + ".db");
        int pageSize = new int[] {512, 1024, 4096, 65536, 2048, 8192, 512, 4096}[(int) (seed - 1)];
        boolean wal = seed % 2 == 0;
        List<String> tables = write(file, random, pageSize, wal, seed % 3 == 0 ? "FULL" : seed % 3 == 1 ? "NONE" : "INCREMENTAL");
        for (String t : tables) {
            List<String> columns = columnNames(file, t);
            compareRaw(file, t, columns, new HashSet<>(), null, null);
            compareRaw(file, t, columns, new HashSet<>(columns), null, null);
            for (int k = 0; k < 6; k++) {
                long[] ids = rowids(file, t);
                Long low = random.nextBoolean() || ids.length == 0 ? null : pick(ids, random) + random.nextInt(3) - 1;
                Long high = random.nextBoolean() || ids.length == 0 ? null : pick(ids, random) + random.nextInt(3) - 1;
                Set<String> cast = new HashSet<>();
                for (String c : columns) {
                    if (random.nextInt(3) == 0) {
                        cast.add(c);
                    }
                }
                compareRaw(file, t, columns, cast, low, high);
            }
            compareStreams(file, t, random);
        }
    }

    /**
     * Every value of every row in [low, high) through both, with the columns in a random order and the rowid; the
     * columns in {@code cast} are read as {@code CAST(c AS TEXT)}.
     */
    private static void compareRaw(Path file, String table, List<String> columns, Set<String> cast, Long low, Long high)
            throws SQLException {
        List<String> names = new ArrayList<>(columns);
        java.util.Collections.shuffle(names, new Random(columns.size() * 31L + (low == null ? 0 : low)));
        names.add(null);
        List<String> select = names.stream().map(n -> cast.contains(n) ? "" : n).toList();
        List<String> casts = names.stream().map(n -> cast.contains(n) ? n : null).toList();
        String sql = "SELECT " + String.join(", ", names.stream().map(n -> n == null ? "_rowid_" : cast.contains(n)
                        ? "CAST(" + SqliteIdentifiers.quote(n) + " AS TEXT)" : SqliteIdentifiers.quote(n)).toList())
                + " FROM " + SqliteIdentifiers.quote(table)
                + " WHERE 1" + (low == null ? "" : " AND _rowid_ >= " + low) + (high == null ? "" : " AND _rowid_ < " + high)
                + " ORDER BY _rowid_";
        try (Connection c = readOnly(file); PageFiles.Lease lease = PageFiles.open(file)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                TablePages pages = TablePages.open(lease, file, c, table, select, casts, low, high, "_rowid_");
                assertNotNull(pages, table + " must be read from its pages");
                try (pages) {
                    int row = 0;
                    while (rs.next()) {
                        row++;
                        assertTrue(pages.next(), table + ": the pages ended before row " + row + " (rowid " + rs.getLong(select.size()) + ")");
                        assertEquals(rs.getLong(select.size()), pages.rowid(), table + " row " + row);
                        for (int i = 0; i < select.size(); i++) {
                            Object want = rs.getObject(i + 1);
                            Object got = pages.value(i);
                            String where = table + " row " + row + " (rowid " + pages.rowid() + ") column " + names.get(i)
                                    + (cast.contains(names.get(i)) ? " as text" : "");
                            assertSame(want, got, where);
                        }
                    }
                    assertFalse(pages.next(), table + ": the pages hold more rows than SQLite returns");
                }
            }
        }
    }

    private static void assertSame(Object want, Object got, String where) {
        if (want == null || got == null) {
            assertEquals(want, got, where);
            return;
        }
        assertEquals(want.getClass(), got.getClass(), where + ": " + want + " vs " + got);
        if (want instanceof byte[] w) {
            assertTrue(Arrays.equals(w, (byte[]) got), where);
        } else if (want instanceof Double w) {
            assertEquals(Double.doubleToRawLongBits(w), Double.doubleToRawLongBits((Double) got), where + ": " + want + " vs " + got);
        } else {
            assertEquals(want, got, where);
        }
    }

    /**
     * decant's own streams, with and without pages: whole, after a rowid, and as a slice; with the table's columns
     * (those decant cannot type read as text), and again with random columns read as text as well.
     */
    private static void compareStreams(Path file, String name, Random random) throws SQLException {
        try (SqliteSource src = new SqliteSource(SqliteUrl.parse("sqlite:" + file))) {
            Table t = src.tables().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            compareStreams(file, name, t, t.columns(), random);
            List<Column> asText = t.columns().stream().map(c -> random.nextInt(3) != 0 ? c
                    : Column.unsupported(c.name(), c.sourceType(), c.nullable(), "read as text by this test")).toList();
            compareStreams(file, name, t, asText, random);
        }
    }

    private static void compareStreams(Path file, String name, Table t, List<Column> columns, Random random) {
        long[] ids = rowids(file, name);
        Long after = ids.length == 0 ? null : pick(ids, random);
        ReadPlan whole = ReadPlan.of(t, columns, Conversions.utc(), "_rowid_", false);
        ReadPlan resumed = ReadPlan.of(t, columns, Conversions.utc(), "_rowid_", true);
        same(whole, List.of(), file, name);
        if (after != null) {
            same(resumed, List.of(after), file, name);
            long high = pick(ids, random);
            same(ReadPlan.slice(t, columns, Conversions.utc(), "_rowid_", true, true), List.of(Math.min(after, high), Math.max(after, high)), file, name);
        }
    }

    private static void same(ReadPlan plan, List<Long> parameters, Path file, String table) {
        try (PageFiles.Lease lease = PageFiles.open(file);
             SqliteRowStream driver = new SqliteRowStream(plan, SqliteConnector.openReadOnly(file), parameters, "f", file, null, "_rowid_");
             SqliteRowStream pages = new SqliteRowStream(plan, SqliteConnector.openReadOnly(file), parameters, "f", file, lease, "_rowid_")) {
            assertTrue(pages.readsPages(), table + " must be read from its pages: " + plan.select());
            assertFalse(driver.readsPages());
            int row = 0;
            while (true) {
                row++;
                TestDb.Read fromDriver = TestDb.Read.of(driver::next);
                TestDb.Read fromPages = TestDb.Read.of(pages::next);
                assertEquals(fromDriver.error(), fromPages.error(), table + " row " + row);
                assertEquals(driver.position(), pages.position(), table + " row " + row);
                if (fromDriver.error() != null) {
                    continue;
                }
                Object[] want = fromDriver.row();
                Object[] got = fromPages.row();
                if (want == null) {
                    assertNull(got, table + ": the pages gave more rows");
                    break;
                }
                assertNotNull(got, table + ": the pages ended at row " + row);
                for (int c = 0; c < want.length; c++) {
                    assertTrue(java.util.Objects.deepEquals(want[c], got[c]), table + " row " + row + " column " + c + ": " + want[c] + " vs " + got[c]);
                }
            }
            assertEquals(driver.rowsRead(), pages.rowsRead());
        }
    }

    @Test
    void declinesWhatItMustNotRead() throws Exception {
        Path utf16 = dir.resolve("u16.db");
        exec(utf16, "PRAGMA encoding = 'UTF-16le'", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", "INSERT INTO t VALUES (1, 'x')");
        assertDeclined(utf16, "t", List.of("id", "v"));

        Path other = dir.resolve("other.db");
        exec(other, "CREATE TABLE w (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID", "INSERT INTO w VALUES ('a', 1)",
                "CREATE TABLE g (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL)",
                "INSERT INTO g (id, a) VALUES (1, 2)",
                "CREATE TABLE s (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) STORED)",
                "INSERT INTO s (id, a) VALUES (1, 2)",
                "CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", "INSERT INTO p VALUES (1, 'x')");
        assertDeclined(other, "w", List.of("k", "v"));
        assertDeclined(other, "g", List.of("id", "a"));
        assertDeclined(other, "s", List.of("id", "a"));
        assertDeclined(other, "p", List.of("id", "")); // an expression it does not know
        assertAccepted(other, "p", List.of("id", "v"));
        assertNotNull(open(other, "p", List.of("", ""), Arrays.asList("id", "v")), "columns read as text");

        // a WAL that holds committed pages the file does not have yet: only SQLite knows them
        Path wal = dir.resolve("wal.db");
        exec(wal, "PRAGMA journal_mode = WAL", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", "INSERT INTO t VALUES (1, 'x')");
        assertAccepted(wal, "t", List.of("id", "v")); // the last connection's close checkpointed it and removed the log
        try (Connection writer = JDBC.createConnection("jdbc:sqlite:" + wal, new Properties()); Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("INSERT INTO t VALUES (2, 'only in the log')");
            assertTrue(Files.size(wal.resolveSibling("wal.db-wal")) > 0);
            assertDeclined(wal, "t", List.of("id", "v"));
            try (SourceDatabase src = TestDb.source(wal)) {
                assertEquals(2, TestDb.readAll(src, TestDb.table(src, "t"), TestDb.table(src, "t").columns()).size(),
                        "read through the driver, the log's row is there");
            }
        }
    }

    @Test
    void aDamagedPageIsAnErrorThatSaysHowToCheckTheFile() throws Exception {
        Path file = dir.resolve("bad.db");
        exec(file, "PRAGMA page_size = 1024", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        try (Connection c = JDBC.createConnection("jdbc:sqlite:" + file, new Properties())) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 1; i <= 2000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "row " + i);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
        long root = ((Number) TestDb.query(file, "SELECT rootpage FROM sqlite_schema WHERE name = 't'").get(0).get(0)).longValue();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            // the root is an interior page; in its last leaf, point the first cell past the page (counting the
            // rows, as reading the schema does, visits the pages but not the cells)
            f.seek((root - 1) * 1024 + 8);
            long leaf = f.readInt() & 0xffffffffL;
            f.seek((leaf - 1) * 1024 + 8);
            f.writeShort(0xfff0);
        }
        try (SqliteSource src = new SqliteSource(SqliteUrl.parse("sqlite:" + file))) {
            Table t = src.tables().get(0);
            DecantException e = null;
            try (RowStream s = src.read(t, t.columns())) {
                while (s.next() != null) {
                    // read to the damage
                }
            } catch (DecantException x) {
                e = x;
            }
            assertNotNull(e, "a damaged file must not end quietly");
            assertEquals(ErrorCode.FILE_CORRUPT, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("table t") && e.getMessage().contains("PRAGMA integrity_check"), e.getMessage());
        }
    }

    private static void assertDeclined(Path file, String table, List<String> select) throws SQLException {
        assertNull(open(file, table, select), table + " must be read through the driver");
    }

    private static void assertAccepted(Path file, String table, List<String> select) throws SQLException {
        TablePages p = open(file, table, select);
        assertNotNull(p, table + " can be read from its pages");
        p.close();
    }

    private static TablePages open(Path file, String table, List<String> select) throws SQLException {
        return open(file, table, select, java.util.Collections.nCopies(select.size(), null));
    }

    private static TablePages open(Path file, String table, List<String> select, List<String> casts) throws SQLException {
        try (Connection c = readOnly(file); PageFiles.Lease lease = PageFiles.open(file)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SqliteIdentifiers.quote(table))) {
                rs.next();
                return TablePages.open(lease, file, c, table, select, casts, null, null, "_rowid_");
            }
        }
    }

    private static Connection readOnly(Path file) {
        return SqliteConnector.openReadOnly(file);
    }

    private static long pick(long[] ids, Random random) {
        return ids[random.nextInt(ids.length)];
    }

    private static long[] rowids(Path file, String table) {
        return TestDb.query(file, "SELECT _rowid_ FROM " + SqliteIdentifiers.quote(table) + " ORDER BY 1").stream()
                .mapToLong(r -> ((Number) r.get(0)).longValue()).toArray();
    }

    private static List<String> columnNames(Path file, String table) {
        return TestDb.query(file, "SELECT name FROM pragma_table_info('" + table + "')").stream().map(r -> (String) r.get(0)).toList();
    }

    private static void exec(Path file, String... sql) {
        TestDb.exec(file, sql);
    }

    /** Tables of several shapes, filled at random; returns their names. */
    private static List<String> write(Path file, Random random, int pageSize, boolean wal, String autoVacuum) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = JDBC.createConnection("jdbc:sqlite:" + file, new Properties())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA page_size = " + pageSize);
                s.execute("PRAGMA auto_vacuum = " + autoVacuum);
                if (wal) {
                    s.execute("PRAGMA journal_mode = WAL");
                }
                StringBuilder cols = new StringBuilder();
                for (int i = 0; i < DECLARED.length; i++) {
                    cols.append(", c").append(i).append(' ').append(DECLARED[i]);
                }
                s.execute("CREATE TABLE alias (id INTEGER PRIMARY KEY" + cols + ")");
                s.execute("CREATE TABLE plain (a TEXT, b REAL" + cols + ")");
                s.execute("CREATE TABLE composite (k1 TEXT, k2 INTEGER" + cols + ", PRIMARY KEY (k1, k2))");
                s.execute("CREATE TABLE descending (id INTEGER PRIMARY KEY DESC, v TEXT, r REAL)");
                s.execute("CREATE TABLE \"Mixed Case\" (\"Id\" integer primary key, \"Value\" float)");
                // every shape of real beside integers, text and blobs, in a typeless column (which decant cannot
                // type, so reads as text), a REAL one (integral values stored as integers) and a NUMERIC one
                s.execute("CREATE TABLE mixed (id INTEGER PRIMARY KEY, x, r REAL, n NUMERIC)");
                names.addAll(List.of("alias", "plain", "composite", "descending", "Mixed Case", "mixed"));
            }
            c.setAutoCommit(false);
            fill(c, "alias", 1 + DECLARED.length, 0, 1500, random, true);
            fill(c, "plain", 2 + DECLARED.length, 1, 800, random, false);
            fill(c, "composite", 2 + DECLARED.length, 0, 600, random, false);
            fill(c, "descending", 3, 0, 700, random, true);
            fill(c, "Mixed Case", 2, 0, 500, random, true);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mixed (x, r, n) VALUES (?, ?, ?)")) {
                List<Object> shapes = new ArrayList<>(Arrays.asList(REALS));
                shapes.addAll(Arrays.asList(null, 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, "text", "", "12",
                        new byte[] {'b', 'l', 'o', 'b'}, new byte[] {(byte) 0xff, 0, 'a'}, new byte[0]));
                for (int r = 0; r < 300; r++) {
                    Object v = r < shapes.size() ? shapes.get(r) : value(random);
                    for (int i = 1; i <= 3; i++) {
                        ps.setObject(i, v instanceof Text t ? new String(t.bytes, StandardCharsets.UTF_8) : v);
                    }
                    ps.executeUpdate();
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                // gaps, freed pages, and records shorter than the table
                s.execute("DELETE FROM alias WHERE (id % 7) = " + random.nextInt(7));
                s.execute("DELETE FROM plain WHERE rowid % 5 = 0");
                s.execute("ALTER TABLE plain ADD COLUMN added_default INTEGER DEFAULT 42");
                s.execute("ALTER TABLE plain ADD COLUMN added_text TEXT DEFAULT 'dflt'");
                s.execute("ALTER TABLE plain ADD COLUMN added_real REAL DEFAULT 7");
                s.execute("ALTER TABLE plain ADD COLUMN added_null BLOB");
                s.execute("UPDATE plain SET added_default = 1, added_null = x'00' WHERE rowid % 3 = 0");
            }
            c.commit();
            fill(c, "plain", 2 + DECLARED.length + 4, 1, 100, random, false);
            c.commit();
        }
        return names;
    }

    /** {@code rows} rows; the first column is the rowid alias when {@code keyed} (sometimes at the extremes). */
    private static void fill(Connection c, String table, int width, int firstRandom, int rows, Random random, boolean keyed)
            throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(width, "?"));
        try (PreparedStatement text = c.prepareStatement("SELECT CAST(? AS TEXT)")) {
            for (int r = 0; r < rows; r++) {
                StringBuilder sql = new StringBuilder("INSERT OR IGNORE INTO " + SqliteIdentifiers.quote(table) + " VALUES (");
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    sql.append(i == 0 ? "" : ", ");
                    if (keyed && i == 0) {
                        sql.append('?');
                        values.add(random.nextInt(20) == 0 ? EDGES[random.nextInt(EDGES.length)] : (long) r * 3 + random.nextInt(3) - 500);
                        continue;
                    }
                    Object v = value(random);
                    if (v instanceof Text t) {
                        sql.append("CAST(? AS TEXT)");
                        values.add(t.bytes);
                    } else {
                        sql.append('?');
                        values.add(v);
                    }
                }
                sql.append(')');
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < values.size(); i++) {
                        ps.setObject(i + 1, values.get(i));
                    }
                    ps.executeUpdate();
                }
            }
        }
    }

    private record Text(byte[] bytes) {
    }

    private static Object value(Random random) {
        int kind = random.nextInt(10);
        return switch (kind) {
            case 0 -> null;
            case 1 -> EDGES[random.nextInt(EDGES.length)];
            case 2 -> (long) random.nextInt(1000) - 500;
            case 3 -> random.nextInt(4) == 0 ? (double) random.nextInt(100)
                    : random.nextBoolean() ? random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)
                    : REALS[random.nextInt(REALS.length)];
            case 4, 5 -> new Text(text(random, random.nextInt(8) == 0 ? random.nextInt(20_000) : random.nextInt(40)));
            case 6 -> new Text(new byte[] {(byte) 0xc3, (byte) 0x28, 'a', 0, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80});
            case 7 -> new Text(new byte[0]);
            case 8 -> {
                byte[] b = new byte[random.nextInt(8) == 0 ? random.nextInt(20_000) : random.nextInt(3)];
                random.nextBytes(b);
                yield b;
            }
            default -> Long.toString(random.nextInt(100)); // text that looks like a number: affinity decides
        };
    }

    private static byte[] text(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(20);
            sb.append(k == 0 ? 'é' : k == 1 ? "\uD83D\uDE00" : (char) ('a' + random.nextInt(26)));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
