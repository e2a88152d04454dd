package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SliceStats;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSlice;
import io.decant.testkit.PgServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Slices of real tables hold every row once and none more than twice its share: a key with 90% of its values
 * in 1% of its range, random uuids, time-ordered uuids and a table without a key.
 */
class SlicingIT {
    private static final int CORES = 2;

    @Test
    void skewedKeysUuidsAndKeylessTablesSplitEvenly() {
        PgServer.TestDb db = PgServer.get().createDatabase("spark_slicing");
        db.exec("""
                CREATE TABLE skewed (id bigint PRIMARY KEY, v text);
                INSERT INTO skewed SELECT g, 'dense' FROM generate_series(1, 36000) g;            -- 90% in [1, 36000]
                INSERT INTO skewed SELECT 36000 + g::bigint * 900000, 'sparse' FROM generate_series(1, 4000) g; -- up to 3.6e9
                CREATE TABLE random_ids (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), n integer);
                INSERT INTO random_ids (n) SELECT g FROM generate_series(1, 30000) g;
                CREATE TABLE ordered_ids (id uuid PRIMARY KEY, n integer);
                INSERT INTO ordered_ids SELECT ('01900000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, g
                  FROM generate_series(1, 30000) g;
                CREATE TABLE keyless (line text, n integer);
                INSERT INTO keyless SELECT repeat('x', g % 100), g FROM generate_series(1, 30000) g;
                ANALYZE;
                """);
        try (SourceDatabase source = Runs.source(db.url())) {
            String snapshot = source.exportSnapshot();
            for (String name : List.of("skewed", "random_ids", "ordered_ids", "keyless")) {
                Table t = source.tables().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                Column key = Slicer.splitKey(t);
                SliceStats size = source.sliceStats(t, null, 0, snapshot);
                int n = Slicer.count(size.rows(), 2500, CORES);
                SliceStats stats = key == null ? size : source.sliceStats(t, key.name(), Slicer.sampleSize(n), snapshot);
                List<TableSlice> slices = Slicer.slices(key, stats, n);
                assertTrue(slices.size() >= 4 * CORES, name + ": " + slices.size() + " slices");
                long share = size.rows() / slices.size();
                Set<String> seen = new HashSet<>();
                long total = 0;
                List<Long> sizes = new ArrayList<>();
                for (TableSlice s : slices) {
                    long rows = 0;
                    try (RowStream rs = source.readSlice(t, t.columns(), s, snapshot)) {
                        for (Object[] row = rs.next(); row != null; row = rs.next()) {
                            assertTrue(seen.add(java.util.Arrays.deepToString(row)), name + ": a row in two slices");
                            rows++;
                        }
                    }
                    sizes.add(rows);
                    total += rows;
                }
                assertEquals(size.rows(), total, name + ": every row in one slice");
                assertTrue(sizes.stream().allMatch(r -> r <= 2 * share), name + ": slices " + sizes + ", share " + share);
                if (name.equals("random_ids")) {
                    assertTrue(Slicer.uniform(stats.sample()), "random uuids are split by value space");
                }
                if (name.equals("ordered_ids")) {
                    assertTrue(!Slicer.uniform(stats.sample()), "time-ordered uuids are split by their sample");
                }
            }
        }
    }
}
