package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite SQL script (d1sql:) through the whole story: plan, migrate into PostgreSQL, verify. */
class SqlScriptIT {
    @TempDir
    Path dir;

    /** What seed scripts hold besides CREATE and INSERT: drops, updates, functions, a view, a trigger. */
    private static final String SCRIPT = """
            PRAGMA foreign_keys=OFF;
            BEGIN TRANSACTION;
            DROP TABLE IF EXISTS teams;
            CREATE TABLE teams (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, created_at DATETIME);
            CREATE TABLE members (id TEXT PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES teams(id), email TEXT,
              score NUMERIC(6,2), active BOOLEAN DEFAULT 1);
            CREATE INDEX members_team ON members(team_id);
            CREATE TRIGGER members_email AFTER INSERT ON members BEGIN
              UPDATE members SET email = lower(new.email) WHERE id = new.id;
            END;
            INSERT INTO teams(name, created_at) VALUES ('Red', '2024-01-02 03:04:05'), ('Blue', '2024-02-29 23:59:59.5');
            INSERT INTO members VALUES ('m1', 1, 'ANN@Example.com', 12.5, 1);
            INSERT INTO members VALUES ('m2', 2, 'Bob@example.com', 0.1, 0);
            INSERT INTO members SELECT 'm' || (id + 2), id, 'x' || id || '@example.com', id * 1.25, 1 FROM teams;
            UPDATE teams SET name = upper(name);
            CREATE VIEW team_sizes AS SELECT team_id, count(*) AS n FROM members GROUP BY team_id;
            COMMIT;
            """;

    @Test
    void aScriptMigratesAndVerifiesAsTheDatabaseItDescribes() throws Exception {
        Path script = dir.resolve("seed.sql");
        Files.writeString(script, SCRIPT);
        PgServer.TestDb db = PgServer.get().createDatabase("it_script_pg");

        Cli.Result plan = Cli.run("plan", "--from", "d1sql:" + script, "--to", db.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("members"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", script.toString(), "--to", db.url(), "--create-schema", "--jobs", "2");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("RED,BLUE", db.one("SELECT string_agg(name, ',' ORDER BY id) FROM teams"));
        assertEquals("ann@example.com,bob@example.com,x1@example.com,x2@example.com",
                db.one("SELECT string_agg(email, ',' ORDER BY id) FROM members"), "the trigger ran as SQLite runs it");
        assertEquals("2.50", db.one("SELECT score FROM members WHERE id = 'm4'"));
        assertEquals("1", db.one("SELECT count(*) FROM information_schema.table_constraints WHERE table_name = 'members'"
                + " AND constraint_type = 'FOREIGN KEY'"));

        Cli.Result v = Cli.run("verify", "--from", "d1sql:" + script, "--to", db.url());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
    }

    @Test
    void aScriptSqliteRefusesStopsBeforeAnythingIsWritten() throws Exception {
        Path script = dir.resolve("bad.sql");
        Files.writeString(script, "CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);\n");
        PgServer.TestDb db = PgServer.get().createDatabase("it_script_bad");
        Cli.Result r = Cli.run("migrate", "--from", "d1sql:" + script, "--to", db.url(), "--create-schema");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("(bad.sql line 3): SQLite refused the statement 'INSERT INTO t VALUES (1);': UNIQUE constraint"
                + " failed: t.id"), r.err());
        assertEquals("0", db.one("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"));
    }
}
