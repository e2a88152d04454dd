package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan --sql prints the DDL --create-schema runs: run by hand, it builds the same catalog migrate builds. */
class PlanSqlIT {
    @TempDir
    Path dir;

    private static final String CATALOG = "SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
            + " SELECT 'index ' || indexname || ': ' || indexdef AS x FROM pg_indexes WHERE schemaname = 'public'"
            + " UNION ALL SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint"
            + "   WHERE connamespace = 'public'::regnamespace"
            + " UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
            + "   FROM information_schema.columns WHERE table_schema = 'public') c";

    @Test
    void theStatementsBuildWhatMigrateBuilds() throws Exception {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb shown = PgServer.get().createDatabase("it_plansql");
        Cli.Result sql = Cli.run("plan", "--sql", "--from", "sqlite:" + app, "--to", shown.url(), "--create-schema");
        assertEquals(0, sql.exit(), sql.toString());
        assertTrue(sql.out().contains("CREATE TABLE"), sql.out());
        assertTrue(sql.out().contains("FOREIGN KEY"), sql.out());
        assertEquals("0", shown.one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "plan --sql ran nothing");
        shown.exec(sql.out());

        PgServer.TestDb migrated = PgServer.get().createDatabase("it_plansql_migrated");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", migrated.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(migrated.one(CATALOG), shown.one(CATALOG));

        Cli.Result withoutCreate = Cli.run("plan", "--sql", "--from", "sqlite:" + app, "--to", shown.url());
        assertEquals(2, withoutCreate.exit(), withoutCreate.toString());
        assertTrue(withoutCreate.err().contains("give --to URL and --create-schema"), withoutCreate.err());
    }
}
