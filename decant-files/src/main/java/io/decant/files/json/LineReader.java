package io.decant.files.json;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a byte stream into lines at {@code '\n'} (a byte that never occurs inside a multi-byte
 * UTF-8 sequence, so lines can be cut before decoding). The line is the bytes without the
 * {@code '\n'}; a last line without one is returned too.
 *
 * <p>A line is handed out in place, as a range of the read buffer ({@link #array()},
 * {@link #start()}, {@link #end()}), valid until the next call to {@link #next()}; only a line that
 * runs past the end of the buffer moves (to the buffer's start, which grows for a line longer than it).
 */
final class LineReader {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final int SIZE = 1 << 16;

    private final InputStream in;
    private byte[] buf = new byte[SIZE];
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    /** How far the unread bytes moved toward the buffer's start in the last {@link #fill()}. */
    private int fillShift;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        int scanned = pos;
        while (true) {
            int nl = indexOfNewline(buf, scanned, limit);
            if (nl >= 0) {
                start = pos;
                end = nl;
                pos = nl + 1;
                return true;
            }
            scanned = limit;
            if (eof || !fill()) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    pos = limit;
                    return true;
                }
                return false;
            }
            scanned -= fillShift;
        }
    }

    /** The buffer holding the current line. */
    byte[] array() {
        return buf;
    }

    /** Where the current line starts in {@link #array()}. */
    int start() {
        return start;
    }

    /** Where the current line ends in {@link #array()} (the index of its {@code '\n'}, or the end of the data). */
    int end() {
        return end;
    }

    int length() {
        return end - start;
    }

    /** Whether the line holds nothing but JSON whitespace. */
    boolean blank() {
        byte[] line = buf;
        for (int i = start; i < end; i++) {
            byte c = line[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the next line starts in {@link #array()}: the bytes read so far run to {@link #limit()},
     * which may end inside the line. For a caller that finds the line's {@code '\n'} itself while
     * reading it (see {@link #take}), so the line is not scanned twice.
     */
    int nextStart() {
        return pos;
    }

    /** The end of the bytes read into {@link #array()} so far. */
    int limit() {
        return limit;
    }

    /**
     * Makes the line from {@link #nextStart()} to {@code newline} (the index of a {@code '\n'} the
     * caller found, no earlier one between) the current line, as {@link #next()} would have.
     */
    void take(int newline) {
        start = pos;
        end = newline;
        pos = newline + 1;
    }

    /** Keeps the unread bytes {@code [pos, limit)}, moved to the buffer's start, and reads more after them. */
    private boolean fill() throws IOException {
        fillShift = pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        } else if (limit == buf.length) {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n;
        do {
            n = in.read(buf, limit, buf.length - limit);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** The index of the first {@code '\n'} in {@code b[from, to)}, or -1; eight bytes at a time. */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                // the lowest flagged byte is always a true match (false positives only sit above one)
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
