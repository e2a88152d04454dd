package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 1: a run that selects no table is not a success. A misspelt schema, a --tables or
 * --exclude name that matches nothing, or a source with no table left exits 2 naming what matched
 * nothing, before anything is written (no id mapping, no table, no folder); verify that compared no
 * table exits non-zero; --allow-empty lets the legitimate empty run through.
 */
class EmptySelectionIT {
    @TempDir
    Path dir;

    private static final String SOURCE = """
            CREATE TABLE users (id int PRIMARY KEY, email text);
            INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com');
            """;

    private Path uuidSpec() throws Exception {
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "ids:\n  users:\n    strategy: uuid\n");
        return spec;
    }

    @Test
    void aMisspeltSchemaStopsMigrateBeforeTheMappingOrATableIsWritten() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_empty_src");
        src.exec(SOURCE);
        PgServer.TestDb dst = PgServer.get().createDatabase("it_empty_dst");
        Path mapping = dir.resolve("map.json");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--schemas", "pubic", "--create-schema",
                "--spec", uuidSpec().toString(), "--mapping", mapping.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("[NOTHING_SELECTED]") && r.err().contains("--schemas names pubic")
                && r.err().contains("did you mean 'public'?"), r.err());
        assertFalse(Files.exists(mapping), "no id mapping is written for a run that selects nothing");
        assertEquals("0", dst.one("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'"),
                "no table is created in the target");
    }

    @Test
    void verifyOverAMisspeltSchemaFails() {
        PgServer.TestDb src = PgServer.get().createDatabase("it_empty_vsrc");
        src.exec(SOURCE);
        Cli.Result r = Cli.run("verify", "--from", src.url(), "--to", src.url(), "--schemas", "pubic");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("pubic") && r.err().contains("'public'"), r.err());
        assertFalse(r.out().contains("result: pass"), r.out());
    }

    @Test
    void anEmptySchemaIsNothingToMigrateUnlessAllowed() {
        PgServer.TestDb src = PgServer.get().createDatabase("it_empty_schema");
        src.exec("CREATE SCHEMA archive");
        PgServer.TestDb dst = PgServer.get().createDatabase("it_empty_schema_dst");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--schemas", "archive", "--create-schema");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("has no tables") && r.err().contains("--allow-empty"), r.err());
        Cli.Result allowed = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--schemas", "archive",
                "--create-schema", "--allow-empty");
        assertEquals(0, allowed.exit(), allowed.toString());
        Cli.Result verify = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "archive");
        assertEquals(2, verify.exit(), "verify that compared no table does not pass: " + verify);
        Cli.Result verifyAllowed = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "archive",
                "--allow-empty");
        assertEquals(0, verifyAllowed.exit(), verifyAllowed.toString());
    }

    @Test
    void unmatchedTableNamesAreNamedWithTheirClosestMatch() {
        Path app = SqliteFixture.app(dir);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("export", "--from", "sqlite:" + app, "--out", out.toString(), "--tables", "usrs,habits",
                "--exclude", "habit_log");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--tables names usrs") && r.err().contains("did you mean 'users'?"), r.err());
        assertTrue(r.err().contains("--exclude names habit_log") && r.err().contains("did you mean 'habit_logs'?"), r.err());
        assertFalse(Files.exists(out), "no export folder for a refused run");
    }

    @Test
    void excludingEveryTableIsNothingToExportOrPlan() {
        Path app = SqliteFixture.app(dir);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("export", "--from", "sqlite:" + app, "--out", out.toString(), "--exclude",
                "users,habits,habit_logs");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("[NOTHING_SELECTED]") && r.err().contains("--exclude users,habits,habit_logs")
                && r.err().contains("nothing to export"), r.err());
        assertFalse(Files.exists(out), "no export folder for a refused run");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--exclude", "users,habits,habit_logs");
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("nothing to plan"), plan.err());
    }

    @Test
    void anEmptySourceIsNothingToImportUnlessAllowed() throws Exception {
        Path empty = dir.resolve("empty.db");
        SqliteFixture.exec(empty, "CREATE TABLE t (x int)", "DROP TABLE t");
        Path out = dir.resolve("export");
        Cli.Result export = Cli.run("export", "--from", "sqlite:" + empty, "--out", out.toString());
        assertEquals(2, export.exit(), export.toString());
        assertTrue(export.err().contains("has no tables"), export.err());
        Cli.Result allowed = Cli.run("export", "--from", "sqlite:" + empty, "--out", out.toString(), "--allow-empty");
        assertEquals(0, allowed.exit(), allowed.toString());
        Path app = SqliteFixture.app(dir);
        Path folder = dir.resolve("users-only");
        Cli.Result one = Cli.run("export", "--from", "sqlite:" + app, "--out", folder.toString(), "--tables", "users");
        assertEquals(0, one.exit(), one.toString());
        Path target = dir.resolve("target.db");
        Cli.Result imp = Cli.run("import", "--in", folder.toString(), "--to", "sqlite:" + target, "--create-schema",
                "--exclude", "users");
        assertEquals(2, imp.exit(), imp.toString());
        assertTrue(imp.err().contains("nothing to import"), imp.err());
    }
}
