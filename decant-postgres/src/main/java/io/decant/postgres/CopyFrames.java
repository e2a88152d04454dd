package io.decant.postgres;

import java.sql.SQLException;
import org.postgresql.copy.CopyOut;

/**
 * Splits the byte stream of a binary COPY TO into rows and fields without copying them. pgjdbc
 * hands over one CopyData message at a time; the server sends one row per message (the header
 * rides on the first), so a row is normally read in place. Should a row span messages (another
 * server, a proxy) its pieces are joined first: a row is always contiguous when it is decoded.
 * After {@link #nextRow()} field {@code i} is {@code buffer()[offsets()[i] ..+ lengths()[i]]}, or
 * NULL when its length is -1.
 */
final class CopyFrames {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    /** The stream is not binary COPY as PostgreSQL writes it: a bug or an incompatible server, not a data error. */
    static final class BadFrame extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadFrame(String message) {
            super(message);
        }
    }

    private final CopyOut copy;
    private final int fields;
    private final int[] offsets;
    private final int[] lengths;
    private byte[] buf = new byte[0];
    private int pos;
    private int limit;
    private boolean ended;

    CopyFrames(CopyOut copy, int fields) {
        this.copy = copy;
        this.fields = fields;
        this.offsets = new int[fields];
        this.lengths = new int[fields];
    }

    byte[] buffer() {
        return buf;
    }

    int[] offsets() {
        return offsets;
    }

    int[] lengths() {
        return lengths;
    }

    void readHeader() throws SQLException {
        if (!fill(SIGNATURE.length + 8)) {
            throw new BadFrame("COPY ended before its header");
        }
        for (int k = 0; k < SIGNATURE.length; k++) {
            if (buf[pos + k] != SIGNATURE[k]) {
                throw new BadFrame("not a binary COPY signature");
            }
        }
        int flags = BinaryDecoders.i32(buf, pos + SIGNATURE.length);
        if ((flags & 0xFFFF0000) != 0) {
            // bit 16 is OIDs included; the upper half is reserved for flags a reader must understand
            throw new BadFrame("binary COPY flags " + Integer.toHexString(flags) + " are not supported");
        }
        int extension = BinaryDecoders.i32(buf, pos + SIGNATURE.length + 4);
        int skip = SIGNATURE.length + 8 + extension;
        if (extension < 0 || !fill(skip)) {
            throw new BadFrame("bad binary COPY header extension");
        }
        pos += skip;
    }

    /** Frames the next row; false at the trailer, after which the COPY has been read to its end. */
    boolean nextRow() throws SQLException {
        if (ended) {
            return false;
        }
        if (!fill(2)) {
            throw new BadFrame("COPY ended without its trailer");
        }
        int count = (short) BinaryDecoders.u16(buf, pos);
        if (count == -1) {
            pos += 2;
            ended = true;
            // Read to the end so that the COPY completes and the transaction can be committed.
            while (copy.readFromCopy() != null) {
                // nothing may follow the trailer; PostgreSQL sends none
            }
            return false;
        }
        if (count != fields) {
            throw new BadFrame("a row of " + count + " fields where " + fields + " were selected");
        }
        int rel = 2;
        for (int i = 0; i < fields; i++) {
            if (!fill(rel + 4)) {
                throw new BadFrame("COPY ended inside a row");
            }
            int len = BinaryDecoders.i32(buf, pos + rel);
            rel += 4;
            if (len >= 0) {
                if (!fill(rel + len)) {
                    throw new BadFrame("COPY ended inside a row");
                }
            }
            // offsets are set after the loop: filling may move the row to a new array
            offsets[i] = rel;
            lengths[i] = len;
            rel += Math.max(len, 0);
        }
        for (int i = 0; i < fields; i++) {
            offsets[i] += pos;
        }
        pos += rel;
        return true;
    }

    /** Makes at least {@code n} bytes from {@code pos} available in {@code buf}, starting at {@code pos}. */
    private boolean fill(int n) throws SQLException {
        while (limit - pos < n) {
            byte[] next = copy.readFromCopy();
            if (next == null) {
                return false;
            }
            if (pos == limit) {
                buf = next;
                pos = 0;
                limit = next.length;
            } else {
                int rest = limit - pos;
                byte[] joined = new byte[rest + next.length];
                System.arraycopy(buf, pos, joined, 0, rest);
                System.arraycopy(next, 0, joined, rest, next.length);
                buf = joined;
                pos = 0;
                limit = joined.length;
            }
        }
        return true;
    }
}
