package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * decant's run journal stays out of the application's schema: it lives in a schema of its own
 * ({@code decant}, or {@code --journal-schema}), created only once a run writes.
 */
class JournalPlaceIT {
    @TempDir
    Path dir;

    /** Every table outside the system schemas, and every non-system schema but public. */
    private static String tablesAndSchemas(PgServer.TestDb db) {
        return db.one("SELECT coalesce(string_agg(table_schema || '.' || table_name, ',' ORDER BY table_schema, table_name), '')"
                + " FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
                + " | " + db.one("SELECT coalesce(string_agg(nspname, ',' ORDER BY nspname), '') FROM pg_namespace"
                + " WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')");
    }

    @Test
    void aRunRefusedBeforeItsFirstCommitLeavesNoJournalAndNoSchema() {
        Path app = dir.resolve("bad.db");
        SqliteFixture.exec(app, "CREATE TABLE items (id INTEGER PRIMARY KEY, qty TEXT)",
                "INSERT INTO items VALUES (1, '2'), (2, 'two')");
        PgServer.TestDb db = PgServer.get().createDatabase("it_journal_refused");
        db.exec("CREATE TABLE items (id bigint PRIMARY KEY, qty integer)");

        Cli.Result planRefused = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--tables", "nosuch");
        assertEquals(2, planRefused.exit(), planRefused.toString());
        assertEquals("public.items | ", tablesAndSchemas(db));

        Cli.Result loadRefused = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(3, loadRefused.exit(), loadRefused.toString());
        assertTrue(loadRefused.err().contains("items.qty"), loadRefused.err());
        assertEquals("public.items | ", tablesAndSchemas(db), "no journal, no schema");
        assertEquals("0", db.one("SELECT count(*) FROM items"));
    }

    @Test
    void aSuccessfulRunKeepsItsJournalInItsOwnSchemaAndResumeStillReadsIt() {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb db = PgServer.get().createDatabase("it_journal_ok");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("decant.decant_journal,public.habit_logs,public.habits,public.users | decant", tablesAndSchemas(db));
        assertEquals("run-start,table-done,table-done,table-done,run-end",
                db.one("SELECT string_agg(event, ',' ORDER BY seq) FROM decant.decant_journal"));

        Cli.Result again = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema", "--resume");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.err().contains("nothing to resume"), again.toString());

        db.exec("DROP SCHEMA decant CASCADE");
        assertEquals("public.habit_logs,public.habits,public.users | ", tablesAndSchemas(db));
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void journalSchemaNamesAnotherPlaceAndAnOlderJournalInTheTargetSchemaMovesThere() {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb db = PgServer.get().createDatabase("it_journal_named");
        // A journal as an older decant left it, in the application's schema, with a finished run.
        db.exec("CREATE TABLE public.decant_journal (seq bigserial PRIMARY KEY, run_id text NOT NULL, plan_hash text NOT NULL,"
                + " event text NOT NULL, table_name text, row_count bigint NOT NULL DEFAULT 0, at timestamptz NOT NULL,"
                + " resume_at text); INSERT INTO public.decant_journal (run_id, plan_hash, event, at) VALUES"
                + " ('old', 'h', 'run-start', now()), ('old', 'h', 'run-end', now())");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema",
                "--journal-schema", "ops");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("ops.decant_journal,public.habit_logs,public.habits,public.users | ops", tablesAndSchemas(db));
        assertEquals("old,old", db.one("SELECT string_agg(run_id, ',' ORDER BY seq) FROM ops.decant_journal"
                + " WHERE seq <= 2"));
    }

    @Test
    void aRoleThatMayNotCreateSchemasIsToldAboutJournalSchemaAndItWorks() {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb db = PgServer.get().createDatabase("it_journal_role");
        String role = "decant_noschema_" + ProcessHandle.current().pid();
        db.exec("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN; GRANT USAGE, CREATE ON SCHEMA public TO "
                + role);
        try {
            String url = "postgres://" + role + "@" + PgServer.get().host() + ":" + PgServer.get().port() + "/" + db.name();
            Cli.Result refused = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
            assertEquals(4, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("[PERMISSION_DENIED]") && refused.err().contains("--journal-schema NAME"),
                    refused.err());
            assertEquals(" | ", tablesAndSchemas(db), "refused before a table was created");

            Cli.Result ok = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema",
                    "--journal-schema", "public");
            assertEquals(0, ok.exit(), ok.toString());
            assertEquals("public.decant_journal,public.habit_logs,public.habits,public.users | ", tablesAndSchemas(db));
        } finally {
            db.exec("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    @Test
    void sqliteTargetsKeepThePrefixedTableOnlyOnceARunWrites() throws Exception {
        Path src = dir.resolve("src.db");
        SqliteFixture.exec(src, "CREATE TABLE items (id INTEGER PRIMARY KEY, qty TEXT)", "INSERT INTO items VALUES (1, 'two')");
        Path dst = dir.resolve("dst.db");
        SqliteFixture.exec(dst, "CREATE TABLE items (id INTEGER PRIMARY KEY, qty INTEGER)");
        Cli.Result refused = Cli.run("migrate", "--from", "sqlite:" + src, "--to", "sqlite:" + dst);
        assertEquals(3, refused.exit(), refused.toString());
        assertEquals("items", sqliteTables(dst));

        Cli.Result named = Cli.run("migrate", "--from", "sqlite:" + src, "--to", "sqlite:" + dst, "--journal-schema", "x");
        assertEquals(2, named.exit(), named.toString());
        assertTrue(named.err().contains("DROP TABLE decant_journal"), named.err());

        SqliteFixture.exec(src, "UPDATE items SET qty = '2'");
        Cli.Result ok = Cli.run("migrate", "--from", "sqlite:" + src, "--to", "sqlite:" + dst);
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals("decant_journal,items", sqliteTables(dst));
        assertFalse(ok.all().contains("Exception"), ok.toString());
    }

    @Test
    void mariadbTargetsKeepThePrefixedTableOnlyOnceARunWrites() throws Exception {
        Path src = dir.resolve("src.db");
        SqliteFixture.exec(src, "CREATE TABLE items (id INTEGER PRIMARY KEY, qty TEXT)", "INSERT INTO items VALUES (1, 'two')");
        String url = MariaServer.createDatabase("it_journal");
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = MariaServer.connect(name); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, qty INT)");
        }
        Cli.Result refused = Cli.run("migrate", "--from", "sqlite:" + src, "--to", url);
        assertEquals(3, refused.exit(), refused.toString());
        assertEquals("items", mariaTables(name));

        Cli.Result named = Cli.run("migrate", "--from", "sqlite:" + src, "--to", url, "--journal-schema", "x");
        assertEquals(2, named.exit(), named.toString());
        assertTrue(named.err().contains("DROP TABLE decant_journal"), named.err());

        SqliteFixture.exec(src, "UPDATE items SET qty = '2'");
        Cli.Result ok = Cli.run("migrate", "--from", "sqlite:" + src, "--to", url);
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals("decant_journal,items", mariaTables(name));
    }

    private static String mariaTables(String database) throws Exception {
        try (Connection c = MariaServer.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT group_concat(table_name ORDER BY table_name) FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String sqliteTables(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                     + " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name)")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
