package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.ProgressListener;
import io.decant.core.verify.Status;
import io.decant.testkit.PgServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Spark run reads one snapshot across all its tasks, whatever the application writes meanwhile; a hostile
 * zone and locale and every logical type's edge values make the trip as on one machine; and neither migrate nor
 * verify ever holds more connections to a database than the cap.
 */
class SparkConsistencyIT {

    @Test
    void writesDuringTheRunDoNotShowUpInTheTarget() {
        PgServer.TestDb src = SparkMigrateIT.seeded("spark_snap_src");
        PgServer.TestDb before = PgServer.get().createDatabase("spark_snap_before");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_snap_dst");
        Runs.oneMachine(src, before); // the source as it is when the run starts
        AtomicBoolean wrote = new AtomicBoolean();
        ProgressListener writer = new ProgressListener() {
            @Override
            public void message(String text) {
                if (text.startsWith("every slice reads the source's snapshot") && wrote.compareAndSet(false, true)) {
                    // inserts, updates and deletes across slice boundaries, committed before any slice is read
                    src.exec("INSERT INTO customers (email, name) SELECT 'late' || g || '@example.com', 'late'"
                            + " FROM generate_series(1, 500) g;"
                            + " UPDATE orders SET total = -1 WHERE id % 97 = 0;"
                            + " DELETE FROM orders WHERE id BETWEEN 990 AND 1010 OR id > 14900;"
                            + " UPDATE events SET kind = 'changed' WHERE kind = 'k3';"
                            + " DELETE FROM logs WHERE level = 2;"
                            + " INSERT INTO logs SELECT 'new', 9, now() FROM generate_series(1, 700)");
                }
            }
        };
        new SparkMigration(Runs.spark(), writer).run(SparkRequest.of(src.url(), dst.url()).withCreateSchema(true)
                .withSliceRows(1000));
        assertTrue(wrote.get());
        assertEquals(Status.PASS, Runs.verify(before, dst).status(), "the target equals the source as of the snapshot");
        assertEquals(Status.FAIL, Runs.verify(src, dst).status(), "the writes happened in the source");
    }

    static final String TYPES = """
            CREATE TABLE edge (id integer PRIMARY KEY, i2 smallint, i4 integer, i8 bigint, n numeric, n2 numeric(38,10),
              r real, d double precision, b boolean, tx text, vc varchar(12), ch char(3), dt date, ts timestamp,
              tz timestamptz, tm time, u uuid, j jsonb, js json, by bytea, iv interval, ip inet, ai integer[], at text[]);
            INSERT INTO edge VALUES
             (1, -32768, -2147483648, -9223372036854775808, -123456789012345678901234567890.123456789, -9999999999999999999999999999.9999999999,
              '-Infinity', '-1.7976931348623157e308', false, '', '', '', '0001-01-01', '0001-01-01 00:00:00', '0001-01-01 00:00:00+00',
              '00:00:00', '00000000-0000-0000-0000-000000000000', '{}', '[]', '\\x', '-178000000 years', '0.0.0.0', '{}', '{}'),
             (2, 32767, 2147483647, 9223372036854775807, 0.000000000000000000000000000001, 9999999999999999999999999999.9999999999,
              'NaN', 'Infinity', true, 'ü😀 ''quote'' \\ back "dq"' || chr(9) || chr(10), 'ñ', 'ab ', '9999-12-31',
              '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00', '23:59:59.999999',
              'ffffffff-ffff-ffff-ffff-ffffffffffff', '{"a": [1, 2.5, null, "ü"], "b": {"c": true}}', '{"k": 1, "k": 2}',
              '\\x00ff10', '1 year 2 mons -3 days 04:05:06.789', '2001:db8::1/64', '{1,NULL,-3}', '{"a b",NULL,"","ü"}'),
             (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
              NULL, NULL, NULL, NULL, NULL),
             (4, 0, 0, 0, -0.0, 0, '-0', '-0', false, ' ', ' ', '   ', '2000-02-29', '2024-03-10 02:30:00', '2024-03-10 02:30:00-07',
              '12:00:00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'null', '"s"', '\\x00', '0', '::1', '{0}', '{""}');
            INSERT INTO edge (id, tx, n, tz, u) SELECT g, repeat('é', g % 40), g / 3.0, TIMESTAMPTZ '2024-10-27 00:30:00+00'
              + g * interval '1 minute', md5(g::text)::uuid FROM generate_series(5, 6000) g;
            """;

    @Test
    void everyLogicalTypesEdgeValuesRoundTripAsOnOneMachine() {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_types_src");
        PgServer.TestDb one = PgServer.get().createDatabase("spark_types_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_types_dst");
        src.exec(TYPES);
        Runs.oneMachine(src, one);
        new SparkMigration(Runs.spark(), ProgressListener.NONE).run(SparkRequest.of(src.url(), dst.url())
                .withCreateSchema(true).withSliceRows(1000));
        var spark = Runs.verify(src, dst);
        assertEquals(Status.PASS, spark.status(), spark.toString());
        assertEquals(Runs.checksums(Runs.verify(src, one)), Runs.checksums(spark));
        String text = "SELECT md5(string_agg(e::text, '|' ORDER BY id)) FROM edge e";
        assertEquals(one.one(text), dst.one(text), "each row's text form is the one-machine run's");
    }

    @Test
    void theRunStaysUnderItsConnectionCap() throws Exception {
        PgServer.TestDb src = SparkMigrateIT.seeded("spark_cap_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_cap_dst");
        int cap = 5;
        AtomicInteger peakSource = new AtomicInteger();
        AtomicInteger peakTarget = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try (Connection c = PgServer.get().createDatabase("spark_cap_watch").connect(); Statement s = c.createStatement()) {
                while (running.get()) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE datname = '" + src.name() + "'),"
                            + " count(*) FILTER (WHERE datname = '" + dst.name() + "') FROM pg_stat_activity")) {
                        rs.next();
                        peakSource.accumulateAndGet(rs.getInt(1), Math::max);
                        peakTarget.accumulateAndGet(rs.getInt(2), Math::max);
                    }
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        watcher.start();
        try {
            SparkRequest capped = SparkRequest.of(src.url(), dst.url()).withSliceRows(1000).withMaxConnections(cap);
            new SparkMigration(Runs.spark(), ProgressListener.NONE).run(capped.withCreateSchema(true));
            assertEquals(Status.PASS, new SparkVerify(Runs.spark(), m -> { }).verify(capped).status());
        } finally {
            running.set(false);
            watcher.join();
        }
        assertEquals(Status.PASS, Runs.verify(src, dst).status());
        assertTrue(peakSource.get() >= 2 && peakSource.get() <= cap, "source connections at most " + peakSource);
        assertTrue(peakTarget.get() >= 2 && peakTarget.get() <= cap, "target connections at most " + peakTarget);
        assertEquals(1, SparkMigration.tasksPerExecutor(SparkRequest.of("a", "b").withMaxConnections(cap), 2));
        assertEquals(2, SparkVerify.tasksPerExecutor(SparkRequest.of("a", "b").withMaxConnections(cap), 2));
    }
}
