package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.MariaServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite app whose keys are TEXT (unbounded) into MariaDB with {@code --create-schema}. MySQL and
 * MariaDB index no unbounded TEXT, and a foreign key needs both ends of one type, so the key and every
 * column referencing it are created as the same VARCHAR(n), n decided by plan from the data.
 */
class SqliteTextKeysToMariaIT {
    @TempDir
    Path dir;

    private static String one(String url, String sql) throws SQLException {
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = MariaServer.connect(name); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String columnType(String url, String table, String column) throws SQLException {
        String name = url.substring(url.lastIndexOf('/') + 1);
        return one(url, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + name
                + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'");
    }

    @Test
    void textKeysAndTheColumnsReferencingThemBecomeOneVarcharAndVerifyPasses() throws Exception {
        Path app = SqliteFixture.app(dir);
        String url = MariaServer.createDatabase("it_textkeys");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("key column user_id is created as VARCHAR(255) (as users.id, habits.user_id,"
                + " which a foreign key joins)"), plan.out());
        assertTrue(plan.out().contains("key column email is created as VARCHAR(255)"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("3", one(url, "SELECT count(*) FROM users"));
        assertEquals("2", one(url, "SELECT count(*) FROM habits"));
        assertEquals(columnType(url, "users", "id"), columnType(url, "habits", "user_id"),
                "a foreign key's two ends have one type");
        assertTrue(columnType(url, "users", "id").startsWith("varchar("), columnType(url, "users", "id"));
        String name = url.substring(url.lastIndexOf('/') + 1);
        assertEquals("2", one(url, "SELECT count(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = '"
                + name + "' AND CONSTRAINT_TYPE = 'FOREIGN KEY'"), "both foreign keys exist");
        assertEquals("1", one(url, "SELECT count(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = '"
                + name + "' AND TABLE_NAME = 'users' AND CONSTRAINT_TYPE = 'UNIQUE'"), "the unique email exists");

        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", url);
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
    }

    @Test
    void aKeyLongerThanTheUsualLengthGetsItsLongestValueOnBothEnds() throws Exception {
        Path app = SqliteFixture.app(dir);
        String id = "k".repeat(300);
        SqliteFixture.exec(app, "INSERT INTO users (id, email) VALUES ('" + id + "', 'long@example.com')",
                "INSERT INTO habits (user_id, name) VALUES ('" + id + "', 'swim')");
        String url = MariaServer.createDatabase("it_textkeys_300");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("varchar(300)", columnType(url, "users", "id"));
        assertEquals("varchar(300)", columnType(url, "habits", "user_id"));
        assertEquals("varchar(255)", columnType(url, "users", "email"));
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", url);
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void aKeyLongerThanTheTargetIndexesIsRefusedByPlanAndMigrateWritesNothing() throws Exception {
        Path app = SqliteFixture.app(dir);
        SqliteFixture.exec(app, "INSERT INTO users (id, email) VALUES ('" + "k".repeat(800) + "', 'long@example.com')");
        String url = MariaServer.createDatabase("it_textkeys_800");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("key column users.id holds text of 800 characters; " + url
                + " indexes at most 768 in a key"), plan.err());
        assertTrue(plan.err().contains("or leave it out with --exclude users"), plan.err());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(2, r.exit(), r.toString());
        String name = url.substring(url.lastIndexOf('/') + 1);
        assertEquals("0", one(url, "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + name + "'"),
                "a refused run leaves nothing behind");

        // The way out it names.
        Cli.Result out = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema", "--exclude", "users");
        assertEquals(0, out.exit(), out.toString());
        assertEquals("2", one(url, "SELECT count(*) FROM habits"));
    }

    @Test
    void aKeyOfFourTextColumnsIsRefusedByPlanBeforeAnyTableIsCreated() throws Exception {
        Path app = SqliteFixture.app(dir);
        SqliteFixture.exec(app, "CREATE TABLE tags (a TEXT, b TEXT, c TEXT, d TEXT, PRIMARY KEY (a, b, c, d))",
                "INSERT INTO tags VALUES ('x', 'y', 'z', 'w')");
        String url = MariaServer.createDatabase("it_textkeys_wide");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("key [a, b, c, d] of tags is created as text of 1020 characters in all; " + url
                + " indexes at most 768 in one key"), plan.err());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(2, r.exit(), r.toString());
        String name = url.substring(url.lastIndexOf('/') + 1);
        assertEquals("0", one(url, "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + name + "'"),
                "a refused run leaves nothing behind");
        Cli.Result out = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema", "--exclude", "tags");
        assertEquals(0, out.exit(), out.toString());
    }
}
