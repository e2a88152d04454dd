package io.decant.core.checksum;

import io.decant.core.type.LogicalType;
import java.util.List;

/**
 * Hashes rows of a fixed column list to 128 bits over their canonical form ({@link Canonical}),
 * and optionally their key columns to 64 bits. The key hash is the hash of the key columns' fields
 * in key order, whatever their places in the row, so hashers of different tables agree on equal keys
 * (foreign keys are checked that way). Not thread-safe: one per reader thread.
 */
public final class RowHasher {
    private static final long ROW_SEED = 0x6465636e74L;
    private static final long KEY_SEED = 0x6b6579L;

    private final Canonical.FieldEncoder[] encoders;
    private final int[] keyIndexes;
    /** Where each column's field ends in {@link #buf} after {@link #fill}. */
    private final int[] ends;
    /** The key is the whole row, in order: its bytes are the row's bytes. */
    private final boolean keyIsRow;
    private final CanonicalBuffer buf = new CanonicalBuffer();
    /** Made when first needed: most hashers never hash a key on its own. */
    private CanonicalBuffer keyBuf;
    private final long[] scratch = new long[2];

    public RowHasher(List<LogicalType> types) {
        this(types, new int[0]);
    }

    /** @param keyIndexes positions of the key columns, for {@link #keyHash} and {@link #hashWithKey} */
    public RowHasher(List<LogicalType> types, int[] keyIndexes) {
        this.encoders = types.stream().map(Canonical::encoderFor).toArray(Canonical.FieldEncoder[]::new);
        this.keyIndexes = keyIndexes.clone();
        this.ends = new int[encoders.length];
        boolean inOrder = keyIndexes.length == encoders.length;
        for (int i = 0; inOrder && i < keyIndexes.length; i++) {
            inOrder = keyIndexes[i] == i;
        }
        this.keyIsRow = inOrder;
    }

    /** The canonical bytes of a row, for tests and diagnostics. */
    public byte[] canonical(Object[] row) {
        fill(row);
        return buf.copy(0, buf.size);
    }

    /** The canonical bytes of one column's value. */
    public byte[] canonical(int column, Object value) {
        buf.clear();
        encode(column, value, buf);
        return buf.copy(0, buf.size);
    }

    /** Writes the row's 128-bit hash into {@code out[0..1]}. */
    public void hash(Object[] row, long[] out) {
        fill(row);
        Murmur3.hash128(buf.bytes, 0, buf.size, ROW_SEED, out);
    }

    /**
     * {@link #hash} and {@link #keyHash} at once, encoding each value once: writes the row's hash
     * into {@code out[0..1]} and returns the key hash.
     */
    public long hashWithKey(Object[] row, long[] out) {
        fill(row);
        return hashFilledWithKey(out);
    }

    /**
     * The buffer a reader writes a row's canonical fields into, cleared, for {@link #hashFilledWithKey}:
     * one field per column, in column order, each column's end recorded in {@link #fieldEnds()}.
     */
    public CanonicalBuffer rowBuffer() {
        buf.clear();
        return buf;
    }

    /** Where each column's field ends in {@link #rowBuffer()}; the reader that fills the buffer fills these. */
    public int[] fieldEnds() {
        return ends;
    }

    /**
     * {@link #hashWithKey} of the row whose fields were written into {@link #rowBuffer()}, with their
     * ends in {@link #fieldEnds()}.
     */
    public long hashFilledWithKey(long[] out) {
        byte[] b = buf.bytes;
        Murmur3.hash128(b, 0, buf.size, ROW_SEED, out);
        if (keyIsRow) {
            Murmur3.hash128(b, 0, buf.size, KEY_SEED, scratch);
        } else if (keyIndexes.length == 1) {
            int k = keyIndexes[0];
            int from = k == 0 ? 0 : ends[k - 1];
            Murmur3.hash128(b, from, ends[k] - from, KEY_SEED, scratch);
        } else {
            CanonicalBuffer kb = keyBuffer();
            for (int k : keyIndexes) {
                int from = k == 0 ? 0 : ends[k - 1];
                kb.append(b, from, ends[k] - from);
            }
            Murmur3.hash128(kb.bytes, 0, kb.size, KEY_SEED, scratch);
        }
        return scratch[0];
    }

    /** A 64-bit hash of the key columns' canonical form. */
    public long keyHash(Object[] row) {
        CanonicalBuffer kb = keyBuffer();
        for (int k : keyIndexes) {
            encode(k, row[k], kb);
        }
        Murmur3.hash128(kb.bytes, 0, kb.size, KEY_SEED, scratch);
        return scratch[0];
    }

    private CanonicalBuffer keyBuffer() {
        if (keyBuf == null) {
            keyBuf = new CanonicalBuffer();
        }
        keyBuf.clear();
        return keyBuf;
    }

    private void fill(Object[] row) {
        buf.clear();
        for (int i = 0; i < encoders.length; i++) {
            encode(i, row[i], buf);
            ends[i] = buf.size;
        }
    }

    private void encode(int i, Object v, CanonicalBuffer out) {
        if (v == null) {
            Canonical.writeNull(out);
        } else {
            encoders[i].encode(v, out);
        }
    }
}
