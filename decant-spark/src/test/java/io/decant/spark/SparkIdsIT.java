package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.Decant;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.error.DecantException;
import io.decant.core.ids.MappingDocument;
import io.decant.core.ids.MappingFile;
import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec with ids: on Spark (local[2,4]) gives what it gives on one machine: the same mapping (uuid5, made again
 * on every executor from the source's keys; uuid, built once on the driver, reusing the mapping file it is given,
 * and broadcast), the same keys and references in the target (orphans set to NULL alike), the same checksums, and
 * verify of one target against the other passes. A mapping past --max-broadcast-ids is refused before anything is
 * written, naming the table.
 */
class SparkIdsIT {
    static final String SCHEMA = """
            CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, name text);
            CREATE TABLE products (id integer PRIMARY KEY, sku text NOT NULL);
            CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id),
              product_id integer REFERENCES products(id), referrer_id bigint, note text);
            INSERT INTO customers (email, name) SELECT 'c' || g || '@example.com', 'Name ' || g
              FROM generate_series(1, 2000) g;
            INSERT INTO products SELECT g * 3, 'SKU-' || g FROM generate_series(1, 1000) g;
            -- referrer_id is no foreign key: every 50th names a customer that does not exist (an orphan, set to NULL)
            INSERT INTO orders (customer_id, product_id, referrer_id, note)
              SELECT 1 + g % 2000, CASE WHEN g % 11 = 0 THEN NULL ELSE 3 * (1 + g % 1000) END,
                     CASE WHEN g % 50 = 0 THEN 900000 + g ELSE 1 + (g * 7) % 2000 END, 'order ' || g
              FROM generate_series(1, 3000) g;
            ANALYZE;
            """;
    static final String SPEC = """
            ids:
              customers:
                strategy: uuid5
                references: [orders.referrer_id]
              products:
                strategy: uuid
            """;

    @Test
    void sameMappingAndResultAsOneMachine(@TempDir Path dir) throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_a_ids_src");
        src.exec(SCHEMA);
        PgServer.TestDb one = PgServer.get().createDatabase("spark_a_ids_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_a_ids_dst");

        Path oneMapping = dir.resolve("one/id-mapping.json");
        Files.createDirectories(oneMapping.getParent());
        MigrationResult single = Decant.configure().from(src.url()).to(one.url()).specText(SPEC).mapping(oneMapping)
                .options(MigrationOptions.builder().createSchema(true).build()).messages(m -> { }).load().migrate();
        assertEquals(2000 + 1000 + 3000, single.rows());

        // The Spark run is given a copy of the one-machine run's file: uuid (random) reuses its entries, as a rerun
        // on one machine does; uuid5 needs no file and must come out the same anyway.
        Path sparkMapping = dir.resolve("spark/id-mapping.json");
        Files.createDirectories(sparkMapping.getParent());
        Files.copy(oneMapping, sparkMapping);
        Runs.Messages messages = new Runs.Messages();
        MigrationResult r = new SparkMigration(Runs.spark(), messages).run(SparkRequest.of(src.url(), dst.url())
                .withSpec(SPEC, dir.resolve("decant.yaml").toString()).withCreateSchema(true).withSliceRows(1000)
                .withMapping(sparkMapping.toString(), SparkRequest.DEFAULT_MAX_BROADCAST_IDS));
        String log = String.join("\n", messages.lines);
        assertEquals(single.rows(), r.rows(), log);
        assertTrue(log.contains("1,000 entries go to the executors in the run's broadcast, customers made again on each"),
                log);
        assertTrue(log.contains("orders: 3,000 rows in 3 slice(s) by id"), log);

        assertEquals(entries(oneMapping), entries(sparkMapping));
        assertEquals(2000, entries(sparkMapping).get("customers").size());
        assertEquals(1000, entries(sparkMapping).get("products").size());
        // the target's keys are the mapping's new ids, references rewritten, orphans set to NULL alike
        String keys = "SELECT md5(string_agg(o.id || ':' || o.customer_id || ':' || coalesce(o.product_id::text, '-')"
                + " || ':' || coalesce(o.referrer_id::text, '-'), ',' ORDER BY o.id)) FROM orders o";
        assertEquals(one.one(keys), dst.one(keys));
        assertEquals("60", dst.one("SELECT count(*) FROM orders WHERE referrer_id IS NULL"));
        assertEquals("uuid", dst.one("SELECT data_type FROM information_schema.columns WHERE table_name = 'customers'"
                + " AND column_name = 'id'"));
        assertEquals("0", dst.one("SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
                + " WHERE c.id IS NULL"));

        // the same schema (pg_dump -s) and sequence values
        assertEquals(SparkMigrateIT.schema(one), SparkMigrateIT.schema(dst));
        String seqs = "SELECT string_agg(sequencename || '=' || coalesce(last_value, 0), ',' ORDER BY sequencename)"
                + " FROM pg_sequences WHERE schemaname <> 'decant'";
        assertEquals(one.one(seqs), dst.one(seqs));
        VerifyReport oneVsSpark = Runs.verify(one, dst);
        assertEquals(Status.PASS, oneVsSpark.status(), oneVsSpark.toString());

        // verify on Spark remaps the source through the mapping file as decant verify does, with the same checksums
        VerifyReport oneMachine = Decant.configure().from(src.url()).to(one.url()).specText(SPEC).mapping(oneMapping)
                .messages(m -> { }).load().verify();
        assertEquals(Status.PASS, oneMachine.status(), oneMachine.toString());
        SparkRequest check = SparkRequest.of(src.url(), dst.url()).withSpec(SPEC, dir.resolve("decant.yaml").toString())
                .withSliceRows(1000).withMapping(sparkMapping.toString(), SparkRequest.DEFAULT_MAX_BROADCAST_IDS);
        VerifyReport spark = new SparkVerify(Runs.spark(), m -> { }).verify(check);
        assertEquals(Status.PASS, spark.status(), spark.toString());
        assertEquals(Runs.checksums(oneMachine), Runs.checksums(spark));
        // and names a changed reference as decant verify does
        dst.exec("UPDATE orders SET referrer_id = NULL WHERE id = 7");
        VerifyReport changed = new SparkVerify(Runs.spark(), m -> { }).verify(check);
        assertEquals(Status.FAIL, changed.status(), changed.toString());
        assertTrue(changed.toString().contains("referrer_id"), changed.toString());
    }

    @Test
    void aMappingPastTheBroadcastLimitIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_a_idcap_src");
        src.exec(SCHEMA);
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_a_idcap_dst");
        DecantException e = assertThrows(DecantException.class, () -> new SparkMigration(Runs.spark(), new Runs.Messages())
                .run(SparkRequest.of(src.url(), dst.url()).withSpec(SPEC, dir.resolve("decant.yaml").toString())
                        .withCreateSchema(true).withMapping(null, 2500)));
        assertTrue(e.getMessage().contains("the id mapping of products (1,000 rows, 3,000 with the mappings before it)"
                + " passes --max-broadcast-ids 2,500"), e.getMessage());
        assertTrue(e.getMessage().contains("run this migration on one machine (decant migrate), or raise"
                + " --max-broadcast-ids"), e.getMessage());
        assertEquals("0", dst.one("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog',"
                + " 'information_schema')"));
        assertTrue(!Files.exists(dir.resolve("id-mapping.json")), "no mapping file is written");
    }

    /** Each table's entries of a mapping file: old id to new id, as the file writes them. */
    static Map<String, Map<String, String>> entries(Path file) {
        MappingDocument doc = MappingFile.read(file);
        Map<String, Map<String, String>> out = new TreeMap<>();
        doc.tables().forEach((name, t) -> {
            Map<String, String> m = new TreeMap<>();
            t.entries().forEach(e -> m.put(e.old().asText(), e.neu().asText()));
            out.put(name, m);
        });
        return out;
    }
}
