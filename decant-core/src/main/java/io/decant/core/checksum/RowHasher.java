package io.decant.core.checksum;

import io.decant.core.type.LogicalType;
import java.util.List;

/**
 * Hashes rows of a fixed column list to 128 bits over their canonical form ({@link Canonical}),
 * and optionally their key columns to 64 bits. Not thread-safe: one per reader thread.
 */
public final class RowHasher {
    private final Canonical.FieldEncoder[] encoders;
    private final int[] keyIndexes;
    private final Buffer buf = new Buffer();
    private final long[] scratch = new long[2];

    public RowHasher(List<LogicalType> types) {
        this(types, new int[0]);
    }

    /** @param keyIndexes positions of the key columns, for {@link #keyHash} */
    public RowHasher(List<LogicalType> types, int[] keyIndexes) {
        this.encoders = types.stream().map(Canonical::encoderFor).toArray(Canonical.FieldEncoder[]::new);
        this.keyIndexes = keyIndexes.clone();
    }

    /** The canonical bytes of a row, for tests and diagnostics. */
    public byte[] canonical(Object[] row) {
        fill(row);
        return java.util.Arrays.copyOf(buf.bytes, buf.size);
    }

    /** The canonical bytes of one column's value. */
    public byte[] canonical(int column, Object value) {
        buf.size = 0;
        encode(column, value);
        return java.util.Arrays.copyOf(buf.bytes, buf.size);
    }

    /** Writes the row's 128-bit hash into {@code out[0..1]}. */
    public void hash(Object[] row, long[] out) {
        fill(row);
        Murmur3.hash128(buf.bytes, buf.size, 0x6465636e74L, out);
    }

    /** A 64-bit hash of the key columns' canonical form. */
    public long keyHash(Object[] row) {
        buf.size = 0;
        for (int k : keyIndexes) {
            encode(k, row[k]);
        }
        Murmur3.hash128(buf.bytes, buf.size, 0x6b6579L, scratch);
        return scratch[0];
    }

    private void fill(Object[] row) {
        buf.size = 0;
        for (int i = 0; i < encoders.length; i++) {
            encode(i, row[i]);
        }
    }

    private void encode(int i, Object v) {
        if (v == null) {
            buf.field((byte) 0, EMPTY);
        } else {
            encoders[i].encode(v, buf);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    /** A growable byte buffer that is also the canonical sink. */
    private static final class Buffer implements Canonical.Sink {
        byte[] bytes = new byte[256];
        int size;

        @Override
        public void field(byte tag, byte[] b) {
            int n = b.length;
            ensure(5 + n);
            bytes[size++] = tag;
            bytes[size++] = (byte) (n >>> 24);
            bytes[size++] = (byte) (n >>> 16);
            bytes[size++] = (byte) (n >>> 8);
            bytes[size++] = (byte) n;
            System.arraycopy(b, 0, bytes, size, n);
            size += n;
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }
    }
}
