package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --on-error reject} keeps references whole: a rejected row's dependants are rejected with it,
 * down the foreign keys ("its parent customers id=3 was rejected"), so that the foreign keys of a
 * created schema can be added after the data, and the summary and rejects/TABLE.jsonl say why.
 */
class RejectKeepsReferencesIT {
    @TempDir
    Path dir;

    /** Customer 3 is born on a day that is not a date; orders 2 and 4 are hers; items 2 and 3 are theirs. */
    private Path shop(String born3, String email3) {
        Path app = dir.resolve("shop.db");
        SqliteFixture.exec(app,
                "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, born TEXT)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), total INTEGER)",
                "CREATE TABLE items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), sku TEXT)",
                "INSERT INTO customers VALUES (1, 'a@example.com', '1990-01-01'), (2, 'b@example.com', '1991-02-02'),"
                        + " (3, '" + email3 + "', '" + born3 + "'), (4, 'd@example.com', NULL), (5, 'e@example.com', '1993-03-03')",
                "INSERT INTO orders VALUES (1, 1, 10), (2, 3, 20), (3, 2, 30), (4, 3, 40), (5, 5, 50)",
                "INSERT INTO items VALUES (1, 1, 'apple'), (2, 2, 'pear'), (3, 4, 'plum'), (4, 3, 'fig'), (5, 5, 'kiwi')");
        return app;
    }

    private static void assertLines(Path file, String... keysAndReasons) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertEquals(keysAndReasons.length / 2, lines.size(), lines.toString());
        for (int i = 0; i < keysAndReasons.length; i += 2) {
            String key = keysAndReasons[i];
            String reason = keysAndReasons[i + 1];
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"key\":\"" + key + "\"") && l.contains(reason)),
                    key + " rejected with '" + reason + "' in " + lines);
        }
    }

    @Test
    void aRejectedParentTakesItsChildrenAndGrandchildrenWithItAndTheForeignKeysAreAdded() throws Exception {
        Path app = shop("not a date", "c@example.com");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "tables:\n  customers:\n    columns:\n      born: { cast: date }\n");
        PgServer.TestDb db = PgServer.get().createDatabase("it_rejectrefs");
        Path rejects = dir.resolve("rejects");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString(),
                "--create-schema", "--on-error", "reject", "--rejects", rejects.toString(), "--jobs", "3");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("[ROWS_REJECTED] 5 row(s) were rejected"), r.toString());
        assertTrue(r.out().contains("2 rows rejected (--on-error reject), 2 of them because their parent row was rejected"),
                "the summary says why: " + r);

        assertLines(rejects.resolve("customers.jsonl"), "id=3", "not a date");
        assertLines(rejects.resolve("orders.jsonl"), "id=2", "its parent customers id=3 was rejected",
                "id=4", "its parent customers id=3 was rejected");
        assertLines(rejects.resolve("items.jsonl"), "id=2", "its parent orders id=2 was rejected",
                "id=3", "its parent orders id=4 was rejected");

        assertEquals("1,2,4,5", db.one("SELECT string_agg(id::text, ',' ORDER BY id) FROM customers"));
        assertEquals("1,3,5", db.one("SELECT string_agg(id::text, ',' ORDER BY id) FROM orders"));
        assertEquals("1,4,5", db.one("SELECT string_agg(id::text, ',' ORDER BY id) FROM items"));
        assertEquals("2", db.one("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                + " AND conrelid IN ('orders'::regclass, 'items'::regclass)"), "the foreign keys were added");
    }

    @Test
    void aForeignKeyThatCannotBeAddedStillLeavesTheSummary() throws Exception {
        // Within a table that references itself, only the rejects known so far count: employee 1 is read
        // before her manager 2, who is rejected, so the foreign key cannot be added. The run says so, with
        // its summary.
        Path app = dir.resolve("staff.db");
        SqliteFixture.exec(app,
                "CREATE TABLE employees (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employees(id), born TEXT)",
                "INSERT INTO employees VALUES (1, 2, '1990-01-01'), (2, NULL, 'not a date'), (3, 1, '1991-01-01')");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "tables:\n  employees:\n    columns:\n      born: { cast: date }\n");
        PgServer.TestDb db = PgServer.get().createDatabase("it_rejectrefs_self");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString(),
                "--create-schema", "--on-error", "reject", "--rejects", dir.resolve("rejects").toString());
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.out().contains("employees") && r.out().contains("1 rows rejected (--on-error reject)"),
                "the summary is printed: " + r);
        assertTrue(r.err().contains("employees"), r.toString());
        assertEquals("2", db.one("SELECT count(*) FROM employees"));
    }

    @Test
    void aRowTheTargetRefusesTakesItsDependantsWithIt() throws Exception {
        Path app = shop("1992-02-02", "c");
        PgServer.TestDb db = PgServer.get().createDatabase("it_rejectrefs_existing");
        db.exec("""
                CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL CHECK (email LIKE '%@%'), born date);
                CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total int);
                CREATE TABLE items (id int PRIMARY KEY, order_id int NOT NULL REFERENCES orders, sku text);
                """);
        Path rejects = dir.resolve("rejects");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--on-error", "reject",
                "--rejects", rejects.toString());
        assertEquals(3, r.exit(), r.toString());
        assertLines(rejects.resolve("customers.jsonl"), "id=3", "SQLState 23514");
        assertLines(rejects.resolve("orders.jsonl"), "id=2", "its parent customers id=3 was rejected",
                "id=4", "its parent customers id=3 was rejected");
        assertLines(rejects.resolve("items.jsonl"), "id=2", "its parent orders id=2 was rejected",
                "id=3", "its parent orders id=4 was rejected");
        assertEquals("1,3,5", db.one("SELECT string_agg(id::text, ',' ORDER BY id) FROM orders"));
        assertEquals("1,4,5", db.one("SELECT string_agg(id::text, ',' ORDER BY id) FROM items"));
    }
}
