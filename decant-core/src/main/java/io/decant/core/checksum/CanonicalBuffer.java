package io.decant.core.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte buffer that canonical fields are written into directly, without an intermediate
 * array per value. A field is a tag, a 4-byte length and its bytes: {@link #begin} writes the tag and
 * reserves the length, {@link #end} fills it in once the bytes are written. Not thread-safe.
 */
public final class CanonicalBuffer {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    byte[] bytes = new byte[256];
    int size;

    /** The bytes written so far are {@code array()[0..size())}; the array changes when it grows. */
    public byte[] array() {
        return bytes;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Starts a field; returns its start, for {@link #end}. */
    public int begin(byte tag) {
        ensure(5);
        int start = size;
        bytes[start] = tag;
        size = start + 5;
        return start;
    }

    /** Ends the field that {@link #begin} started at {@code start}, writing its length. */
    public void end(int start) {
        INT.set(bytes, start + 1, size - start - 5);
    }

    /** A whole field from an array, as {@code begin}, the bytes, {@code end}. */
    public void field(byte tag, byte[] b, int off, int len) {
        ensure(5 + len);
        bytes[size] = tag;
        INT.set(bytes, size + 1, len);
        System.arraycopy(b, off, bytes, size + 5, len);
        size += 5 + len;
    }

    public void putByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void putInt(int v) {
        ensure(4);
        INT.set(bytes, size, v);
        size += 4;
    }

    public void putLong(long v) {
        ensure(8);
        LONG.set(bytes, size, v);
        size += 8;
    }

    public void putBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /**
     * The UTF-8 bytes of {@code s}, exactly as {@code s.getBytes(UTF_8)} gives them (an unpaired
     * surrogate becomes {@code '?'}), without allocating.
     */
    public void putUtf8(String s) {
        int n = s.length();
        ensure(3 * n);
        byte[] b = bytes;
        int p = size;
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[p++] = (byte) c;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                char d;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(d = s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, d);
                    i++;
                    b[p++] = (byte) (0xf0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[p++] = (byte) (0x80 | cp & 0x3f);
                } else {
                    b[p++] = '?';
                }
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        size = p;
    }

    /** Bytes already encoded elsewhere (whole fields), as they are. */
    public void append(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    /** A copy of {@code [from, to)}. */
    public byte[] copy(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
