package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SliceStats;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSlice;
import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB source on Spark (local[2,4]) into PostgreSQL: integer and text keys are split into key ranges from a
 * sample, a table without such a key is read whole and the run says so, and the run says at its start that each
 * slice sees its own moment. The result is a one-machine run's (verify's checksums, verify passes), and a key
 * with 90% of its values in 1% of its range, or a text key in a case-insensitive collation, gives slices within
 * twice their share.
 */
class SparkMysqlIT {
    static final String[] SCHEMA = {
        "CREATE TABLE customers (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE, name TEXT,"
                + " joined DATE, balance DECIMAL(12,2), seen DATETIME(6), note TEXT)",
        "INSERT INTO customers (email, name, joined, balance, seen, note) SELECT CONCAT('user', seq, '@example.com'),"
                + " CONCAT('Name ', seq, ' ü😀'), DATE '2020-01-01' + INTERVAL seq % 1000 DAY, (seq * 13 % 100000) / 100.0,"
                + " TIMESTAMP '2024-03-10 01:30:00' + INTERVAL seq MINUTE, IF(seq % 7 = 0, NULL, REPEAT('x', seq % 50))"
                + " FROM seq_1_to_6000",
        "CREATE TABLE skewed (id BIGINT PRIMARY KEY, v VARCHAR(10))",
        "INSERT INTO skewed SELECT seq, 'dense' FROM seq_1_to_18000",                        // 90% in [1, 18000]
        "INSERT INTO skewed SELECT 18000 + seq * 900000, 'sparse' FROM seq_1_to_2000",      // up to 1.8e9
        "CREATE TABLE codes (code VARCHAR(20) COLLATE utf8mb4_general_ci PRIMARY KEY, n INT)",
        "INSERT INTO codes SELECT CONCAT(IF(seq % 2 = 0, 'a', 'B'), LPAD(seq * 7919 % 100003, 6, '0')), seq"
                + " FROM seq_1_to_10000",
        "CREATE TABLE readings (sensor INT, at DATETIME, value DOUBLE)",
        "INSERT INTO readings SELECT seq % 10, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND, seq / 3 FROM seq_1_to_3000",
    };

    static String seeded() {
        String url = MariaServer.createDatabase("spark_b_my");
        try (Connection c = MariaServer.connect(url.substring(url.lastIndexOf('/') + 1)); Statement s = c.createStatement()) {
            for (String sql : SCHEMA) {
                s.execute(sql);
            }
            s.execute("ANALYZE TABLE customers, skewed, codes, readings");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return url;
    }

    @Test
    void sameResultAsOneMachineAndTheRunSaysEachSliceSeesItsOwnMoment() {
        String src = seeded();
        PgServer.TestDb one = PgServer.get().createDatabase("spark_b_my_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_b_my_dst");
        Runs.oneMachine(src, one, true);
        Runs.Messages messages = new Runs.Messages();
        var r = new SparkMigration(Runs.spark(), messages).run(SparkRequest.of(src, dst.url()).withCreateSchema(true)
                .withSliceRows(2500));
        String said = String.join("\n", messages.lines);
        assertEquals(6000 + 20000 + 10000 + 3000, r.rows(), said);
        assertTrue(said.contains("the source shares no snapshot between slices: each slice reads the rows of its own moment,"
                + " so the copy is consistent only if the source takes no writes during the run"), said);
        assertTrue(said.contains("skewed: 20,000 rows in 8 slice(s) by id"), said);
        assertTrue(said.contains("codes: 10,000 rows in 8 slice(s) by code"), said);
        assertTrue(said.contains("readings: 3,000 rows in 1 slice(s) (read whole: no one-column key the source can split it by)"),
                said);

        VerifyReport spark = Runs.verify(src, dst.url());
        assertEquals(Status.PASS, spark.status(), spark.toString());
        assertEquals(Runs.checksums(Runs.verify(src, one.url())), Runs.checksums(spark));
        assertEquals(Status.PASS, Runs.verify(one, dst).status());
        assertEquals(SparkMigrateIT.schema(one), SparkMigrateIT.schema(dst));
        String seqs = "SELECT string_agg(sequencename || '=' || coalesce(last_value, 0), ',' ORDER BY sequencename)"
                + " FROM pg_sequences WHERE schemaname <> 'decant'";
        assertEquals(one.one(seqs), dst.one(seqs), "sequences moved past the loaded keys, as on one machine");
        Map<String, Integer> slices = Runs.journalSlices(dst);
        assertTrue(slices.values().stream().allMatch(n -> n == 1), slices.toString());

        VerifyReport onSpark = new SparkVerify(Runs.spark(), m -> { }).verify(SparkRequest.of(src, dst.url()).withSliceRows(2500));
        assertEquals(Status.PASS, onSpark.status(), onSpark.toString());
        assertEquals(Runs.checksums(spark), Runs.checksums(onSpark));
    }

    @Test
    void skewedAndTextKeysSplitEvenly() {
        String url = seeded();
        try (SourceDatabase source = Dialects.installed().openSource(url,
                new OpenOptions(List.of(), Map.of(OpenOptions.SLICED_READS, "true")))) {
            assertEquals(null, source.exportSnapshot(), "InnoDB has no snapshot to share");
            for (String name : List.of("skewed", "codes")) {
                Table t = source.tables().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                Column candidate = Slicer.splitKey(t);
                String key = source.sliceKey(t, candidate);
                assertEquals(candidate.name(), key);
                SliceStats size = source.sliceStats(t, null, 0, null);
                int n = Slicer.count(size.rows(), 2500, 2);
                SliceStats stats = source.sliceStats(t, key, Slicer.sampleSize(n), null);
                assertTrue(stats.sample().size() < size.rows(), name + ": a sample, not every key");
                List<TableSlice> cut = Slicer.slices(key, false, stats, n);
                assertTrue(cut.size() >= 8, name + ": " + cut.size() + " slices");
                long share = size.rows() / cut.size();
                Set<Object> seen = new HashSet<>();
                List<Long> sizes = new ArrayList<>();
                for (TableSlice s : cut) {
                    long rows = 0;
                    try (RowStream rs = source.readSlice(t, t.columns(), s, null)) {
                        for (Object[] row = rs.next(); row != null; row = rs.next()) {
                            assertTrue(seen.add(row[0]), name + ": " + row[0] + " in two slices");
                            rows++;
                        }
                    }
                    sizes.add(rows);
                }
                assertEquals(size.rows(), seen.size(), name + ": every row in one slice");
                assertTrue(sizes.stream().allMatch(x -> x <= 2 * share), name + ": slices " + sizes + ", share " + share);
            }
        }
    }
}
