package io.decant.files;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines at {@code '\n'} (a byte that never occurs inside a multi-byte
 * UTF-8 sequence, so lines can be cut before decoding). The line is the bytes without the
 * {@code '\n'}; a last line without one is returned too.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] line = new byte[512];
    private int length;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    return any;
                }
            }
            any = true;
            int i = pos;
            byte[] b = buf;
            int lim = limit;
            while (i < lim && b[i] != '\n') {
                i++;
            }
            append(pos, i - pos);
            if (i < lim) {
                pos = i + 1;
                return true;
            }
            pos = lim;
        }
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** Whether the line holds nothing but JSON whitespace. */
    boolean blank() {
        for (int i = 0; i < length; i++) {
            byte c = line[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(int from, int n) {
        if (length + n > line.length) {
            byte[] bigger = new byte[Math.max(line.length * 2, length + n)];
            System.arraycopy(line, 0, bigger, 0, length);
            line = bigger;
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }
}
