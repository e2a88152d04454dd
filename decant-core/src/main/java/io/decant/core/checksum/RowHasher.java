package io.decant.core.checksum;

import io.decant.core.type.LogicalType;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Hashes rows of a fixed column list to 128 bits (the first half of a SHA-256 of the canonical
 * form). Not thread-safe: one per reader thread.
 */
public final class RowHasher {
    private final Canonical.FieldEncoder[] encoders;
    private final MessageDigest digest;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    private final Canonical.Sink sink = (tag, bytes) -> Canonical.writeField(buf, tag, bytes);

    public RowHasher(List<LogicalType> types) {
        this.encoders = types.stream().map(Canonical::encoderFor).toArray(Canonical.FieldEncoder[]::new);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The canonical bytes of a row, for tests and diagnostics. */
    public byte[] canonical(Object[] row) {
        buf.reset();
        for (int i = 0; i < encoders.length; i++) {
            if (row[i] == null) {
                sink.field((byte) 0, new byte[0]);
            } else {
                encoders[i].encode(row[i], sink);
            }
        }
        return buf.toByteArray();
    }

    /** Writes the row's 128-bit hash into {@code out[0..1]}. */
    public void hash(Object[] row, long[] out) {
        byte[] h = digest.digest(canonical(row));
        out[0] = toLong(h, 0);
        out[1] = toLong(h, 8);
    }

    private static long toLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
