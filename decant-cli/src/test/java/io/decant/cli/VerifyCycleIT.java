package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify only reads: a foreign-key cycle (two tables referencing each other) and a self-reference are
 * how the data is loaded, not whether two databases agree, so neither may stop a comparison.
 */
class VerifyCycleIT {
    @TempDir
    Path dir;

    /** authors <-> books reference each other; staff references itself, a child row before its parent. */
    private static final String[] SCHEMA = {
        "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, best_book_id INTEGER)",
        "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author_id INTEGER REFERENCES authors(id))",
        "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT, manager_id INTEGER REFERENCES staff(id))",
    };

    private static final String[] ROWS = {
        "INSERT INTO authors VALUES (1, 'Ada', 10), (2, 'Brian', NULL)",
        "INSERT INTO books VALUES (10, 'Notes', 1), (11, 'Letters', 2)",
        "INSERT INTO staff VALUES (1, 'Kim', 3), (2, 'Lee', 3), (3, 'Mo', NULL)",
    };

    @Test
    void sqliteSourceWithACycleAndASelfReferenceVerifiesAfterMigrate() {
        Path app = dir.resolve("cycle.db");
        SqliteFixture.exec(app, "PRAGMA foreign_keys = OFF",
                "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, best_book_id INTEGER REFERENCES books(id))",
                SCHEMA[1], SCHEMA[2], ROWS[0], ROWS[1], ROWS[2]);
        PgServer.TestDb db = PgServer.get().createDatabase("it_verify_cycle_sqlite");
        Cli.Result m = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(0, m.exit(), m.toString());

        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
        assertFalse(v.all().contains("--disable-fk"), v.toString());
    }

    @Test
    void postgresSourceWithACycleVerifiesAfterMigrateWithDisabledForeignKeys() throws SQLException {
        PgServer.TestDb src = PgServer.get().createDatabase("it_verify_cycle_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("it_verify_cycle_dst");
        for (PgServer.TestDb db : new PgServer.TestDb[] {src, dst}) {
            exec(db, SCHEMA);
            exec(db, "ALTER TABLE authors ADD FOREIGN KEY (best_book_id) REFERENCES books(id) DEFERRABLE INITIALLY DEFERRED");
        }
        inOneTransaction(src, ROWS);
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("--disable-fk"), refused.toString());
        Cli.Result m = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--disable-fk");
        assertEquals(0, m.exit(), m.toString());

        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());

        exec(dst, "UPDATE books SET title = 'Changed' WHERE id = 11");
        Cli.Result differs = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(1, differs.exit(), differs.toString());
        assertTrue(differs.out().contains("books"), differs.out());
    }

    private static void inOneTransaction(PgServer.TestDb db, String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String q : sql) {
                s.execute(q);
            }
            c.commit();
        }
    }

    private static void exec(PgServer.TestDb db, String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
