package io.decant.postgres;

import io.decant.core.transform.ConversionException;
import java.util.Arrays;

/**
 * The bytes of binary COPY rows on their way to the server. Whole rows are collected and sent in
 * chunks of about {@link #FLUSH_AT} bytes, so a row is never split over two sends by accident and a
 * row that fails to encode can be dropped before any of it leaves. Big-endian, as COPY BINARY wants.
 */
final class CopyBuffer {
    static final int FLUSH_AT = 64 * 1024;
    static final String RULE_NUL = "PostgreSQL text cannot contain NUL (0x00)";

    private byte[] buf = new byte[FLUSH_AT + 8 * 1024];
    private int pos;

    int position() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    void reset(int position) {
        pos = position;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void writeByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void writeShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void writeInt(int v) {
        ensure(4);
        putInt(pos, v);
        pos += 4;
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    void writeLong(long v) {
        ensure(8);
        for (int s = 56; s >= 0; s -= 8) {
            buf[pos++] = (byte) (v >>> s);
        }
    }

    /** Reserves {@code n} bytes for {@link #putShort} to fill; returns where they start. */
    int skip(int n) {
        ensure(n);
        int at = pos;
        pos += n;
        return at;
    }

    void putShort(int at, int v) {
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** Reserves a length word; {@link #endLength} fills it with the bytes written since. */
    int beginLength() {
        writeInt(0);
        return pos;
    }

    void endLength(int start) {
        putInt(start - 4, pos - start);
    }

    /**
     * Writes {@code s} as UTF-8 without an intermediate byte array. NUL cannot be stored in
     * PostgreSQL text and a lone surrogate is not a character: both are data errors here rather than
     * a COPY failure later (or, for a surrogate, a silent '?' as String.getBytes would make).
     */
    void writeUtf8(String s) {
        int n = s.length();
        ensure(n * 3);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw ConversionException.invalid(RULE_NUL, "text contains NUL (0x00) at character " + i);
                }
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < n ? s.charAt(i + 1) : 0;
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                    throw ConversionException.invalid("text must be valid UTF-16", "unpaired surrogate at character " + i);
                }
                int cp = Character.toCodePoint(c, low);
                i++;
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        pos = p;
    }
}
