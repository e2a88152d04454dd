package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteToPostgresIT {
    @TempDir
    Path dir;

    private static String one(PgServer.TestDb db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void migrateWithCreateSchemaCopiesEveryValueAndVerifyPasses() throws Exception {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb db = PgServer.get().createDatabase("it_sqlite_pg");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().indexOf("users") < plan.out().indexOf("habits"), plan.out());
        assertTrue(plan.out().indexOf("habits  ") < plan.out().indexOf("habit_logs"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("3", one(db, "SELECT count(*) FROM users"));
        assertEquals("12.50", one(db, "SELECT balance FROM users WHERE id = 'u1'"));
        assertEquals("0.30", one(db, "SELECT balance FROM users WHERE id = 'u3'"));
        assertEquals("7.00", one(db, "SELECT balance FROM users WHERE id = 'u2'"));
        assertEquals("héllo 😀", one(db, "SELECT bio FROM users WHERE id = 'u1'"));
        assertEquals("", one(db, "SELECT bio FROM users WHERE id = 'u2'"));
        assertEquals(null, one(db, "SELECT bio FROM users WHERE id = 'u3'"));
        assertEquals("0.1", one(db, "SELECT score::text FROM users WHERE id = 'u1'"));
        assertEquals("\\x00ff10", one(db, "SELECT avatar FROM users WHERE id = 'u1'"));
        assertEquals("2024-01-02 03:04:05.123456", one(db, "SELECT created_at FROM users WHERE id = 'u2'"));
        assertEquals("timestamp without time zone", one(db,
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'created_at'"));
        assertEquals("1", one(db, "SELECT count(*) FROM information_schema.table_constraints "
                + "WHERE table_name = 'habits' AND constraint_type = 'FOREIGN KEY'"));
        assertEquals("3", one(db, "SELECT nextval(pg_get_serial_sequence('habits', 'id'))"),
                "the identity sequence continues past the loaded ids");

        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url(), "--report",
                dir.resolve("report.json").toString());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
        assertTrue(java.nio.file.Files.readString(dir.resolve("report.html")).contains("Verification report"));
    }

    @Test
    void aValueThatDoesNotConvertStopsTheTableAndNamesIt() throws Exception {
        Path app = SqliteFixture.app(dir);
        SqliteFixture.exec(app, "INSERT INTO users VALUES ('u9','z@example.com',1,0.123,1,'2024-01-01',NULL,NULL)");
        PgServer.TestDb db = PgServer.get().createDatabase("it_sqlite_bad");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("[PRECISION_LOSS] users.balance"), r.err());
        assertTrue(r.err().contains("id=u9"), r.err());
        assertEquals("0", one(db, "SELECT count(*) FROM users"), "nothing half-loaded");
    }

    @Test
    void loadsIntoAnExistingSchemaConvertingTypesTheTargetDeclares() throws Exception {
        Path app = dir.resolve("d1.db");
        SqliteFixture.exec(app,
                "CREATE TABLE users (id TEXT PRIMARY KEY, approved INTEGER, created_at TEXT, prefs TEXT)",
                "INSERT INTO users VALUES ('123e4567-e89b-12d3-a456-426614174000', 1, '2024-01-02 03:04:05', '{\"a\":1}')",
                "INSERT INTO users VALUES ('223e4567-e89b-12d3-a456-426614174000', 0, '2024-01-02T03:04:05.5Z', NULL)");
        PgServer.TestDb db = PgServer.get().createDatabase("it_sqlite_existing");
        db.exec("CREATE TABLE users (id uuid PRIMARY KEY, approved boolean, created_at timestamptz, prefs jsonb)");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("t", one(db, "SELECT approved FROM users WHERE id = '123e4567-e89b-12d3-a456-426614174000'"));
        assertEquals("2024-01-02 03:04:05.5+00", one(db,
                "SELECT created_at AT TIME ZONE 'UTC' || '+00' FROM users WHERE approved = false"));
        assertEquals("{\"a\": 1}", one(db, "SELECT prefs::text FROM users WHERE approved"));
    }

    @Test
    void aMissingTargetTableOrColumnIsAUsageErrorAndNothingIsTouched() {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb db = PgServer.get().createDatabase("it_sqlite_missing");
        db.exec("CREATE TABLE users (id text PRIMARY KEY, email text)");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("target table users has no column approved"), r.err());
        assertTrue(r.err().contains("target has no table habits"), r.err());
    }

    @Test
    void truncateFirstRefusesWithoutYesAndRestartsWithIt() throws Exception {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb db = PgServer.get().createDatabase("it_sqlite_trunc");
        assertEquals(0, Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema").exit());
        Cli.Result again = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(3, again.exit(), again.toString());
        assertTrue(again.err().contains("CONSTRAINT_VIOLATION"), again.err());
        Cli.Result refused = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--truncate-first");
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("add --yes"), refused.err());
        Cli.Result ok = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--truncate-first", "--yes");
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals("3", one(db, "SELECT count(*) FROM habit_logs"));
    }

    @Test
    void jsonOutputOfPlanListsTablesInLoadOrderWithTypes() {
        Path app = SqliteFixture.app(dir);
        Cli.Result r = Cli.run("plan", "--from", "sqlite:" + app, "--output", "json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"logicalType\" : \"decimal(10,2)\""), r.out());
        assertTrue(r.out().contains("\"name\" : \"habit_logs\""), r.out());
        assertFalse(r.out().contains("\u001b"), "no terminal escapes in JSON");
    }

    @Test
    void planSampleListsEveryValueThatWouldFailAndWritesNothing() throws Exception {
        Path app = SqliteFixture.app(dir);
        SqliteFixture.exec(app, "INSERT INTO users VALUES ('u8','y@example.com',1,'12,50',1,'2024-01-01',NULL,NULL)",
                "INSERT INTO users VALUES ('u7','x@example.com',3,1,1,'2024-01-01',NULL,NULL)");
        Path spec = dir.resolve("decant.yaml");
        java.nio.file.Files.writeString(spec, "tables:\n  users:\n    columns:\n      approved: { cast: boolean }\n");
        Cli.Result r = Cli.run("plan", "--from", "sqlite:" + app, "--spec", spec.toString(), "--sample", "all");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.out().contains("users: 5 rows, 2 failing value(s)"), r.out());
        assertTrue(r.out().contains("(id=u8) balance = '12,50': not a decimal number"), r.out());
        assertTrue(r.out().contains("(id=u7) approved = '3': integer 3 is not 0 or 1"), r.out());
        Cli.Result json = Cli.run("plan", "--from", "sqlite:" + app, "--spec", spec.toString(), "--sample", "2",
                "--output", "json");
        assertEquals(0, json.exit(), json.toString());
        assertTrue(json.out().contains("\"rowsSampled\" : 2"), json.out());
    }

    @Test
    void verifyChecksReferencesTheSpecDeclaresWithoutForeignKeysForOrphans() throws Exception {
        Path app = dir.resolve("refs.db");
        SqliteFixture.exec(app, "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT)",
                "CREATE TABLE notes (id INTEGER PRIMARY KEY, author TEXT, body TEXT)",
                "INSERT INTO users VALUES ('u1', 'a@example.com'), ('u2', 'b@example.com')",
                "INSERT INTO notes VALUES (1, 'u1', 'x'), (2, 'u2', 'y'), (3, NULL, 'z')");
        Path spec = dir.resolve("refs.yaml");
        java.nio.file.Files.writeString(spec, "ids:\n  users:\n    strategy: uuid5\n    references: [notes.author]\n"
                + "tables:\n  notes:\n    columns:\n      author: { cast: text }\n");
        PgServer.TestDb db = PgServer.get().createDatabase("it_refs");
        String map = dir.resolve("refs-map.json").toString();
        Cli.Result m = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString(),
                "--mapping", map, "--create-schema");
        assertEquals(0, m.exit(), m.toString());
        Cli.Result ok = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString(),
                "--mapping", map);
        assertEquals(0, ok.exit(), ok.toString());
        db.exec("UPDATE notes SET author = '00000000-0000-0000-0000-00000000dead' WHERE id = 2");
        Cli.Result bad = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString(),
                "--mapping", map, "--output", "json");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.out().contains("\"subject\" : \"notes.author -> users.id\""), bad.out());
        assertTrue(bad.out().contains("author=00000000-0000-0000-0000-00000000dead"), bad.out());
    }
}
