package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.testkit.MariaServer;
import org.junit.jupiter.api.Test;

/** A MySQL/MariaDB source gives every table of a run one consistent view, where the server allows. */
class SnapshotIT {
    private static Table table(SourceDatabase s, String name) {
        return s.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static long rows(SourceDatabase s, String name) {
        Table t = table(s, name);
        try (RowStream rs = s.read(t, t.columns())) {
            long n = 0;
            while (rs.next() != null) {
                n++;
            }
            return n;
        }
    }

    @Test
    void tablesReadLaterSeeTheDatabaseAsItWasWhenThePlanWasMade() {
        TestDb db = TestDb.create("snap");
        db.exec("CREATE TABLE orders (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TABLE order_lines (id INT PRIMARY KEY, order_id INT) ENGINE=InnoDB",
                "INSERT INTO orders VALUES (1), (2), (3)", "INSERT INTO order_lines VALUES (1, 1), (2, 2), (3, 3)");
        try (SourceDatabase source = new MysqlDialect().openSource(db.url(), OpenOptions.DEFAULT)) {
            String consistency = source.consistency();
            assertTrue(consistency.startsWith("one snapshot for all InnoDB tables"), consistency);
            assertEquals(3, rows(source, "orders"));
            // the application goes on writing while the run reads
            db.exec("INSERT INTO orders VALUES (4)", "INSERT INTO order_lines VALUES (4, 4), (5, 5)",
                    "DELETE FROM order_lines WHERE id = 1");
            assertEquals(3, rows(source, "order_lines"), "lines as of the snapshot: no line 4, line 1 still there");
            // a stream closed after one row (plan --sample 1) gives its connection back, still in the snapshot
            Table orders = table(source, "orders");
            try (RowStream rs = source.read(orders, orders.columns())) {
                assertNotNull(rs.next());
            }
            for (int i = 0; i < MysqlDatabase.SNAPSHOT_CONNECTIONS + 1; i++) {
                assertEquals(3, rows(source, "orders"));
            }
            assertEquals(source.consistency(), consistency);
        }
        try (SourceDatabase later = new MysqlDialect().openSource(db.url(), OpenOptions.DEFAULT)) {
            assertEquals(4, rows(later, "orders"));
        }
    }

    @Test
    void withoutTheReloadPrivilegeThePlanSaysSoAndTablesAreStillRead() {
        TestDb db = TestDb.create("snapnoreload");
        db.exec("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        String user = "dc_noreload_" + ProcessHandle.current().pid();
        db.exec("DROP USER IF EXISTS '" + user + "'@'%'", "CREATE USER '" + user + "'@'%'",
                "GRANT ALL ON `" + db.name() + "`.* TO '" + user + "'@'%'");
        try {
            String url = db.url().replace("mysql://root@", "mysql://" + user + "@");
            try (SourceDatabase source = new MysqlDialect().openSource(url, OpenOptions.DEFAULT)) {
                assertEquals("none: each table is read over its own connection, without a common snapshot; one snapshot"
                        + " for all tables needs the RELOAD privilege for a brief FLUSH TABLES WITH READ LOCK (GRANT RELOAD"
                        + " ON *.* TO the user), which this user lacks", source.consistency());
                assertEquals(1, rows(source, "t"));
            }
        } finally {
            db.exec("DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }

}
