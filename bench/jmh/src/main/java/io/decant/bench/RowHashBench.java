package io.decant.bench;

import io.decant.core.checksum.RowHasher;
import io.decant.core.type.Bytes;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * verify's per-row cost: the canonical form and 128-bit hash of a row, and the key hash that picks
 * its bucket. {@code readings} has the types the d1-to-postgres plan gives the benchmark table (bigint
 * key, uuid, double, numeric(10,2), timestamptz, bytea NULL in 70% of rows); {@code users} is a
 * text-heavy row (uuid key, three texts with some non-ASCII, boolean, timestamptz, a NULL).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RowHashBench {
    private static final int ROWS = 1024;
    private RowHasher readings;
    private RowHasher users;
    private Object[][] readingRows;
    private Object[][] userRows;
    private final long[] out = new long[2];
    private int next;

    @Setup
    public void setup() {
        readings = new RowHasher(List.of(LogicalType.INT64, LogicalType.UUID, LogicalType.FLOAT64,
                LogicalType.decimal(10, 2), LogicalType.TIMESTAMPTZ, LogicalType.BYTES), new int[] {0});
        users = new RowHasher(List.of(LogicalType.UUID, LogicalType.TEXT, LogicalType.TEXT, LogicalType.TEXT,
                LogicalType.BOOLEAN, LogicalType.TIMESTAMPTZ, LogicalType.TEXT), new int[] {0});
        SplittableRandom r = new SplittableRandom(42);
        readingRows = new Object[ROWS][];
        userRows = new Object[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            readingRows[i] = new Object[] {(long) i * 7919, new UUID(r.nextLong(), r.nextLong()), r.nextDouble() * 1000,
                BigDecimal.valueOf(r.nextInt(10_000_000), 2), Instant.ofEpochSecond(1_700_000_000L + r.nextInt(30_000_000),
                        r.nextInt(1000) * 1_000_000),
                r.nextInt(10) < 7 ? null : Bytes.wrap(new byte[8 + r.nextInt(57)])};
            userRows[i] = new Object[] {new UUID(r.nextLong(), r.nextLong()), "user" + i + "@example.com",
                i % 5 == 0 ? "Zoë Müller-" + i : "Jane Doe " + i, "legacy-" + Long.toHexString(r.nextLong()),
                r.nextBoolean(), Instant.ofEpochSecond(1_600_000_000L + r.nextInt(100_000_000)), null};
        }
    }

    @Benchmark
    public long readingsRow() {
        readings.hash(readingRows[next++ & (ROWS - 1)], out);
        return out[0] ^ out[1];
    }

    @Benchmark
    public long readingsKey() {
        return readings.keyHash(readingRows[next++ & (ROWS - 1)]);
    }

    /** What verify's first pass does per row (before this API existed: hash, then keyHash). */
    @Benchmark
    public long readingsRowAndKey() {
        return readings.hashWithKey(readingRows[next++ & (ROWS - 1)], out) ^ out[0];
    }

    @Benchmark
    public long usersRowAndKey() {
        return users.hashWithKey(userRows[next++ & (ROWS - 1)], out) ^ out[0];
    }
}
