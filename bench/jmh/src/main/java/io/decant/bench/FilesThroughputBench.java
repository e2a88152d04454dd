package io.decant.bench;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import io.decant.files.FilesDialect;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second through the folder format (decant-files), both ways, for a typical 8-column row
 * (bigint, uuid, two texts, timestamptz, numeric(10,2), boolean, json), with and without the
 * per-file checksum. Each operation is one row: the score is the time per row. This replaces a unit
 * test that only printed these numbers (a timing is not a check, and it slowed the suite).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class FilesThroughputBench {
    private static final int ROWS = 200_000;
    private static final Table ORDERS = new Table(TableId.of("orders"), List.of(
            Column.of("id", LogicalType.INT64), Column.of("user_id", LogicalType.UUID), Column.of("name", LogicalType.TEXT),
            Column.of("email", LogicalType.TEXT), Column.of("created_at", LogicalType.TIMESTAMPTZ),
            Column.of("amount", LogicalType.decimal(10, 2)), Column.of("active", LogicalType.BOOLEAN),
            Column.of("meta", LogicalType.JSON)), List.of(), List.of(), List.of(), -1);

    @Param({"false", "true"})
    public String checksum;

    private final FilesDialect dialect = new FilesDialect();
    private Path root;
    private Path written;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        root = Files.createTempDirectory("decant-files-bench");
        written = root.resolve("read");
        write(written);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void writeRows() {
        write(root.resolve("w" + next++));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long readRows() {
        long read = 0;
        try (SourceDatabase source = dialect.openSource("dir:" + written, OpenOptions.DEFAULT);
             RowStream rows = source.read(ORDERS, ORDERS.columns())) {
            while (rows.next() != null) {
                read++;
            }
        }
        if (read != ROWS) {
            throw new IllegalStateException("read " + read + " rows of " + ROWS);
        }
        return read;
    }

    private void write(Path dir) {
        UUID user = UUID.randomUUID();
        JsonText meta = JsonText.parse("{\"source\":\"web\",\"tags\":[1,2]}");
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        OpenOptions options = new OpenOptions(List.of(), Map.of("checksum", checksum));
        try (TargetDatabase target = dialect.openTarget("dir:" + dir, options);
             TableSink sink = target.openSink(ORDERS, ORDERS.columns(), SinkOptions.DEFAULT)) {
            for (int i = 0; i < ROWS; i++) {
                sink.write(new Object[] {(long) i, user, "Customer " + i, "customer" + i + "@example.com",
                    base.plusMillis(i * 1000L + 123), BigDecimal.valueOf(i % 100_000, 2), (i & 1) == 0, meta});
            }
            sink.commit();
        }
    }
}
