package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.core.Decant;
import io.decant.core.api.FailedRun;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.error.ErrorCode;
import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --on-error reject on Spark (local[2,4]) sets aside the rows one machine sets aside, with the same reasons: bad
 * values spread over every slice of a table, and the rows of another table whose parent row was rejected (the
 * parent's load step runs first, its rejected keys go to the children's). A slice whose first attempt fails after
 * its commit, and one whose first attempt fails after its COPY, give their rejects once. The loaded rows are the
 * one-machine run's: verify of one target against the other passes.
 */
class SparkRejectsIT {
    static final String SCHEMA = """
            CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, score text);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id),
              qty text, note text);
            -- every 97th customer's score is no integer: spread over every slice of customers
            INSERT INTO customers SELECT g, 'c' || g || '@example.com',
                CASE WHEN g % 97 = 0 THEN 'n/a ' || g ELSE (g % 1000)::text END
              FROM generate_series(1, 4000) g;
            -- orders of a rejected customer follow it; every 301st order's own qty is bad
            INSERT INTO orders SELECT g, 1 + g % 4000, CASE WHEN g % 301 = 0 THEN 'x' || g ELSE (g % 50)::text END,
                'order ' || g
              FROM generate_series(1, 6000) g;
            ANALYZE;
            """;
    static final String SPEC = """
            tables:
              customers:
                columns:
                  score: { cast: integer }
              orders:
                columns:
                  qty: { cast: integer }
            """;

    @Test
    void sameRejectsAsOneMachineWithRetriedSlices(@TempDir Path dir) throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_a_rej_src");
        src.exec(SCHEMA);
        PgServer.TestDb one = PgServer.get().createDatabase("spark_a_rej_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_a_rej_dst");

        Path oneRejects = dir.resolve("one-rejects");
        FailedRun single = assertThrows(FailedRun.class, () -> Decant.configure().from(src.url()).to(one.url())
                .specText(SPEC).rejects(oneRejects).options(MigrationOptions.builder().createSchema(true).build())
                .messages(m -> { }).load().migrate());
        assertEquals(ErrorCode.ROWS_REJECTED, single.failure().code());

        Path sparkRejects = dir.resolve("spark-rejects");
        Runs.Messages messages = new Runs.Messages();
        FailedRun spark = assertThrows(FailedRun.class, () -> new SparkMigration(Runs.spark(), messages)
                .run(SparkRequest.of(src.url(), dst.url()).withSpec(SPEC, dir.resolve("decant.yaml").toString())
                        .withCreateSchema(true).withSliceRows(1000).withRejects(sparkRejects.toString())
                        .withFaults(List.of("after-commit:customers:2", "after-copy:orders:3"))));
        String log = String.join("\n", messages.lines);
        assertEquals(ErrorCode.ROWS_REJECTED, spark.failure().code(), log);
        assertTrue(spark.failure().getMessage().contains(sparkRejects + "/<table>.jsonl"), spark.failure().getMessage());
        assertTrue(log.contains("customers: 4,000 rows in 4 slice(s) by id"), log);

        Map<String, List<String>> expected = rejects(oneRejects);
        Map<String, List<String>> actual = rejects(sparkRejects);
        assertEquals(41, expected.get("customers").size());
        // the orders of 41 rejected customers (1 + g % 4000 = 97k: 1 or 2 orders each), and 19 with their own bad qty
        assertTrue(expected.get("orders").size() > 41, expected.toString());
        assertTrue(expected.get("orders").stream().anyMatch(l -> l.contains("its parent customers id=97 was rejected")),
                expected.get("orders").toString());
        assertEquals(expected, actual);

        MigrationResult r = (MigrationResult) spark.result();
        assertEquals(((MigrationResult) single.result()).rows(), r.rows(), log);
        assertTrue(r.tables().stream().anyMatch(t -> t.notes().stream().anyMatch(n -> n.startsWith(
                expected.get("orders").size() + " rows rejected (--on-error reject), "))), r.tables().toString());
        VerifyReport oneVsSpark = Runs.verify(one, dst);
        assertEquals(Status.PASS, oneVsSpark.status(), oneVsSpark.toString());
        // each slice once in the journal, retried or not
        assertTrue(Runs.journalSlices(dst).values().stream().allMatch(n -> n == 1), Runs.journalSlices(dst).toString());
    }

    /**
     * With rejects, a table that references itself is read in one slice, so that its rows follow their rejected
     * parents in the order of its read as on one machine: the same rejects, and the foreign key created after the
     * data holds.
     */
    @Test
    void aSelfReferenceFollowsAsOnOneMachine(@TempDir Path dir) throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_a_rejself_src");
        src.exec("""
                CREATE TABLE staff (id bigint PRIMARY KEY, manager_id bigint REFERENCES staff(id), grade text);
                -- staff 1500 has a bad grade; 2001..3000 report to it, the others to 1
                INSERT INTO staff VALUES (1, NULL, '9');
                INSERT INTO staff SELECT g, CASE WHEN g > 2000 THEN 1500 ELSE 1 END,
                    CASE WHEN g = 1500 THEN 'bad' ELSE (g % 9)::text END
                  FROM generate_series(2, 3000) g;
                ANALYZE;
                """);
        PgServer.TestDb one = PgServer.get().createDatabase("spark_a_rejself_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_a_rejself_dst");
        String spec = "tables: { staff: { columns: { grade: { cast: integer } } } }";
        Path oneRejects = dir.resolve("one-rejects");
        assertThrows(FailedRun.class, () -> Decant.configure().from(src.url()).to(one.url()).specText(spec)
                .rejects(oneRejects).options(MigrationOptions.builder().createSchema(true).build()).messages(m -> { })
                .load().migrate());
        Path sparkRejects = dir.resolve("spark-rejects");
        Runs.Messages messages = new Runs.Messages();
        FailedRun failed = assertThrows(FailedRun.class, () -> new SparkMigration(Runs.spark(), messages)
                .run(SparkRequest.of(src.url(), dst.url()).withSpec(spec, dir.resolve("decant.yaml").toString())
                        .withCreateSchema(true).withSliceRows(1000).withRejects(sparkRejects.toString())));
        String log = String.join("\n", messages.lines);
        assertEquals(ErrorCode.ROWS_REJECTED, failed.failure().code(), log);
        assertTrue(log.contains("staff: 3,000 rows in 1 slice(s) (it references itself: its rejects follow within one"
                + " read)"), log);
        assertEquals(1001, rejects(oneRejects).get("staff").size());
        assertEquals(rejects(oneRejects), rejects(sparkRejects));
        assertEquals("1", dst.one("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), "the foreign key holds");
        VerifyReport oneVsSpark = Runs.verify(one, dst);
        assertEquals(Status.PASS, oneVsSpark.status(), oneVsSpark.toString());
    }

    /**
     * A rejects folder's rows, by table: each line without its row number (one machine counts rows in the table's
     * read, Spark within the slice; the key names the row), sorted.
     */
    static Map<String, List<String>> rejects(Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> out = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                List<String> lines = new ArrayList<>();
                for (String line : Files.readAllLines(f)) {
                    JsonNode n = json.readTree(line);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("row");
                    String error = n.get("error").asText().replaceAll("\\(row \\d+, ", "(");
                    ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("error", error);
                    lines.add(json.writeValueAsString(n));
                }
                Collections.sort(lines);
                out.put(f.getFileName().toString().replace(".jsonl", ""), lines);
            }
        }
        return out;
    }
}
