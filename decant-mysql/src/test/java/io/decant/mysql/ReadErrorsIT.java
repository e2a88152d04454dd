package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.testkit.MariaServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadErrorsIT {
    private static Table only(SourceDatabase db, String name) {
        return db.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static DecantException readFails(SourceDatabase db, Table t) {
        return assertThrows(DecantException.class, () -> {
            try (RowStream s = db.read(t, t.columns())) {
                while (s.next() != null) {
                    // drain
                }
            }
        });
    }

    @Test
    void zeroDatesAreDataErrorsNeverNull() {
        TestDb db = TestDb.create("zero");
        db.exec("SET SESSION sql_mode = ''",
                "CREATE TABLE events (id INT PRIMARY KEY, day DATE, at DATETIME)",
                "INSERT INTO events VALUES (1, '2024-01-01', '2024-01-01 00:00:00')",
                "INSERT INTO events VALUES (2, '0000-00-00', '2024-01-01 00:00:00')",
                "INSERT INTO events VALUES (3, '2024-01-01', '0000-00-00 00:00:00')");
        db.exec("SET SESSION sql_mode = ''", "DELETE FROM events WHERE id = 2");
        try (SourceDatabase source = new MysqlDialect().openSource(db.url(), OpenOptions.DEFAULT)) {
            DecantException e = readFails(source, only(source, "events"));
            assertEquals(ErrorCode.VALUE_INVALID, e.code());
            assertEquals(3, e.exitCode());
            String m = e.getMessage();
            assertTrue(m.contains("events.at (row 2, id=3)"), m);
            assertTrue(m.contains("0000-00-00 00:00:00"), m);
            assertTrue(m.contains("[rule: " + MysqlText.RULE_ZERO_DATE + "]"), m);
        }
    }

    @Test
    void timesOutsideTheDayAndBadBooleansAreDataErrors() {
        TestDb db = TestDb.create("dur");
        db.exec("CREATE TABLE spans (id INT PRIMARY KEY, took TIME)", "INSERT INTO spans VALUES (1, '01:00:00'), (2, '25:00:00')",
                "CREATE TABLE flags (id INT PRIMARY KEY, ok TINYINT(1))", "INSERT INTO flags VALUES (1, 1), (2, 2)");
        try (SourceDatabase source = new MysqlDialect().openSource(db.url(), OpenOptions.DEFAULT)) {
            DecantException e = readFails(source, only(source, "spans"));
            assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, e.code());
            assertTrue(e.getMessage().contains("spans.took (row 2, id=2)"), e.getMessage());
            DecantException b = readFails(source, only(source, "flags"));
            assertEquals(ErrorCode.VALUE_INVALID, b.code());
            assertTrue(b.getMessage().contains("flags.ok (row 2, id=2)"), b.getMessage());
        }
    }

    @Test
    void aStreamClosedEarlyDoesNotReadTheRest() {
        TestDb db = TestDb.create("stream");
        db.exec("CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(100))",
                "INSERT INTO big SELECT seq, REPEAT('x', 100) FROM seq_1_to_50000");
        try (SourceDatabase source = new MysqlDialect().openSource(db.url(), OpenOptions.DEFAULT)) {
            Table t = only(source, "big");
            assertEquals(50000, source.countRows(t));
            RowStream s = source.read(t, List.of(t.column("id")));
            for (int i = 0; i < 10; i++) {
                assertNotNull(s.next());
            }
            s.close();
            assertEquals(10, s.rowsRead());
        }
    }

    @Test
    void wrongPasswordIsPermissionDeniedAndNeverShown() {
        MariaServer.assumeAvailable();
        String marker = "Marker-Pw-" + System.nanoTime();
        String url = "mysql://root:" + marker + "@" + MariaServer.HOST + ":" + MariaServer.PORT + "/mysql";
        DecantException e = assertThrows(DecantException.class,
                () -> new MysqlDialect().openSource(url, OpenOptions.DEFAULT));
        assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
        assertEquals(4, e.exitCode());
        assertFalse(e.getMessage().contains(marker), e.getMessage());
        assertFalse(e.detail().contains(marker), e.detail());
        assertFalse(String.valueOf(e.getCause().getMessage()).contains(marker), "nor does the driver's");
        assertTrue(e.getMessage().contains("SQLState 28000"), e.getMessage());
    }

    @Test
    void unreachableServerIsConnectionFailedNamingHostAndPort() {
        DecantException e = assertThrows(DecantException.class, () -> new MysqlDialect()
                .openSource("mariadb://root:pw-unused@127.0.0.1:1/db?connectTimeout=2000", OpenOptions.DEFAULT));
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    }
}
