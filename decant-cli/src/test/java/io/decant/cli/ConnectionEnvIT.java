package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections the way PostgreSQL users expect: PG* variables fill what a URL leaves out, and
 * DECANT_FROM/DECANT_TO stand in for --from/--to, so no password has to be on a command line.
 * The environment is injected per run (the CLI reads it through {@link Environment}).
 */
class ConnectionEnvIT {
    @TempDir
    Path dir;

    @Test
    void pgVariablesFillAUrlThatNamesOnlyTheScheme() {
        PgServer pg = PgServer.get();
        PgServer.TestDb db = pg.createDatabase("pgenv");
        db.exec("CREATE TABLE only_here (id int PRIMARY KEY)");
        Map<String, String> env = Map.of("PGHOST", pg.host(), "PGPORT", String.valueOf(pg.port()),
                "PGUSER", pg.user(), "PGDATABASE", db.name(), "PGSSLMODE", "disable");
        Cli.Result r = Cli.run(env, "check", "--from", "postgres:///");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("only_here"), r.toString());
        assertTrue(r.all().contains(db.name()), r.toString());

        // The URL names the database; host, port and user still come from the environment.
        Cli.Result named = Cli.run(env, "check", "--from", "postgres:///" + db.name());
        assertEquals(0, named.exit(), named.toString());
        assertTrue(named.out().contains("only_here"), named.toString());
    }

    @Test
    void sslmodeFromTheEnvironmentReachesTheDriver() {
        PgServer pg = PgServer.get();
        PgServer.TestDb db = pg.createDatabase("pgssl");
        // The test server has no TLS: sslmode=require must make the connection fail, which proves it was passed on.
        Map<String, String> env = Map.of("PGHOST", pg.host(), "PGPORT", String.valueOf(pg.port()),
                "PGUSER", pg.user(), "PGDATABASE", db.name(), "PGSSLMODE", "require");
        Cli.Result r = Cli.run(env, "check", "--from", "postgres:///");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("ssl"), r.toString());
    }

    @Test
    void decantFromAndToStandInForTheOptions() {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb target = PgServer.get().createDatabase("decantto");
        Map<String, String> env = Map.of("DECANT_FROM", "sqlite:" + app, "DECANT_TO", target.url());
        Cli.Result r = Cli.run(env, "migrate", "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("3", target.one("SELECT count(*) FROM users"));
        Cli.Result v = Cli.run(env, "verify");
        assertEquals(0, v.exit(), v.toString());
        // An option still wins over the environment.
        Cli.Result wins = Cli.run(Map.of("DECANT_FROM", "sqlite:" + dir.resolve("absent.db")), "check", "--from", "sqlite:" + app);
        assertEquals(0, wins.exit(), wins.toString());
        assertFalse(wins.all().contains("absent.db"), wins.toString());
    }

    @Test
    void withoutFromOrDecantFromTheRefusalNamesBoth() {
        Cli.Result r = Cli.run(Map.of(), "check");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("DECANT_FROM"), r.toString());
    }
}
