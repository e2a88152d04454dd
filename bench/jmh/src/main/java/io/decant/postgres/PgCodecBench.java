package io.decant.postgres;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The PostgreSQL dialect's per-row work on the benchmark's readings shape (bigint, uuid text,
 * double, numeric(10,2), text timestamp, nullable bytea): encoding a row for binary COPY FROM, and
 * decoding one from binary COPY TO. In the dialect's package because the codecs are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PgCodecBench {
    private static final int ROWS = 1024;
    private static final List<LogicalType> TYPES = List.of(LogicalType.INT64, LogicalType.TEXT, LogicalType.FLOAT64,
            LogicalType.decimal(10, 2), LogicalType.TEXT, LogicalType.BYTES);
    private static final String[] TARGET = {"int8", "text", "float8", "numeric", "text", "bytea"};

    private Object[][] rows;
    private BinaryEncoders.Encoder[] encoders;
    private BinaryDecoders.Decoder[] decoders;
    private CopyBuffer buffer;
    private byte[] encoded;
    private int[][] offsets;
    private int[][] lengths;
    private int next;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(42);
        rows = new Object[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            byte[] payload = new byte[8 + r.nextInt(57)];
            rows[i] = new Object[] {(long) i, new java.util.UUID(r.nextLong(), r.nextLong()).toString(),
                r.nextDouble() * 1000, BigDecimal.valueOf(r.nextInt(100_000), 2),
                "2024-01-01T00:00:" + (10 + r.nextInt(50)) + ".123Z", r.nextInt(10) < 7 ? null : Bytes.wrap(payload)};
        }
        encoders = new BinaryEncoders.Encoder[TYPES.size()];
        decoders = new BinaryDecoders.Decoder[TYPES.size()];
        for (int c = 0; c < TYPES.size(); c++) {
            PgTypeCatalog.Resolved target = new PgTypeCatalog.Resolved(0, "pg_catalog", TARGET[c], 'b', -1, false, 0, null);
            encoders[c] = BinaryEncoders.find(target, TYPES.get(c));
            decoders[c] = BinaryDecoders.forType(TYPES.get(c));
        }
        buffer = new CopyBuffer();
        // one encoded copy of every row, framed, for the decoder
        CopyBuffer all = new CopyBuffer();
        offsets = new int[ROWS][TYPES.size()];
        lengths = new int[ROWS][TYPES.size()];
        for (int i = 0; i < ROWS; i++) {
            for (int c = 0; c < TYPES.size(); c++) {
                Object v = rows[i][c];
                int at = all.position();
                if (v == null) {
                    all.writeInt(-1);
                    lengths[i][c] = -1;
                } else {
                    encoders[c].encode(v, all);
                    lengths[i][c] = all.position() - at - 4;
                }
                offsets[i][c] = at + 4;
            }
        }
        encoded = java.util.Arrays.copyOf(all.array(), all.position());
    }

    @Benchmark
    public int encodeRow() {
        Object[] row = rows[next++ & (ROWS - 1)];
        if (buffer.position() > CopyBuffer.FLUSH_AT) {
            buffer.reset(0);
        }
        buffer.writeShort(encoders.length);
        for (int c = 0; c < encoders.length; c++) {
            Object v = row[c];
            if (v == null) {
                buffer.writeInt(-1);
            } else {
                encoders[c].encode(v, buffer);
            }
        }
        return buffer.position();
    }

    @Benchmark
    public void decodeRow(Blackhole bh) {
        int i = next++ & (ROWS - 1);
        Object[] row = new Object[decoders.length];
        for (int c = 0; c < decoders.length; c++) {
            int len = lengths[i][c];
            row[c] = len < 0 ? null : decoders[c].decode(encoded, offsets[i][c], len);
        }
        bh.consume(row);
    }
}
