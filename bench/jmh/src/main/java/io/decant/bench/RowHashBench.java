package io.decant.bench;

import io.decant.core.checksum.RowHasher;
import io.decant.core.type.Bytes;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
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

/** verify's per-row cost: the canonical form and Murmur3 128-bit hash of a readings-shaped row. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RowHashBench {
    private static final int ROWS = 1024;
    private RowHasher hasher;
    private Object[][] rows;
    private final long[] out = new long[2];
    private int next;

    @Setup
    public void setup() {
        hasher = new RowHasher(List.of(LogicalType.INT64, LogicalType.TEXT, LogicalType.FLOAT64,
                LogicalType.decimal(10, 2), LogicalType.TEXT, LogicalType.BYTES), new int[] {0});
        SplittableRandom r = new SplittableRandom(42);
        rows = new Object[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new Object[] {(long) i, new java.util.UUID(r.nextLong(), r.nextLong()).toString(),
                r.nextDouble() * 1000, BigDecimal.valueOf(r.nextInt(100_000), 2),
                "2024-01-01T00:00:" + (10 + r.nextInt(50)) + ".123Z",
                r.nextInt(10) < 7 ? null : Bytes.wrap(new byte[8 + r.nextInt(57)])};
        }
    }

    @Benchmark
    public long hashRow() {
        hasher.hash(rows[next++ & (ROWS - 1)], out);
        return out[0] ^ out[1];
    }

    @Benchmark
    public long keyHash() {
        return hasher.keyHash(rows[next++ & (ROWS - 1)]);
    }
}
