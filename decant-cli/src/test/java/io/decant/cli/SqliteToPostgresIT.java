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
        int users = plan.out().indexOf("users");
        int habits = plan.out().indexOf("habits  ");
        int logs = plan.out().indexOf("habit_logs");
        assertTrue(users >= 0 && habits >= 0 && logs >= 0, "every table is planned: " + plan.out());
        assertTrue(users < habits && habits < logs, "parents before children: " + plan.out());

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
    void aMissingTargetTableOrColumnIsAUsageErrorAndNothingIsTouched() throws Exception {
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb db = PgServer.get().createDatabase("it_sqlite_missing");
        db.exec("CREATE TABLE users (id text PRIMARY KEY, email text)");
        db.exec("INSERT INTO users VALUES ('u0', 'already@example.com')");
        String before = catalog(db);
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("target table users has no column approved"), r.err());
        assertTrue(r.err().contains("target has no table habits"), r.err());
        assertEquals(before, catalog(db), "the refused run created, altered and wrote nothing in the target");
    }

    /**
     * The target as a refused run must leave it: every relation of every non-system schema (tables,
     * sequences, indexes, views; decant's journal included) with its columns and constraints, and each
     * table's row count and content digest.
     */
    private static String catalog(PgServer.TestDb db) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, c.relkind,"
                    + " (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY a.attnum)"
                    + "    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),"
                    + " (SELECT string_agg(pg_get_constraintdef(k.oid), '; ' ORDER BY k.conname) FROM pg_constraint k WHERE k.conrelid = c.oid),"
                    + " format('%I.%I', n.nspname, c.relname)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                    + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('.').append(rs.getString(2)).append(" [").append(rs.getString(3))
                            .append("] (").append(rs.getString(4)).append(") ").append(rs.getString(5)).append('\n');
                    if ("r".equals(rs.getString(3))) {
                        tables.add(rs.getString(6));
                    }
                }
            }
            for (String t : tables) {
                out.append(t).append(": ").append(one(db, "SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '-') FROM " + t + " x")).append('\n');
            }
        }
        return out.toString();
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
    void jsonOutputOfPlanListsTablesInLoadOrderWithTypes() throws Exception {
        Path app = SqliteFixture.app(dir);
        Cli.Result r = Cli.run("plan", "--from", "sqlite:" + app, "--output", "json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"logicalType\" : \"decimal(10,2)\""), r.out());
        assertTrue(r.out().contains("\"name\" : \"habit_logs\""), r.out());
        assertFalse(r.out().contains("\u001b"), "no terminal escapes in JSON");

        // Created children first and named so that neither creation nor name order is the load order.
        Path reversed = dir.resolve("reversed.db");
        SqliteFixture.exec(reversed,
                "CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts(id), body TEXT)",
                "CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES people(id), title TEXT)",
                "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)");
        Cli.Result json = Cli.run("plan", "--from", "sqlite:" + reversed, "--output", "json");
        assertEquals(0, json.exit(), json.toString());
        assertEquals(java.util.List.of("people", "posts", "comments"), tableNames(json.out()), json.out());
    }

    /** The table names of a JSON plan, in the order the plan lists them. */
    private static java.util.List<String> tableNames(String planJson) throws Exception {
        com.fasterxml.jackson.databind.JsonNode tables = new com.fasterxml.jackson.databind.ObjectMapper().readTree(planJson).path("tables");
        java.util.List<String> names = new java.util.ArrayList<>();
        tables.forEach(t -> names.add(t.path("name").asText()));
        return names;
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
