package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --on-error reject} for rows PostgreSQL refuses during the COPY (issue 7): into an existing
 * schema whose unique key, CHECK and foreign key some source rows break, and into a created schema
 * whose primary key two source rows share once cast. Each refused row is in rejects/TABLE.jsonl with
 * its SQLState, every other row is loaded, and the run exits 3.
 */
class DatabaseRejectsIT {
    private static final int CUSTOMERS = 3000;

    @TempDir
    Path dir;

    private static String one(PgServer.TestDb db, String sql) {
        return db.one(sql);
    }

    @Test
    void rowsTheTargetSchemaRefusesAreSetAsideAndTheRestLoads() throws Exception {
        Path app = dir.resolve("shop.db");
        List<String> sql = new ArrayList<>(List.of(
                "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, age INTEGER, code TEXT)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total INTEGER)"));
        StringBuilder insert = new StringBuilder("INSERT INTO customers VALUES ");
        for (int i = 1; i <= CUSTOMERS; i++) {
            String email = switch (i) {
                case 7 -> "c3@example.com";      // the email of customer 3 again
                case 2999 -> "c1000@example.com";
                default -> "c" + i + "@example.com";
            };
            int age = i == 12 ? -5 : 20 + i % 50;                       // CHECK (age >= 0)
            String code = i == 40 ? "toolong" : "c" + i % 10;           // varchar(3)
            insert.append(i == 1 ? "" : ",").append('(').append(i).append(",'").append(email).append("',")
                    .append(age).append(",'").append(code).append("')");
        }
        sql.add(insert.toString());
        // order 2 belongs to customer 12, who is refused: the order is rejected with its parent
        sql.add("INSERT INTO orders VALUES (1, 1, 10), (2, 12, 20), (3, 3, 30)");
        SqliteFixture.exec(app, sql.toArray(String[]::new));

        PgServer.TestDb db = PgServer.get().createDatabase("it_dbrejects");
        db.exec("""
                CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL UNIQUE, age int CHECK (age >= 0), code varchar(3));
                CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total int);
                """);
        Path rejects = dir.resolve("rejects");
        Path report = dir.resolve("report.json");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--on-error", "reject",
                "--rejects", rejects.toString(), "--report", report.toString());
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("[ROWS_REJECTED] 5 row(s) were rejected"), r.err());

        List<String> customers = Files.readAllLines(rejects.resolve("customers.jsonl"));
        assertEquals(4, customers.size(), customers.toString());
        assertRejected(customers, "id=7", "23505", "c3@example.com");
        assertRejected(customers, "id=12", "23514", "-5");
        assertRejected(customers, "id=2999", "23505", "c1000@example.com");
        // the plan knows varchar(3): this one is refused before the COPY, and listed in the same file
        assertTrue(customers.stream().anyMatch(l -> l.contains("\"key\":\"id=40\"") && l.contains("\"column\":\"code\"")
                && l.contains("text(3): at most 3 characters")), customers.toString());
        List<String> orders = Files.readAllLines(rejects.resolve("orders.jsonl"));
        assertEquals(1, orders.size(), orders.toString());
        assertTrue(orders.get(0).contains("\"key\":\"id=2\"") && orders.get(0).contains("its parent customers id=12 was rejected")
                && orders.get(0).contains("\"customer_id\":\"12\""), "rejected with its parent, before the database sees it: " + orders);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rejects.resolve("customers.jsonl"))));

        assertEquals(String.valueOf(CUSTOMERS - 4), one(db, "SELECT count(*) FROM customers"));
        assertEquals("0", one(db, "SELECT count(*) FROM customers WHERE id IN (7, 12, 40, 2999)"));
        assertEquals("c3@example.com", one(db, "SELECT email FROM customers WHERE id = 3"), "the first of two wins");
        assertEquals("1,3", one(db, "SELECT string_agg(id::text, ',' ORDER BY id) FROM orders"));

        String json = Files.readString(report);
        assertTrue(json.contains("4 rows rejected (--on-error reject)") && json.contains("1 rows rejected (--on-error reject)"), json);
        assertTrue(json.contains("\"rows\" : " + (CUSTOMERS - 4)), "the summary counts the rows loaded: " + json);
    }

    @Test
    void aKeyTwoSourceRowsShareOnceCastIsRefusedAtItsRowInACreatedTable() throws Exception {
        Path app = dir.resolve("devices.db");
        // SQLite compares text: these two ids differ there, and are one UUID in PostgreSQL
        SqliteFixture.exec(app, "CREATE TABLE devices (id TEXT PRIMARY KEY, name TEXT)",
                "INSERT INTO devices VALUES ('0f8fad5b-d9cb-469f-a165-70867728950e', 'phone'),"
                        + " ('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'tablet'),"
                        + " ('0F8FAD5B-D9CB-469F-A165-70867728950E', 'phone again'),"
                        + " ('f47ac10b-58cc-4372-a567-0e02b2c3d479', 'watch')");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "tables:\n  devices:\n    columns:\n      id: { cast: uuid }\n");
        PgServer.TestDb db = PgServer.get().createDatabase("it_dbrejects_created");
        Path rejects = dir.resolve("rejects");

        Cli.Result failing = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString(),
                "--create-schema");
        assertEquals(3, failing.exit(), "without rejects the table fails: " + failing);
        assertTrue(failing.err().contains("23505"), failing.err());

        PgServer.TestDb again = PgServer.get().createDatabase("it_dbrejects_created");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", again.url(), "--spec", spec.toString(),
                "--create-schema", "--on-error", "reject", "--rejects", rejects.toString());
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("[ROWS_REJECTED] 1 row(s) were rejected"), r.err());
        List<String> lines = Files.readAllLines(rejects.resolve("devices.jsonl"));
        assertEquals(1, lines.size(), lines.toString());
        assertRejected(lines, "id=0f8fad5b-d9cb-469f-a165-70867728950e", "23505", "phone again");
        assertEquals("3", one(again, "SELECT count(*) FROM devices"));
        assertEquals("phone", one(again, "SELECT name FROM devices WHERE id = '0f8fad5b-d9cb-469f-a165-70867728950e'"));
        assertEquals("1", one(again, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'devices'::regclass AND contype = 'p'"),
                "the primary key is there");
    }

    private static void assertRejected(List<String> lines, String key, String sqlState, String value) {
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"key\":\"" + key + "\"") && l.contains("SQLState " + sqlState)
                && l.contains(value)), key + " with " + sqlState + " and " + value + " in " + lines);
    }
}
