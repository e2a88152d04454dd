package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.testkit.PgServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReadIT {
    private static PgServer.TestDb db;

    @BeforeAll
    static void data() {
        db = Pg.db("read");
        db.exec("""
                CREATE TABLE d (id int PRIMARY KEY, v date);
                INSERT INTO d VALUES (1, '2020-01-01'), (2, '2020-01-02'), (887, 'infinity');
                CREATE TABLE bc (id int PRIMARY KEY, v timestamptz);
                INSERT INTO bc VALUES (1, '0044-03-15 10:00:00+00 BC');
                CREATE TABLE tm (id int PRIMARY KEY, v time);
                INSERT INTO tm VALUES (1, '24:00:00');
                CREATE TABLE n (k text PRIMARY KEY, v numeric);
                INSERT INTO n VALUES ('a', 'NaN');
                CREATE TABLE big (id int);
                INSERT INTO big SELECT generate_series(1, 50000);
                """);
    }

    private static DecantException readFails(String table) {
        try (SourceDatabase src = Pg.source(db)) {
            Table t = Pg.table(src, table);
            return assertThrows(DecantException.class, () -> Pg.readAll(src, t));
        }
    }

    @Test
    void infinityIsADataErrorNamingTableColumnRowAndKey() {
        DecantException e = readFails("d");
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, e.code());
        assertEquals("[VALUE_OUT_OF_RANGE] d.v (row 3, id=887): 'infinity' cannot be represented"
                + " [rule: PostgreSQL 'infinity' and '-infinity' have no date/time value in decant]", e.getMessage());
        assertEquals(3, e.exitCode());
    }

    @Test
    void bcDatesEndOfDayAndNumericNaNAreDataErrors() {
        assertEquals(PgTemporalText.RULE_BC, readFails("bc").context().rule());
        assertEquals(PgTemporalText.RULE_2400, readFails("tm").context().rule());
        DecantException nan = readFails("n");
        assertEquals(ErrorCode.VALUE_INVALID, nan.code());
        assertEquals("k=a", nan.context().rowKey());
    }

    @Test
    void closingEarlyDoesNotHang() {
        try (SourceDatabase src = Pg.source(db)) {
            Table big = Pg.table(src, "big");
            assertEquals(50000, src.countRows(big));
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                RowStream s = src.read(big, big.columns());
                for (int i = 0; i < 10; i++) {
                    assertNotNull(s.next());
                }
                assertEquals(10, s.rowsRead());
                s.close();
                s.close();
            });
            // the source still works afterwards
            assertEquals(50000, Pg.readAll(src, big, List.of(big.column("id"))).size());
        }
    }
}
