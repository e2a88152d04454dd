package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals issue 14 moved into plan each name a way out; these run it (STYLE 14): the refused
 * run writes nothing, and the run that takes the way out loads.
 */
class PlanWaysOutIT {
    @TempDir
    Path dir;

    /**
     * Text enters a tsvector column through the target's own input function (as_text, or any text), so the
     * write mapping that plan still refuses is bytes: they become text only by a named encoding.
     */
    @Test
    void bytesIntoTsvectorAreRefusedByPlanAndTheNamedCastLoads() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("waysout_src");
        src.exec("CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1);"
                + " CREATE TABLE t (id int PRIMARY KEY, a_id int REFERENCES a, doc bytea);"
                + " INSERT INTO t VALUES (1, 1, convert_to('x y', 'UTF8'))");
        PgServer.TestDb dst = PgServer.get().createDatabase("waysout_dst");
        dst.exec("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, a_id int REFERENCES a, doc tsvector)");
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("[NO_CONVERSION] t.doc: no conversion from bytes"), refused.toString());
        assertEquals("0", dst.one("SELECT count(*) FROM a"), "table a, loaded before t, was not written");

        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "tables:\n  t:\n    columns:\n      doc: { cast: { type: text, encoding: utf8 } }\n");
        Cli.Result loaded = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, loaded.exit(), loaded.toString());
        assertEquals("'x' 'y'", dst.one("SELECT doc::text FROM t"));
    }

    @Test
    void asTextIntoTsvectorLoadsThroughTheTargetsInput() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("waysout_astext");
        src.exec("CREATE TABLE t (id int PRIMARY KEY, doc tsvector); INSERT INTO t VALUES (1, 'x y')");
        PgServer.TestDb dst = PgServer.get().createDatabase("waysout_astext_dst");
        dst.exec("CREATE TABLE t (id int PRIMARY KEY, doc tsvector)");
        Path spec = dir.resolve("astext.yaml");
        Files.writeString(spec, "tables:\n  t:\n    columns:\n      doc: { as_text: true }\n");
        Cli.Result loaded = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, loaded.exit(), loaded.toString());
        assertEquals("'x' 'y'", dst.one("SELECT doc::text FROM t"));
    }

    @Test
    void aColumnNameLongerThanPostgresKeepsIsRefusedAndRenamingItLoads() throws Exception {
        String longName = "a_column_name_that_a_sqlite_application_made_far_too_long_to_keep";
        Path db = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, " + longName + " TEXT)");
            s.execute("INSERT INTO t VALUES (1, 'kept')");
        }
        PgServer.TestDb dst = PgServer.get().createDatabase("waysout_ident");
        Cli.Result refused = Cli.run("migrate", "--from", "sqlite:" + db, "--to", dst.url(), "--create-schema");
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("target column t." + longName + " has a name 65 long; "), refused.toString());
        assertTrue(refused.err().contains("rename it in the spec (tables.t.columns." + longName + ".to: A_SHORTER_NAME)"),
                refused.toString());
        assertEquals("0", dst.one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "nothing was created");

        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "tables:\n  t:\n    columns:\n      " + longName + ": { to: long_one }\n");
        Cli.Result loaded = Cli.run("migrate", "--from", "sqlite:" + db, "--to", dst.url(), "--create-schema", "--spec",
                spec.toString());
        assertEquals(0, loaded.exit(), loaded.toString());
        assertEquals("kept", dst.one("SELECT long_one FROM t"));
    }
}
