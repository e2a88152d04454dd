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

    /** A SQLite BLOB column holding text, into a PostgreSQL inet column: the refusal names the spec line, which loads. */
    @Test
    void sqliteBlobIntoInetNamesTheCastLineAndThatLineLoads() throws Exception {
        Path db = dir.resolve("blobs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)");
            s.execute("INSERT INTO t VALUES (1, CAST('192.168.0.1' AS BLOB))");
        }
        PgServer.TestDb dst = PgServer.get().createDatabase("waysout_inet");
        dst.exec("CREATE TABLE t (id int PRIMARY KEY, v inet)");
        Cli.Result refused = Cli.run("migrate", "--from", "sqlite:" + db, "--to", dst.url());
        assertEquals(2, refused.exit(), refused.toString());
        String line = "tables.t.columns.v: { cast: { type: text, encoding: utf8 } }";
        assertTrue(refused.err().contains("[NO_CONVERSION] t.v: no conversion from bytes (BLOB) to text (inet); say how with "
                + line + " (encodings: utf8, base64, hex, latin1), or leave it out with tables.t.columns.v: { skip: true }"),
                refused.toString());

        // the named line, written into the spec as the message spells it
        Path spec = dir.resolve("inet.yaml");
        Files.writeString(spec, "tables:\n  t:\n    columns:\n      v: { cast: { type: text, encoding: utf8 } }\n");
        Cli.Result loaded = Cli.run("migrate", "--from", "sqlite:" + db, "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, loaded.exit(), loaded.toString());
        assertEquals("192.168.0.1/32", dst.one("SELECT v::text FROM t"));
    }

    /** No cast makes a uuid an integer: the way out named is leaving the column out, and that loads. */
    @Test
    void aPairNoCastJoinsNamesSkipAndSkipLoads() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("waysout_uuid");
        src.exec("CREATE TABLE t (id int PRIMARY KEY, v uuid);"
                + " INSERT INTO t VALUES (1, '6f1c2a3e-0000-4000-8000-000000000001')");
        PgServer.TestDb dst = PgServer.get().createDatabase("waysout_uuid_dst");
        dst.exec("CREATE TABLE t (id int PRIMARY KEY, v int)");
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("[NO_CONVERSION] t.v: no conversion from uuid (uuid) to int32 (integer);"
                + " no cast makes a uuid value a int32: leave the column out with tables.t.columns.v: { skip: true }"),
                refused.toString());

        Path spec = dir.resolve("skip.yaml");
        Files.writeString(spec, "tables:\n  t:\n    columns:\n      v: { skip: true }\n");
        Cli.Result loaded = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, loaded.exit(), loaded.toString());
        assertEquals("1", dst.one("SELECT count(*) FROM t WHERE v IS NULL"));
    }
}
