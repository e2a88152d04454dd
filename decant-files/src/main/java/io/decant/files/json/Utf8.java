package io.decant.files.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Well-formed UTF-8 as the JDK's reporting decoder defines it (Unicode's table 3-7): no overlong
 * forms, no encoded surrogates, nothing past U+10FFFF, no stray continuation bytes. For the bytes
 * the fast path reads without a {@link java.nio.charset.CharsetDecoder}; anything it calls invalid
 * goes to the strict path, which finds and words the error.
 */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private Utf8() {
    }

    /** How many bytes from {@code from} (up to {@code to}) are ASCII; eight at a time. */
    static int asciiPrefix(byte[] a, int from, int to) {
        int i = from;
        while (i + 8 <= to && ((long) LONGS.get(a, i) & HIGHS) == 0) {
            i += 8;
        }
        while (i < to && a[i] >= 0) {
            i++;
        }
        return i - from;
    }

    /** The number of {@code '\n'} bytes in {@code a[from, to)}; eight at a time, exactly (no carries between bytes). */
    static int countNewlines(byte[] a, int from, int to) {
        int count = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(a, i) ^ NEWLINES;
            // a byte's high bit ends up set exactly when the byte was '\n' (is zero after the xor)
            long zero = ~(((x & LOWS) + LOWS) | x | LOWS);
            count += Long.bitCount(zero);
        }
        for (; i < to; i++) {
            if (a[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Whether {@code a[from, to)} is well-formed UTF-8. */
    static boolean valid(byte[] a, int from, int to) {
        int i = from;
        while (i < to) {
            int c = a[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            if (c < 0xC2) {
                return false;  // a continuation byte, or an overlong two-byte lead
            }
            if (c < 0xE0) {
                if (i + 1 >= to || !continuation(a[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= to) {
                    return false;
                }
                int c1 = a[i + 1] & 0xff;
                boolean ok = c == 0xE0 ? c1 >= 0xA0 && c1 <= 0xBF : c == 0xED ? c1 >= 0x80 && c1 <= 0x9F : continuation(a[i + 1]);
                if (!ok || !continuation(a[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= to) {
                    return false;
                }
                int c1 = a[i + 1] & 0xff;
                boolean ok = c == 0xF0 ? c1 >= 0x90 && c1 <= 0xBF : c == 0xF4 ? c1 >= 0x80 && c1 <= 0x8F : continuation(a[i + 1]);
                if (!ok || !continuation(a[i + 2]) || !continuation(a[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** The length of the sequence a lead byte starts (of well-formed UTF-8). */
    static int sequenceLength(byte lead) {
        int c = lead & 0xff;
        return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }

    /** Decodes the (well-formed) multi-byte sequence at {@code a[i]} into {@code out[n..]}; the new {@code n}. */
    static int decodeOne(byte[] a, int i, char[] out, int n) {
        int c = a[i] & 0xff;
        if (c < 0xE0) {
            out[n++] = (char) (((c & 0x1F) << 6) | (a[i + 1] & 0x3F));
        } else if (c < 0xF0) {
            out[n++] = (char) (((c & 0x0F) << 12) | ((a[i + 1] & 0x3F) << 6) | (a[i + 2] & 0x3F));
        } else {
            int cp = ((c & 0x07) << 18) | ((a[i + 1] & 0x3F) << 12) | ((a[i + 2] & 0x3F) << 6) | (a[i + 3] & 0x3F);
            out[n++] = Character.highSurrogate(cp);
            out[n++] = Character.lowSurrogate(cp);
        }
        return n;
    }

    /** Decodes well-formed {@code a[from, to)} into {@code out} (at least {@code to - from} long); the number of chars. */
    static int decode(byte[] a, int from, int to, char[] out) {
        int n = 0;
        int i = from;
        while (i < to) {
            byte c = a[i];
            if (c >= 0) {
                out[n++] = (char) c;
                i++;
            } else {
                n = decodeOne(a, i, out, n);
                i += sequenceLength(c);
            }
        }
        return n;
    }
}
