package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, section 3: the user's schema decides precision, and every refusal names a way out that
 * a run here takes. The fixtures are written in the tests: a PostgreSQL shop whose target declares
 * prices as {@code real} (as many public sample schemas do), and a SQLite app that keeps base64 in a
 * BLOB column and blobs in a TEXT column.
 */
class ValuesAndPrecisionIT {
    @TempDir
    Path dir;

    private static PgServer.TestDb shop(String prefix, boolean target) {
        PgServer.TestDb db = PgServer.get().createDatabase(prefix);
        db.exec(target
                ? "CREATE TABLE products (id integer PRIMARY KEY, price real, weight real)"
                : "CREATE TABLE products (id integer PRIMARY KEY, price numeric(10,2), weight double precision)");
        return db;
    }

    @Test
    void decimalsAndDoublesLoadIntoRealWhenTheyPrintTheSame() {
        PgServer.TestDb src = shop("it_f4_src", false);
        src.exec("INSERT INTO products VALUES (1, 32.38, 0.05), (2, 0.05, 19.99), (3, NULL, -7.25)");
        PgServer.TestDb dst = shop("it_f4_dst", true);
        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--sample", "all");
        assertEquals(0, plan.exit(), plan.toString());
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("32.38", dst.one("SELECT price::text FROM products WHERE id = 1"));
        assertEquals("0.05", dst.one("SELECT weight::text FROM products WHERE id = 1"));
        assertEquals("19.99", dst.one("SELECT weight::text FROM products WHERE id = 2"));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
    }

    @Test
    void aValueThatWouldChangeIsRefusedAndRoundTrueLoadsIt() throws Exception {
        PgServer.TestDb src = shop("it_f4r_src", false);
        src.exec("INSERT INTO products VALUES (1, 32.38, 0.05), (2, 1.00, 123.456789)");
        PgServer.TestDb dst = shop("it_f4r_dst", true);
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertEquals(3, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("[PRECISION_LOSS] products.weight (row 2, id=2): 123.456789 would become"
                + " 123.45679 as a float32"), refused.err());
        assertTrue(refused.err().contains("cast: {type: real, round: true} rounds to the nearest float32"), refused.err());

        Path spec = dir.resolve("round.yaml");
        Files.writeString(spec, "tables:\n  products:\n    columns:\n      weight: { cast: { type: real, round: true } }\n");
        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("rounds to the nearest float32"), plan.out());
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("123.45679", dst.one("SELECT weight::text FROM products WHERE id = 2"));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, v.exit(), v.toString());
        Cli.Result strict = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertTrue(strict.exit() != 0, "without the spec the source value does not convert: " + strict);
    }

    @Test
    void base64InABlobColumnAndBlobsInATextColumnLoadWithTheNamedCasts() throws Exception {
        Path app = dir.resolve("app.db");
        SqliteFixture.exec(app, "CREATE TABLE attachments (id INTEGER PRIMARY KEY, payload BLOB, note TEXT)",
                "INSERT INTO attachments VALUES (1, 'aGk=', 'plain'), (2, CAST('aGs=' AS BLOB), x'68c3a9'),"
                        + " (3, NULL, NULL)");
        PgServer.TestDb db = PgServer.get().createDatabase("it_bytes_text");
        Cli.Result refused = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(3, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("text in a BLOB column is not turned into bytes behind your back: say how with"
                + " cast: {type: bytes, encoding: utf8} (or base64, hex, latin1)"), refused.err());
        Path onlyNote = dir.resolve("note.yaml");
        Files.writeString(onlyNote, "tables:\n  attachments:\n    columns:\n      payload: { skip: true }\n");
        PgServer.TestDb db2 = PgServer.get().createDatabase("it_bytes_text");
        Cli.Result blob = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db2.url(), "--create-schema",
                "--spec", onlyNote.toString());
        assertEquals(3, blob.exit(), blob.toString());
        assertTrue(blob.err().contains("blob in a TEXT column is not decoded behind your back: say how its bytes"
                + " become text with cast: {type: text, encoding: utf8} (or base64, hex, latin1), or skip: true"),
                blob.err());

        Path spec = dir.resolve("casts.yaml");
        Files.writeString(spec, "tables:\n  attachments:\n    columns:\n"
                + "      payload: { cast: { type: bytes, encoding: base64 } }\n"
                + "      note:    { cast: { type: text, encoding: utf8 } }\n");
        db = PgServer.get().createDatabase("it_bytes_text");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema",
                "--spec", spec.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("bytea", db.one("SELECT data_type FROM information_schema.columns WHERE column_name = 'payload'"));
        assertEquals("hi", db.one("SELECT convert_from(payload, 'UTF8') FROM attachments WHERE id = 1"));
        assertEquals("hk", db.one("SELECT convert_from(payload, 'UTF8') FROM attachments WHERE id = 2"));
        assertEquals("plain", db.one("SELECT note FROM attachments WHERE id = 1"));
        assertEquals("hé", db.one("SELECT note FROM attachments WHERE id = 2"));
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString());
        assertEquals(0, v.exit(), v.toString());
    }

    /**
     * Old MySQL databases hold zero dates; MariaDB stores them once sql_mode lacks NO_ZERO_DATE and
     * NO_ZERO_IN_DATE. plan --sample counts every one, and the spec turns them into NULL or a date.
     */
    @Test
    void zeroDatesAreCountedAndTheSpecTurnsThemIntoNullOrADate() throws Exception {
        String src = MariaServer.createDatabase("it_zero");
        try (Connection c = MariaServer.connect(src.substring(src.lastIndexOf('/') + 1));
             Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute("CREATE TABLE events (id INT PRIMARY KEY, day DATE, at DATETIME, seen TIMESTAMP NULL)");
            s.execute("INSERT INTO events VALUES (1, '2024-01-05', '2024-01-05 10:00:00', '2024-01-05 10:00:00'),"
                    + " (2, '0000-00-00', '2024-02-00 00:00:00', NULL), (3, '2024-02-00', '0000-00-00 00:00:00', NULL),"
                    + " (4, '2024-03-01', '2024-03-01 12:30:00', '0000-00-00 00:00:00')");
        }
        PgServer.TestDb pg = PgServer.get().createDatabase("it_zero_pg");
        Cli.Result sample = Cli.run("plan", "--from", src, "--to", pg.url(), "--create-schema", "--sample", "all");
        assertTrue(sample.out().contains("events: 4 rows, 3 failing value(s)\n"), sample.toString());
        assertTrue(sample.out().contains("row 3 (id=3) day = '2024-02-00'"), sample.toString());
        assertTrue(sample.out().contains("row 4 (id=4) seen = '0000-00-00 00:00:00'"), sample.toString());

        Cli.Result refused = Cli.run("migrate", "--from", src, "--to", pg.url(), "--create-schema");
        assertEquals(3, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("zero_date: null on the column (or zero_dates: null for the whole source)"),
                refused.err());

        Path spec = dir.resolve("zero.yaml");
        Files.writeString(spec, "zero_dates: null\ntables:\n  events:\n    columns:\n      at: { zero_date: 1970-01-01 }\n");
        pg = PgServer.get().createDatabase("it_zero_pg"); // the refused run created the table, empty
        Cli.Result plan = Cli.run("plan", "--from", src, "--to", pg.url(), "--create-schema", "--spec", spec.toString(),
                "--sample", "all");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("result: every sampled value converts"), plan.out());
        Cli.Result planText = Cli.run("plan", "--from", src, "--to", pg.url(), "--create-schema", "--spec", spec.toString());
        assertTrue(planText.out().contains("column at: zero dates ('0000-00-00', '2024-02-00') become 1970-01-01"),
                planText.out());
        assertTrue(planText.out().contains("column day: zero dates ('0000-00-00', '2024-02-00') become NULL"),
                planText.out());
        Cli.Result r = Cli.run("migrate", "--from", src, "--to", pg.url(), "--create-schema", "--spec", spec.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("2", pg.one("SELECT count(*) FROM events WHERE day IS NULL"));
        assertEquals("1970-01-01 00:00:00", pg.one("SELECT at::text FROM events WHERE id = 3"));
        assertEquals("1970-01-01 00:00:00", pg.one("SELECT at::text FROM events WHERE id = 2"),
                "2024-02-00 has a zero day: a zero date too");
        assertEquals("1", pg.one("SELECT count(*) FROM events WHERE id = 4 AND seen IS NULL"));
        assertEquals("2024-01-05", pg.one("SELECT day::text FROM events WHERE id = 1"));
        Cli.Result v = Cli.run("verify", "--from", src, "--to", pg.url(), "--spec", spec.toString());
        assertEquals(0, v.exit(), v.toString());
    }

    /**
     * {@code id integer auto_increment primary key} is no rowid alias in SQLite (the type is not exactly
     * INTEGER), so the key may hold NULL; a schema written for MySQL and run on SQLite does this.
     */
    @Test
    void nullPrimaryKeysAreCountedByPlanAndAWhereFilterLeavesThemOut() throws Exception {
        Path app = dir.resolve("keys.db");
        SqliteFixture.exec(app, "CREATE TABLE items (id integer auto_increment primary key, name TEXT)",
                "INSERT INTO items (id, name) VALUES (1, 'one'), (NULL, 'lost'), (NULL, 'also lost'), (4, 'four')");
        PgServer.TestDb db = PgServer.get().createDatabase("it_null_keys");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertTrue(plan.out().contains("2 rows have NULL in primary key column id (SQLite allows it where the key is not"
                + " the rowid); a primary key on the target refuses NULL: leave them out with where: \"id != null\" in"
                + " the spec"), plan.toString());
        Cli.Result refused = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(3, refused.exit(), refused.toString());

        Path spec = dir.resolve("keys.yaml");
        Files.writeString(spec, "tables:\n  items:\n    where: \"id != null\"\n");
        db = PgServer.get().createDatabase("it_null_keys");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema",
                "--spec", spec.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("2", db.one("SELECT count(*) FROM items"));
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString());
        assertEquals(0, v.exit(), v.toString());
    }

    /**
     * Issue 15, section 5 (timestamps only): a created SQLite target holds times in SQLite's own text
     * form, so an application's comparison with datetime() or CURRENT_TIMESTAMP answers as on the source.
     */
    @Test
    void timesInACreatedSqliteTargetCompareAsTheApplicationsQueriesExpect() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_sqlite_times");
        src.exec("CREATE TABLE events (id integer PRIMARY KEY, at timestamp, seen timestamptz)");
        src.exec("INSERT INTO events VALUES (1, '2024-01-02 01:00:00', '2024-01-02 01:00:00+00'),"
                + " (2, '2024-01-02 05:30:00.5', '2024-01-02 05:30:00.5+00'), (3, '2024-01-03 00:00:00', '2024-01-01 23:00:00-02')");
        String where = "at > '2024-01-02 03:00:00'";
        assertEquals("2", src.one("SELECT count(*) FROM events WHERE " + where));
        Path target = dir.resolve("events.db");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + target, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + target);
             Statement s = c.createStatement()) {
            java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM events WHERE " + where);
            rs.next();
            assertEquals(2, rs.getInt(1), "compared as text, as SQLite compares it");
            rs = s.executeQuery("SELECT count(*) FROM events WHERE seen > datetime('2024-01-02 03:00:00')");
            rs.next();
            assertEquals(1, rs.getInt(1));
            rs = s.executeQuery("SELECT at, seen FROM events WHERE id = 2");
            rs.next();
            assertEquals("2024-01-02 05:30:00.5", rs.getString(1));
            assertEquals("2024-01-02 05:30:00.5", rs.getString(2));
        }
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", "sqlite:" + target);
        assertEquals(0, v.exit(), v.toString());
    }
}
