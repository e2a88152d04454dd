package io.decant.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sanity check of rows per second both ways for a typical 8-column row; prints, asserts only correctness. */
class ThroughputTest {
    @TempDir
    Path tmp;

    static final Table ORDERS = Fixtures.table("orders",
            Column.of("id", LogicalType.INT64), Column.of("user_id", LogicalType.UUID), Column.of("name", LogicalType.TEXT),
            Column.of("email", LogicalType.TEXT), Column.of("created_at", LogicalType.TIMESTAMPTZ),
            Column.of("amount", LogicalType.decimal(10, 2)), Column.of("active", LogicalType.BOOLEAN),
            Column.of("meta", LogicalType.JSON));

    @Test
    void typicalRowsPerSecond() {
        int n = Integer.getInteger("decant.throughput.rows", 500_000);
        for (String checksum : new String[] {"false", "true"}) {
            Path dir = tmp.resolve("t-" + checksum);
            UUID user = UUID.randomUUID();
            JsonText meta = JsonText.parse("{\"source\":\"web\",\"tags\":[1,2]}");
            Instant base = Instant.parse("2025-01-01T00:00:00Z");
            long t0 = System.nanoTime();
            try (TargetDatabase target = Fixtures.DIALECT.openTarget("dir:" + dir, Fixtures.settings("checksum", checksum));
                 TableSink sink = target.openSink(ORDERS, ORDERS.columns(), SinkOptions.DEFAULT)) {
                for (int i = 0; i < n; i++) {
                    sink.write(new Object[] {(long) i, user, "Customer " + i, "customer" + i + "@example.com",
                            base.plusMillis(i * 1000L + 123), BigDecimal.valueOf(i % 100_000, 2), (i & 1) == 0, meta});
                }
                sink.commit();
            }
            long t1 = System.nanoTime();
            long read = 0;
            try (SourceDatabase source = Fixtures.DIALECT.openSource("dir:" + dir, OpenOptions.DEFAULT);
                 RowStream rows = source.read(ORDERS, ORDERS.columns())) {
                while (rows.next() != null) {
                    read++;
                }
            }
            long t2 = System.nanoTime();
            assertEquals(n, read);
            long bytes = dir.resolve("orders.jsonl").toFile().length();
            System.out.printf(Locale.ROOT, "decant-files throughput (checksum=%s): %d rows, %.1f MB; write %.0f rows/s, read %.0f rows/s%n",
                    checksum, n, bytes / 1e6, n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9));
        }
        assertEquals(true, Files.isDirectory(tmp));
    }
}
