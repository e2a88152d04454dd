package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, section 5: a SQLite database that decant creates from a PostgreSQL one answers the
 * application's queries as the source does. The fixture is an invoice table written here, with the
 * column types of a typical PostgreSQL application; the same SQL runs on both sides.
 */
class SqliteTargetAnswersIT {
    @TempDir
    Path dir;

    private static PgServer.TestDb invoices() {
        PgServer.TestDb db = PgServer.get().createDatabase("it_sqlans");
        db.exec("CREATE TABLE invoice (id bigint PRIMARY KEY, total numeric(10,2) NOT NULL, created_at timestamptz NOT NULL,"
                + " due timestamp, issued date, paid boolean, ref uuid, meta jsonb, pdf bytea)");
        // 200 rows: totals from 0.00 to 24.99, times 7h13m17.25s apart, so fractions of a second, whole
        // seconds and a new year all occur; no value sits exactly on a boundary the queries use.
        db.exec("INSERT INTO invoice SELECT i, ((i * 7919) % 2500) / 100.0,"
                + " timestamptz '2023-12-01 00:00:00.5+00' + i * interval '7 hours 13 minutes 17.25 seconds',"
                + " timestamp '2023-12-20 08:00:00' + i * interval '1 hour 1.5 seconds',"
                + " date '2023-12-25' + (i % 40), CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 = 0 END,"
                + " md5(i::text)::uuid, jsonb_build_object('n', i, 'tag', 't' || (i % 5)), decode(md5(i::text), 'hex')"
                + " FROM generate_series(1, 200) i");
        return db;
    }

    /** The application's queries; each answers one list of text values. */
    private static final List<String> QUERIES = List.of(
            "SELECT count(*) FROM invoice WHERE total > 5",
            "SELECT count(*) FROM invoice WHERE total >= 12.5 AND total < 20",
            "SELECT id FROM invoice ORDER BY total DESC, id LIMIT 10",
            "SELECT id FROM invoice ORDER BY created_at",
            "SELECT count(*) FROM invoice WHERE created_at > '2024-01-01'",
            "SELECT count(*) FROM invoice WHERE created_at BETWEEN '2024-01-10' AND '2024-02-01'",
            "SELECT id FROM invoice WHERE due > '2023-12-25 13:30' ORDER BY due LIMIT 3",
            "SELECT count(*) FROM invoice WHERE issued >= '2024-01-15'",
            "SELECT count(*) FROM invoice WHERE paid",
            "SELECT count(*) FROM invoice WHERE paid IS NULL",
            "SELECT id FROM invoice ORDER BY ref LIMIT 3",
            "SELECT max(id) FROM invoice WHERE id > 150");

    @Test
    void theSqliteCopyAnswersTheApplicationsQueriesAsTheSourceDoes() throws Exception {
        PgServer.TestDb src = invoices();
        Path file = dir.resolve("app.db");
        String to = "sqlite:" + file;
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", to, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("id INTEGER", "total NUMERIC(10,2)", "created_at TIMESTAMPTZ", "due DATETIME", "issued DATE",
                "paid BOOLEAN", "ref UUID_TEXT", "meta JSON_TEXT", "pdf BLOB"),
                sqlite(file, "SELECT name || ' ' || type FROM pragma_table_info('invoice')"));
        // numbers are stored as numbers, times as SQLite's own date functions write them (UTC, no offset)
        assertEquals(List.of("integer", "real"), sqlite(file, "SELECT DISTINCT typeof(total) FROM invoice ORDER BY 1"));
        assertEquals(List.of("19 4.19 2023-12-01 07:13:17.75 2023-12-20 09:00:01.5"), sqlite(file, "SELECT"
                + " (SELECT total FROM invoice WHERE id = 100) || ' ' || total || ' ' || created_at || ' ' || due"
                + " FROM invoice WHERE id = 1"));

        for (String q : QUERIES) {
            assertEquals(pg(src, q), sqlite(file, q), q);
        }
        // sum() of a NUMERIC column adds doubles in SQLite: the same to the cent
        BigDecimal pgSum = new BigDecimal(pg(src, "SELECT sum(total) FROM invoice").get(0));
        BigDecimal liteSum = new BigDecimal(sqlite(file, "SELECT sum(total) FROM invoice").get(0)).setScale(2, RoundingMode.HALF_EVEN);
        assertEquals(pgSum, liteSum);
        // SQLite's own date functions agree with the stored form
        assertEquals(pg(src, "SELECT count(*) FROM invoice WHERE created_at > timestamptz '2024-01-01 00:00:00+00' - interval '1 day'"),
                sqlite(file, "SELECT count(*) FROM invoice WHERE created_at > datetime('2024-01-01', '-1 day')"));

        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", to);
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
    }

    @Test
    void aDecimalADoubleCannotGiveBackIsRefusedAndBothWaysOutWork() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_sqlans_ref");
        src.exec("CREATE TABLE ledger (id integer PRIMARY KEY, amount numeric(20,6));"
                + " INSERT INTO ledger VALUES (1, 19.99), (2, 12345678901.123456), (3, 12345678901234.000000), (4, NULL)");
        Cli.Result sample = Cli.run("plan", "--from", src.url(), "--to", "sqlite:" + dir.resolve("sample.db"), "--create-schema",
                "--sample", "all");
        assertTrue(sample.out().contains("ledger: 4 rows, 1 failing value(s)"), sample.toString());
        assertTrue(sample.all().contains("12345678901.123456 would read back as 12345678901.123455 from a SQLite NUMERIC column"),
                sample.toString());
        Path file = dir.resolve("refused.db");
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + file, "--create-schema");
        assertEquals(3, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("[PRECISION_LOSS] ledger.amount (row 2, id=2): 12345678901.123456 would read back as"
                + " 12345678901.123455 from a SQLite NUMERIC column, which holds a double; keep it exact as text with cast: text"
                + " on this column, or store the nearest double with cast: {type: double precision, round: true}"),
                refused.err());

        Path text = dir.resolve("text.yaml");
        Files.writeString(text, "tables:\n  ledger:\n    columns:\n      amount: { cast: text }\n");
        Path exact = dir.resolve("exact.db");
        Cli.Result kept = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + exact, "--create-schema", "--spec", text.toString());
        assertEquals(0, kept.exit(), kept.toString());
        assertEquals(List.of("19.990000 text", "12345678901.123456 text", "12345678901234.000000 text"),
                sqlite(exact, "SELECT amount || ' ' || typeof(amount) FROM ledger WHERE amount IS NOT NULL ORDER BY id"));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", "sqlite:" + exact, "--spec", text.toString());
        assertEquals(0, v.exit(), v.toString());

        Path round = dir.resolve("round.yaml");
        Files.writeString(round, "tables:\n  ledger:\n    columns:\n      amount: { cast: { type: double precision, round: true } }\n");
        Path rounded = dir.resolve("rounded.db");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + rounded, "--create-schema", "--spec", round.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("19.99 real", "12345678901.1235 real", "12345678901234.0 real"),
                sqlite(rounded, "SELECT amount || ' ' || typeof(amount) FROM ledger WHERE amount IS NOT NULL ORDER BY id"));
        Cli.Result rv = Cli.run("verify", "--from", src.url(), "--to", "sqlite:" + rounded, "--spec", round.toString());
        assertEquals(0, rv.exit(), rv.toString());
    }

    private static List<String> pg(PgServer.TestDb db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            return rows(s.executeQuery(sql));
        }
    }

    private static List<String> sqlite(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            return rows(s.executeQuery(sql));
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(1));
        }
        rs.close();
        return out;
    }
}
