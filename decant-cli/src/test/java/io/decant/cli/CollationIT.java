package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Created text columns compare as the source's did (issue 20, item 2). The target database's default collation is
 * ICU English, which sorts 'a' before 'B' and 'é' before 'Z'; SQLite's BINARY sorts by bytes: B, Z, a, é.
 */
class CollationIT {
    @TempDir
    Path dir;

    /** A database of the test kit, re-created with ICU English as its default collation. */
    static PgServer.TestDb englishDatabase(String prefix) throws Exception {
        PgServer.TestDb db = PgServer.get().createDatabase(prefix);
        try (Connection c = DriverManager.getConnection(PgServer.get().jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + db.name());
            s.execute("CREATE DATABASE " + db.name() + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
                    + " LOCALE_PROVIDER icu ICU_LOCALE 'en'");
        }
        return db;
    }

    private Path source() {
        Path file = dir.resolve("words.db");
        SqliteFixture.exec(file,
                "CREATE TABLE words (id INTEGER PRIMARY KEY, w TEXT NOT NULL UNIQUE, n TEXT COLLATE NOCASE,"
                        + " n2 TEXT COLLATE NOCASE, d TEXT DEFAULT 'x COLLATE RTRIM')",
                "INSERT INTO words (id, w, n) VALUES (1, 'a', 'a'), (2, 'B', 'B'), (3, 'é', 'é'), (4, 'Z', 'Z')");
        return file;
    }

    @Test
    void createdColumnsSortAsSqliteDid() throws Exception {
        Path src = source();
        PgServer.TestDb db = englishDatabase("it_collation_source");
        assertEquals("a,B,é,Z", db.one("SELECT string_agg(v, ',' ORDER BY v) FROM (VALUES ('Z'), ('é'), ('B'), ('a')) x(v)"),
                "the target's default collation is not byte order");

        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + src, "--to", db.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("TEXT -> text -> text COLLATE \"C\""), plan.out());
        assertTrue(plan.out().contains("note: columns n, n2 compare as sqlite NOCASE in the source; the target has no"
                + " collation that compares the same, so they are created with the target database's default collation"),
                plan.out());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + src, "--to", db.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("B,Z,a,é", db.one("SELECT string_agg(w, ',' ORDER BY w) FROM words"), "SQLite's byte order");
        assertEquals("C", db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'w'"));
        assertEquals("C", db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'd'"), "a COLLATE inside a DEFAULT string is not the column's");
        assertEquals(null, db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'n'"), "NOCASE has no PostgreSQL equal: the database default");
        assertEquals("a,B,é,Z", db.one("SELECT string_agg(n, ',' ORDER BY n) FROM words"));
    }

    @Test
    void collationDefaultTakesTheTargetDatabasesDefault() throws Exception {
        Path src = source();
        PgServer.TestDb db = englishDatabase("it_collation_default");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + src, "--to", db.url(), "--create-schema",
                "--collation", "default");
        assertEquals(0, plan.exit(), plan.toString());
        // No created column says COLLATE (a note may quote the source's default, 'x COLLATE RTRIM', as text).
        assertFalse(plan.out().lines().filter(l -> !l.trim().startsWith("note:")).anyMatch(l -> l.contains("COLLATE")),
                plan.out());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + src, "--to", db.url(), "--create-schema",
                "--collation", "default");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("a,B,é,Z", db.one("SELECT string_agg(w, ',' ORDER BY w) FROM words"), "the database's collation");
        assertEquals(null, db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'w'"));
    }

    @Test
    void mysqlBinaryCollationsBecomeCAndCaseInsensitiveOnesTheDefaultWithANote() throws Exception {
        io.decant.testkit.MariaServer.assumeAvailable();
        String url = io.decant.testkit.MariaServer.createDatabase("coll_src");
        try (Connection c = io.decant.testkit.MariaServer.connect(url.substring(url.lastIndexOf('/') + 1));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE words (id INT PRIMARY KEY, b VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,"
                    + " ci VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci)");
            s.execute("INSERT INTO words VALUES (1, 'a', 'a'), (2, 'B', 'B'), (3, 'é', 'é'), (4, 'Z', 'Z')");
        }
        PgServer.TestDb db = englishDatabase("it_collation_mysql");
        Cli.Result plan = Cli.run("plan", "--from", url, "--to", db.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("b   varchar(10) -> text(10) -> varchar(10) COLLATE \"C\""), plan.out());
        assertTrue(plan.out().contains("column ci compares as mysql utf8mb4_general_ci in the source"), plan.out());
        Cli.Result r = Cli.run("migrate", "--from", url, "--to", db.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("B,Z,a,é", db.one("SELECT string_agg(b, ',' ORDER BY b) FROM words"));
        assertEquals("C", db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'b'"));
        assertEquals(null, db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'ci'"));
    }

    @Test
    void postgresKeepsAColumnsOwnCollation() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_collation_pgsrc");
        src.exec("CREATE TABLE words (id int PRIMARY KEY, c text COLLATE \"C\", icu text COLLATE \"und-x-icu\", plain text)");
        src.exec("INSERT INTO words VALUES (1, 'a', 'a', 'a'), (2, 'B', 'B', 'B')");
        PgServer.TestDb db = englishDatabase("it_collation_pgdst");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", db.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("C", db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'c'"));
        assertEquals("und-x-icu", db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'icu'"));
        assertEquals(null, db.one("SELECT collation_name FROM information_schema.columns WHERE table_name = 'words'"
                + " AND column_name = 'plain'"), "the source database's default stays the target database's default");
    }

    @Test
    void anUnknownCollationChoiceIsAUsageError() throws Exception {
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + source(), "--to", "postgres://nowhere/x",
                "--create-schema", "--collation", "nocase");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--collation must be source or default, not nocase"), r.err());
    }
}
