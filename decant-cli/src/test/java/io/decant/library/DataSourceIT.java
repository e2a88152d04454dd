package io.decant.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.Decant;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.verify.Status;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * decant embedded in an application: source and target are the application's DataSources (pgjdbc's
 * own here; a pool works the same), nothing goes through the command line, and verify proves the run.
 */
class DataSourceIT {
    static final String SCHEMA = """
            CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, since date,
              balance numeric(12,2));
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
              placed_at timestamptz NOT NULL, note text);
            INSERT INTO customers SELECT g, 'c' || g || '@example.com', date '2024-01-01' + g, g * 1.25
              FROM generate_series(1, 40) g;
            INSERT INTO orders SELECT g, 1 + g % 40, timestamptz '2024-03-10 01:00:00+00' + g * interval '1 hour',
              CASE WHEN g % 5 = 0 THEN NULL ELSE 'order ' || g END
              FROM generate_series(1, 500) g;
            """;

    static PGSimpleDataSource dataSource(PgServer.TestDb db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {db.server().host()});
        ds.setPortNumbers(new int[] {db.server().port()});
        ds.setDatabaseName(db.name());
        ds.setUser(db.server().user());
        return ds;
    }

    @Test
    void migratesBetweenTwoDataSourcesAndVerifies() {
        PgServer.TestDb src = PgServer.get().createDatabase("it_lib_src");
        src.exec(SCHEMA);
        PgServer.TestDb dst = PgServer.get().createDatabase("it_lib_dst");
        List<String> messages = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Decant decant = Decant.configure().from(dataSource(src)).to(dataSource(dst)).environment(Map.of())
                .options(MigrationOptions.builder().createSchema(true).jobs(2).build())
                .messages(messages::add).audit((event, fields) -> {
                    synchronized (events) {
                        events.add(event);
                    }
                }).load();

        MigrationResult moved = decant.migrate();
        assertTrue(moved.ok(), moved.toString());
        assertEquals(540, moved.rows());
        assertEquals("500", dst.one("SELECT count(*) FROM orders"));
        assertEquals("40", dst.one("SELECT count(*) FROM customers"));
        assertEquals("50.00", dst.one("SELECT balance FROM customers WHERE id = 40"));
        assertEquals("100", dst.one("SELECT count(*) FROM orders WHERE note IS NULL"));
        assertTrue(events.containsAll(List.of("run-start", "table-start", "table-end", "run-end")), events.toString());

        VerifyReport proof = decant.verify();
        assertEquals(Status.PASS, proof.status(), proof.toString());
        assertEquals(List.of("customers", "orders"), proof.tables().stream().map(TableCheck::table).sorted().toList());
        assertTrue(proof.tables().stream().allMatch(t -> t.sourceRows() == t.targetRows()), proof.toString());
        assertTrue(proof.source().startsWith("postgres://") && proof.source().contains(src.name()), proof.source());

        // the same facade sees a change made behind its back
        dst.exec("UPDATE orders SET note = 'changed' WHERE id = 7");
        VerifyReport after = decant.verify();
        assertEquals(Status.FAIL, after.status(), after.toString());
        TableCheck orders = after.tables().stream().filter(t -> t.table().equals("orders")).findFirst().orElseThrow();
        assertEquals(1, orders.differingRows(), orders.toString());
    }

    @Test
    void aMariadbTargetThroughItsDataSource() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_lib_maria_src");
        src.exec(SCHEMA);
        String url = MariaServer.createDatabase("it_lib_maria");
        String name = url.substring(url.lastIndexOf('/') + 1);
        Decant decant = Decant.configure().from(dataSource(src)).to(new MariaDbDataSource(MariaServer.jdbcUrl(name)))
                .environment(Map.of()).options(MigrationOptions.builder().createSchema(true).build()).load();

        MigrationResult moved = decant.migrate();
        assertEquals(540, moved.rows(), moved.toString());
        try (Connection c = MariaServer.connect(name); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), sum(customer_id) FROM orders")) {
            rs.next();
            assertEquals(500, rs.getLong(1));
            assertEquals(10_070, rs.getLong(2));
        }
        VerifyReport proof = decant.verify();
        assertEquals(Status.PASS, proof.status(), proof.toString());
        assertTrue(proof.target().startsWith("mysql://") && proof.target().endsWith("/" + name), proof.target());
    }
}
