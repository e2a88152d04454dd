package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: MySQL scopes an index name to its table, and real schemas reuse one name on several
 * tables (the same {@code idx_fk_<column>} on three of them, as in the Sakila sample's style; this
 * schema is written for the test). PostgreSQL and SQLite scope index names to the schema, so
 * {@code CREATE INDEX} failed there after every table had loaded. Plan now gives each created index
 * and constraint a name unique in the target schema, and shows it.
 */
class CreatedNamesIT {
    @TempDir
    Path dir;

    private static String mariaSource() throws Exception {
        String url = MariaServer.createDatabase("names_src");
        try (Connection c = MariaServer.connect(url.substring(url.lastIndexOf('/') + 1)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer (customer_id INT PRIMARY KEY, email VARCHAR(50), UNIQUE KEY uq_email (email))");
            s.execute("INSERT INTO customer VALUES (1, 'a@x'), (2, 'b@x')");
            for (String t : List.of("payment", "rental", "review")) {
                s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, customer_id INT NOT NULL, KEY idx_fk_customer_id (customer_id),"
                        + " CONSTRAINT fk_" + t + "_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id))");
                s.execute("INSERT INTO " + t + " VALUES (10, 1), (11, 2)");
            }
        }
        return url;
    }

    @Test
    void anIndexNameReusedOnThreeMysqlTablesLoadsIntoPostgres() throws Exception {
        String from = mariaSource();
        PgServer.TestDb db = PgServer.get().createDatabase("names_dst");
        Cli.Result plan = Cli.run("plan", "--from", from, "--to", db.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("creates: index payment_idx_fk_customer_id (customer_id)"), plan.out());
        assertTrue(plan.out().contains("note: index idx_fk_customer_id is created as rental_idx_fk_customer_id: 3 tables use"
                + " this name, and the target wants it once per schema"), plan.out());
        assertTrue(plan.out().contains("creates: unique constraint uq_email (email)"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", from, "--to", db.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        List<String> indexes = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%idx_fk%' ORDER BY 1")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        assertEquals(List.of("payment_idx_fk_customer_id", "rental_idx_fk_customer_id", "review_idx_fk_customer_id"), indexes);
        assertEquals("2", db.one("SELECT count(*) FROM review"));
    }

    @Test
    void anIndexNameReusedOnThreeMysqlTablesLoadsIntoSqlite() throws Exception {
        String from = mariaSource();
        Path file = dir.resolve("target.db");
        Cli.Result r = Cli.run("migrate", "--from", from, "--to", "sqlite:" + file, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        List<String> indexes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%idx_fk%' ORDER BY 1")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        assertEquals(List.of("payment_idx_fk_customer_id", "rental_idx_fk_customer_id", "review_idx_fk_customer_id"), indexes);
    }

    @Test
    void aPrefixedNameLongerThanPostgresKeepsIsCutWithAHashAndCreated() throws Exception {
        String table = "t".repeat(60);
        PgServer.TestDb src = PgServer.get().createDatabase("names_long_src");
        src.exec("CREATE SCHEMA other; CREATE TABLE other.a (id int PRIMARY KEY, v int); CREATE INDEX by_v ON other.a (v);"
                + " CREATE TABLE " + table + " (id int PRIMARY KEY, v int); CREATE INDEX by_v ON " + table + " (v);"
                + " INSERT INTO " + table + " VALUES (1, 2)");
        PgServer.TestDb db = PgServer.get().createDatabase("names_long_dst");
        db.exec("CREATE TABLE other (id int); CREATE INDEX by_v ON other (id)");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", db.url(), "--create-schema", "--tables", table);
        assertEquals(0, r.exit(), r.toString());
        String name = db.one("SELECT indexname FROM pg_indexes WHERE tablename = '" + table + "' AND indexname <> '"
                + table + "_pkey'");
        assertTrue(name.matches(table.substring(0, 54) + "_[0-9a-f]{8}"), "the head that fits, _ and a hash: " + name);
        assertEquals(63, name.length());
    }
}
