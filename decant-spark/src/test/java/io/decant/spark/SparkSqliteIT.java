package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SliceStats;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSlice;
import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite file as the source of a Spark run in local mode: rowid tables are split by rowid ranges from a sample
 * of their rowids (gaps and a skewed rowid still give even slices), a table WITHOUT ROWID is read whole, and the
 * result is a one-machine run's. On a cluster master the file is refused unless the user says it is on shared
 * storage.
 */
class SparkSqliteIT {
    @TempDir
    Path dir;

    private Path seeded() throws Exception {
        Path file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(10,2), added TEXT)");
            // 90% of the rowids in [1, 18000], the rest spread up to 3.6e9
            s.execute("WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 20000)"
                    + " INSERT INTO items SELECT CASE WHEN x <= 18000 THEN x ELSE 18000 + (x - 18000) * 1800000 END,"
                    + " 'item ' || x || ' ü😀', (x * 13 % 100000) / 100.0, '2024-03-10 0' || (x % 10) || ':30:00' FROM g");
            s.execute("DELETE FROM items WHERE id % 3 = 0 AND id < 6000"); // gaps
            s.execute("CREATE TABLE notes (body TEXT, n INTEGER)");
            s.execute("WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 4000)"
                    + " INSERT INTO notes SELECT CASE WHEN x % 9 = 0 THEN NULL ELSE repeat_me END, x FROM"
                    + " (SELECT x, 'note ' || x AS repeat_me FROM g)");
            s.execute("CREATE TABLE tags (tag TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID");
            s.execute("WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 1500)"
                    + " INSERT INTO tags SELECT 'tag' || x, x FROM g");
        }
        return file;
    }

    @Test
    void sameResultAsOneMachineInLocalMode() throws Exception {
        String src = "sqlite:" + seeded();
        PgServer.TestDb one = PgServer.get().createDatabase("spark_b_lite_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_b_lite_dst");
        Runs.oneMachine(src, one, true);
        Runs.Messages messages = new Runs.Messages();
        var r = new SparkMigration(Runs.spark(), messages).run(SparkRequest.of(src, dst.url()).withCreateSchema(true)
                .withSliceRows(1000));
        String said = String.join("\n", messages.lines);
        assertEquals(18000 - 1999 + 2000 + 4000 + 1500, r.rows(), said);
        assertTrue(said.contains("items: 18,001 rows in 19 slice(s) by _rowid_"), said);
        assertTrue(said.contains("notes: 4,000 rows in 4 slice(s) by _rowid_"), said);
        assertTrue(said.contains("tags: 1,500 rows in 1 slice(s) (read whole: no one-column key the source can split it by)"),
                said);
        assertTrue(said.contains("each slice reads the rows of its own moment"), said);

        VerifyReport spark = Runs.verify(src, dst.url());
        assertEquals(Status.PASS, spark.status(), spark.toString());
        assertEquals(Runs.checksums(Runs.verify(src, one.url())), Runs.checksums(spark));
        assertEquals(Status.PASS, Runs.verify(one, dst).status());
        assertEquals(SparkMigrateIT.schema(one), SparkMigrateIT.schema(dst));
        String seqs = "SELECT string_agg(sequencename || '=' || coalesce(last_value, 0), ',' ORDER BY sequencename)"
                + " FROM pg_sequences WHERE schemaname <> 'decant'";
        assertEquals(one.one(seqs), dst.one(seqs), "sequences moved past the loaded keys, as on one machine");
        Map<String, Integer> slices = Runs.journalSlices(dst);
        assertEquals(19 + 4 + 1, slices.size(), slices.toString());
        assertTrue(slices.values().stream().allMatch(n -> n == 1), slices.toString());
    }

    @Test
    void skewedAndGappedRowidsSplitEvenly() throws Exception {
        String src = "sqlite:" + seeded();
        try (SourceDatabase source = Runs.source(src)) {
            Table t = source.tables().stream().filter(x -> x.name().equals("items")).findFirst().orElseThrow();
            String key = source.sliceKey(t, Slicer.splitKey(t));
            SliceStats size = source.sliceStats(t, null, 0, null);
            int n = Slicer.count(size.rows(), 1000, 2);
            SliceStats stats = source.sliceStats(t, key, Slicer.sampleSize(n), null);
            assertTrue(stats.sample().size() < size.rows() / 2, "a sample, not every rowid: " + stats.sample().size());
            List<TableSlice> cut = Slicer.slices(key, false, stats, n);
            long share = size.rows() / cut.size();
            long total = 0;
            List<Long> sizes = new ArrayList<>();
            for (TableSlice s : cut) {
                long rows = 0;
                try (RowStream rs = source.readSlice(t, t.columns(), s, null)) {
                    while (rs.next() != null) {
                        rows++;
                    }
                }
                sizes.add(rows);
                total += rows;
            }
            assertEquals(size.rows(), total, "every row in one slice");
            assertTrue(sizes.stream().allMatch(x -> x <= 2 * share), "slices " + sizes + ", share " + share);
        }
    }

    @Test
    void aFileIsRefusedOnAClusterUnlessOnSharedStorage() {
        SparkRequest lite = SparkRequest.of("sqlite:/data/app.db", "postgres://app@db.example/app");
        DecantException e = assertThrows(DecantException.class, () -> Main.refuseLocalFiles(lite, false));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("use --master local[N], or, when the path is on storage every executor reads"
                + " at the same path (NFS, a mounted volume), add --shared-storage"), e.getMessage());
        Main.refuseLocalFiles(lite, true);
        Main.refuseLocalFiles(SparkRequest.of("mysql://app@db.example/app", "postgres://app@db.example/app"), false);
        Main.refuseLocalFiles(SparkRequest.of("jdbc:mariadb://db.example/app", "postgresql://db.example/app"), false);
        for (String file : List.of("/data/app.db", "dir:/data/export", "/data/export/", "jdbc:sqlite:/data/app.db")) {
            assertThrows(DecantException.class, () -> Main.refuseLocalFiles(
                    SparkRequest.of(file, "postgres://app@db.example/app"), false), file);
        }
        assertTrue(Main.parse(new String[] {"migrate", "--from", "sqlite:/data/app.db", "--to", "postgres://h/app",
            "--shared-storage"}).sharedStorage());
    }
}
