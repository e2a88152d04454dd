package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NaN and -0.0 have no place in a SQLite REAL column (NaN would become NULL, -0.0 would become 0.0) nor in a
 * decimal: each refusal names its ways out, and these tests run them (STYLE 14).
 */
class NanAndNegativeZeroWaysOutIT {
    @TempDir
    Path dir;

    private static PgServer.TestDb source(String name) {
        PgServer.TestDb src = PgServer.get().createDatabase(name);
        src.exec("CREATE TABLE t (id int PRIMARY KEY, v double precision);"
                + " INSERT INTO t VALUES (1, 1.5), (2, 'NaN'), (3, '-0')");
        return src;
    }

    private static String sqlite(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append('|').append(rs.getString(2)).append('\n');
            }
            return out.toString();
        }
    }

    @Test
    void intoSqliteNanAndNegativeZeroNameTextAndSkipAndBothLoad() throws Exception {
        PgServer.TestDb src = source("nanways_sqlite");
        Path refusedDb = dir.resolve("refused.db");
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + refusedDb, "--create-schema");
        assertNotEquals(0, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("NaN cannot be stored in SQLite (it would become NULL); keep its text form with"
                + " cast: text (into a TEXT column), or leave the column out with skip: true"), refused.toString());

        Path spec = dir.resolve("text.yaml");
        Files.writeString(spec, "tables:\n  t:\n    columns:\n      v: { cast: text }\n");
        Path asText = dir.resolve("text.db");
        Cli.Result loaded = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + asText, "--create-schema",
                "--spec", spec.toString());
        assertEquals(0, loaded.exit(), loaded.toString());
        assertEquals("1.5|text\nNaN|text\n-0.0|text\n", sqlite(asText, "SELECT v, typeof(v) FROM t ORDER BY id"));

        Path skip = dir.resolve("skip.yaml");
        Files.writeString(skip, "tables:\n  t:\n    columns:\n      v: { skip: true }\n");
        Path skipped = dir.resolve("skip.db");
        Cli.Result left = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + skipped, "--create-schema",
                "--spec", skip.toString());
        assertEquals(0, left.exit(), left.toString());
        assertEquals("1|integer\n2|integer\n3|integer\n", sqlite(skipped, "SELECT id, typeof(id) FROM t ORDER BY id"));
    }

    @Test
    void negativeZeroIntoSqliteNamesTheSameWaysOut() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("nanways_zero");
        src.exec("CREATE TABLE t (id int PRIMARY KEY, v double precision); INSERT INTO t VALUES (1, '-0')");
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + dir.resolve("zero.db"),
                "--create-schema");
        assertNotEquals(0, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("-0.0 cannot be stored in a SQLite REAL column (it would become 0.0); keep its"
                + " text form with cast: text (into a TEXT column), or leave the column out with skip: true"), refused.toString());
    }

    @Test
    void nanIntoADecimalColumnNamesAFloatColumnAndSkipAndBothLoad() throws Exception {
        PgServer.TestDb src = source("nanways_decimal");
        PgServer.TestDb dst = PgServer.get().createDatabase("nanways_decimal_dst");
        dst.exec("CREATE TABLE t (id int PRIMARY KEY, v numeric(10,2))");
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertNotEquals(0, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("NaN has no decimal value; load it into a float column (double precision), which"
                + " keeps NaN and infinities, or leave the column out with skip: true"), refused.toString());
        assertEquals("0", dst.one("SELECT count(*) FROM t"));

        Path skip = dir.resolve("skip.yaml");
        Files.writeString(skip, "tables:\n  t:\n    columns:\n      v: { skip: true }\n");
        Cli.Result left = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", skip.toString());
        assertEquals(0, left.exit(), left.toString());
        assertEquals("3", dst.one("SELECT count(*) FROM t WHERE v IS NULL"));

        dst.exec("TRUNCATE t; ALTER TABLE t ALTER v TYPE double precision");
        Cli.Result floats = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertEquals(0, floats.exit(), floats.toString());
        assertEquals("NaN", dst.one("SELECT v::text FROM t WHERE id = 2"));
    }
}
