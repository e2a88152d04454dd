package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.JsonText;
import io.decant.testkit.PgServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binary COPY reader against the cursor reader, which parses the server's text form: on the
 * same rows both must yield equal values, type by type, including seeded random values and the
 * types that map to one logical type through another PostgreSQL type (enum, domain, bpchar, jsonb).
 */
class CopyReadIT {
    private static PgServer.TestDb db;

    @BeforeAll
    static void data() {
        db = Pg.db("copyread");
        db.exec("""
                CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy 😀');
                CREATE DOMAIN positive AS numeric(12,3) CHECK (VALUE > 0);
                CREATE DOMAIN short_text AS varchar(10);
                CREATE TABLE shapes (id bigint PRIMARY KEY, m mood, ms mood[], p positive, st short_text,
                  c char(5), cs char(3)[], jb jsonb, jba jsonb[], ja json[], u uuid[], d date[], tm time[], b bytea[]);
                INSERT INTO shapes VALUES
                  (1, 'happy 😀', '{sad,NULL,"happy 😀"}', 1.5, 'abc', 'ab', '{a,"b c"}', '{"k": [1, 2.50, "é"]}',
                   ARRAY['{"a": 1}'::jsonb, NULL], ARRAY['{ "z" : 1 }'::json], '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
                   '{2020-02-29,NULL}', '{23:59:59.999999}', ARRAY['\\x00ff'::bytea, '\\x'::bytea]),
                  (2, NULL, '{}', 0.001, '', '', '{}', 'null', '{}', '{}', '{}', '{}', '{}', '{}');
                CREATE TABLE numbers (id int PRIMARY KEY, n numeric, f8 float8, f4 float4, ts timestamp, tz timestamptz, d date, t time);
                SELECT setseed(0.42);
                INSERT INTO numbers
                  SELECT g,
                    CASE g % 7 WHEN 0 THEN NULL
                      WHEN 1 THEN round((random() - 0.5)::numeric * power(10::numeric, g % 40), (g % 25))
                      WHEN 2 THEN (random() * 1e6)::numeric(30,12)
                      WHEN 3 THEN ('1e' || (g % 120 - 60))::numeric
                      WHEN 4 THEN round(random()::numeric, 2)
                      WHEN 5 THEN -(g::numeric * 10000)
                      ELSE trunc(random()::numeric * 1e18) END,
                    (random() - 0.5) * 1e300 * (g % 3), (random() - 0.5)::float4,
                    timestamp '0001-01-01' + (random() * 3.15e11) * interval '1 second' + (g % 1000) * interval '1 microsecond',
                    timestamptz '1900-01-01 00:00:00+00' + (random() * 6e9) * interval '1 second',
                    date '0001-01-01' + (random() * 3650000)::int,
                    time '00:00' + (random() * 86399) * interval '1 second'
                  FROM generate_series(1, 3000) g;
                CREATE TABLE arrays_odd (id int PRIMARY KEY, a int[]);
                INSERT INTO arrays_odd VALUES (1, '{1,2}'), (2, '[0:1]={5,6}');
                CREATE TABLE grid (id int PRIMARY KEY, a int[]);
                INSERT INTO grid VALUES (1, '{{1,2},{3,4}}');
                CREATE TABLE big (id bigint, v text);
                INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, 400000) g;
                CREATE TABLE empty (id int PRIMARY KEY);
                """);
    }

    private static List<Object[]> read(String table) {
        try (SourceDatabase src = Pg.source(db)) {
            return sorted(Pg.readAll(src, Pg.table(src, table)));
        }
    }

    private static List<Object[]> readByCursor(String table) {
        try (SourceDatabase src = Pg.source(db)) {
            return sorted(Pg.readAllByCursor(db, Pg.table(src, table)));
        }
    }

    private static List<Object[]> sorted(List<Object[]> rows) {
        rows.sort((a, b) -> Long.compare(((Number) a[0]).longValue(), ((Number) b[0]).longValue()));
        return rows;
    }

    private static void sameAsCursor(String table, int expectedRows) {
        List<Object[]> copy = read(table);
        List<Object[]> cursor = readByCursor(table);
        assertEquals(expectedRows, copy.size());
        assertEquals(cursor.size(), copy.size());
        for (int i = 0; i < copy.size(); i++) {
            assertEquals(Arrays.asList(cursor.get(i)), Arrays.asList(copy.get(i)), table + " row " + (i + 1));
            for (int c = 0; c < copy.get(i).length; c++) {
                Object v = copy.get(i)[c];
                if (v instanceof BigDecimal d) {
                    // equals() compares the scale too, but say so when it is the scale that differs
                    assertEquals(((BigDecimal) cursor.get(i)[c]).scale(), d.scale(), table + " row " + (i + 1) + " scale");
                }
            }
        }
    }

    @Test
    void enumsDomainsPaddedCharAndJsonbReadAsTheCursorReadsThem() {
        sameAsCursor("shapes", 2);
        Object[] first = read("shapes").get(0);
        assertEquals("happy 😀", first[1]);
        assertEquals(Arrays.asList("sad", null, "happy 😀"), first[2]);
        assertEquals(new BigDecimal("1.500"), first[3]);
        assertEquals("ab   ", first[5]);
        assertEquals(Arrays.asList("a  ", "b c"), first[6]);
        assertEquals(JsonText.trusted("{\"k\": [1, 2.50, \"é\"]}"), first[7]);
        assertEquals(Arrays.asList(JsonText.trusted("{\"a\": 1}"), null), first[8]);
        assertEquals(List.of(JsonText.trusted("{ \"z\" : 1 }")), first[9]);
    }

    @Test
    void seededRandomNumbersAndTimesReadAsTheCursorReadsThem() {
        sameAsCursor("numbers", 3000);
    }

    @Test
    void arraysWithOtherBoundsOrDimensionsAreDataErrors() {
        for (String table : List.of("arrays_odd", "grid")) {
            try (SourceDatabase src = Pg.source(db)) {
                Table t = Pg.table(src, table);
                DecantException e = assertThrows(DecantException.class, () -> Pg.readAll(src, t));
                assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, e.code(), table);
                assertEquals(PgArrayText.RULE, e.context().rule(), table);
                assertEquals("a", e.context().column(), table);
            }
        }
    }

    @Test
    void anEmptyTableEndsCleanly() {
        assertTrue(read("empty").isEmpty());
    }

    /**
     * A close before the end cancels the COPY rather than draining it. The proof is the server's own
     * count of the tuples its scans of {@code big} returned (pg_stat_user_tables.seq_tup_read): three
     * early closes read far fewer than one whole table, while a full read, as a check that the count
     * works, adds every row. (A time limit alone cannot tell: draining 400,000 rows is fast too.)
     */
    @Test
    void closingEarlyCancelsTheCopyOfALargeTable() {
        long[] before = scans(0);
        try (SourceDatabase src = Pg.source(db)) {
            Table big = Pg.table(src, "big");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int round = 0; round < 3; round++) {
                    RowStream s = src.read(big, big.columns());
                    assertNotNull(s.next());
                    s.close();
                }
            });
        }
        long[] early = scans(before[0] + 3);
        long tuplesRead = early[1] - before[1];
        assertTrue(tuplesRead < 200_000, "three closes after one row each made the server read " + tuplesRead
                + " rows of big; draining would read 1,200,000");
        try (SourceDatabase src = Pg.source(db)) {
            Table big = Pg.table(src, "big");
            assertEquals(400000, Pg.readAll(src, big, List.of(big.column("id"))).size());
        }
        long[] full = scans(early[0] + 1);
        assertEquals(400000, full[1] - early[1], "a full read is counted as every row");
    }

    /**
     * {seq_scan, seq_tup_read} of {@code big} once the server has counted at least {@code scans} scans
     * (a backend reports its counts when its session ends, so this waits for them).
     */
    private static long[] scans(long scans) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String[] v = db.one("SELECT seq_scan || ' ' || seq_tup_read FROM pg_stat_user_tables WHERE relname = 'big'").split(" ");
            long[] out = {Long.parseLong(v[0]), Long.parseLong(v[1])};
            if (out[0] >= scans) {
                return out;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server counted " + out[0] + " scans of big, expected " + scans);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
