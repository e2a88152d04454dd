package io.decant.files.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import io.decant.core.util.Jackson;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fast path's JSON tokens, read from a line's UTF-8 bytes at a position: whitespace, literals,
 * strings and numbers (kept as offsets into the line until a decoder asks for their value), values
 * skipped with their grammar checked. Whatever it does not handle, or finds wrong, gives up
 * ({@link #GIVE_UP}) and the line goes the strict path. {@link LineDecoder} adds the row object and
 * its keys; the column decoders ({@link ByteDecoders}) read their values with these methods.
 *
 * <p>Why one class of about 530 lines: the methods share the line, the position and the last
 * token's bounds as fields of one object, which the row loop's innermost calls read and write; the
 * scanning of strings and numbers word by word is one piece that {@code FastPathTest} checks
 * against Jackson as a whole.
 */
abstract class JsonTokens {
    /** Ends the fast path for this line; one instance, no stack trace. */
    static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private GiveUp() {
            super("the fast path gives up on this line", null, false, false);
        }
    }

    static final GiveUp GIVE_UP = new GiveUp();

    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    /** Deeper JSON than this goes the strict path (Jackson allows 10,000 levels). */
    private static final int MAX_DEPTH = 256;
    /** Longer number text than this goes the strict path (Jackson refuses past 10,000 characters). */
    private static final int MAX_NUMBER = 1000;

    // the line being decoded: b[p, end)
    byte[] b;
    int p;
    int end;
    // the last string token, between its quotes: b[sStart, sEnd)
    int sStart;
    int sEnd;
    boolean sEscaped;
    boolean sAscii;
    // the last number token: b[nStart, nEnd); integer digits end at nIntEnd; nFracEnd == nIntEnd without a fraction
    int nStart;
    int nEnd;
    int nIntEnd;
    int nFracEnd;
    boolean nInteger;
    private char[] chars = new char[256];
    private byte[] compact = new byte[256];

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** Whether {@code a} holds {@code key} at {@code from} (a plain loop: keys are short, where Arrays.equals costs more to set up). */
    static boolean same(byte[] a, int from, byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (a[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Skips JSON whitespace (a line holds no {@code '\n'}). */
    void ws() {
        int i = p;
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            i++;
        }
        p = i;
    }

    byte peek() {
        if (p >= end) {
            throw GIVE_UP;
        }
        return b[p];
    }

    void expect(char c) {
        if (p >= end || b[p] != c) {
            throw GIVE_UP;
        }
        p++;
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int NULL_WORD = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;

    void nullLiteral() {
        if (p + 4 > end || (int) INTS.get(b, p) != NULL_WORD) {
            throw GIVE_UP;
        }
        p += 4;
    }

    void literal(byte[] lit) {
        int n = lit.length;
        if (p + n > end || !same(b, p, lit)) {
            throw GIVE_UP;
        }
        p += n;
    }

    /**
     * Scans the string at {@code p} (its opening quote) to just past its closing quote: its
     * content is {@code b[sStart, sEnd)}. Escapes are checked (only JSON's nine), control
     * characters refused, and non-ASCII bytes checked to be UTF-8.
     */
    void string() {
        int i = p + 1;
        int stop = end;
        byte[] a = b;
        boolean escaped = false;
        boolean ascii = true;
        // eight bytes at a time up to the first one that is not plain (printable ASCII, neither '"' nor '\\'),
        // then byte by byte from exactly there. Words may reach past the line's end into the rest of
        // the buffer: a byte found there counts only as "the line ended inside the string".
        int words = a.length - 8;
        while (i <= words) {
            long x = (long) LONGS.get(a, i);
            long quote = x ^ QUOTES;
            long backslash = x ^ BACKSLASHES;
            long special = (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((x - SPACES) & ~x) | x) & HIGHS;
            if (special != 0) {
                // each term flags its lowest matching byte exactly (a borrow only runs upward), so the
                // lowest flag of the four is the first byte that is not plain
                i += Long.numberOfTrailingZeros(special) >>> 3;
                break;
            }
            i += 8;
        }
        while (true) {
            if (i >= stop) {
                throw GIVE_UP;
            }
            byte c = a[i];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                if (i + 1 >= stop) {
                    throw GIVE_UP;
                }
                switch (a[i + 1]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
                    case 'u' -> {
                        if (i + 6 > stop || hex(a[i + 2]) < 0 || hex(a[i + 3]) < 0 || hex(a[i + 4]) < 0 || hex(a[i + 5]) < 0) {
                            throw GIVE_UP;
                        }
                        i += 6;
                    }
                    default -> throw GIVE_UP;
                }
                continue;
            }
            if (c < 0x20) {
                if (c >= 0) {
                    throw GIVE_UP;  // an unescaped control character
                }
                ascii = false;
            }
            i++;
        }
        sStart = p + 1;
        sEnd = i;
        sEscaped = escaped;
        sAscii = ascii;
        p = i + 1;
        if (!ascii && !Utf8.valid(a, sStart, sEnd)) {
            throw GIVE_UP;
        }
    }

    static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The last string token's value, as Jackson gives it. */
    String stringValue() {
        int len = sEnd - sStart;
        if (!sEscaped) {
            return new String(b, sStart, len, sAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        char[] out = chars;
        byte[] a = b;
        int n = 0;
        int i = sStart;
        int stop = sEnd;
        while (i < stop) {
            byte c = a[i];
            if (c == '\\') {
                byte e = a[i + 1];
                switch (e) {
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        out[n++] = (char) (hex(a[i + 2]) << 12 | hex(a[i + 3]) << 8 | hex(a[i + 4]) << 4 | hex(a[i + 5]));
                        i += 4;
                    }
                    default -> out[n++] = (char) e;  // '"', '\\', '/'
                }
                i += 2;
            } else if (c >= 0) {
                out[n++] = (char) c;
                i++;
            } else {
                n = Utf8.decodeOne(a, i, out, n);
                i += Utf8.sequenceLength(c);
            }
        }
        return new String(out, 0, n);
    }

    /** The end of the run of one or more digits at {@code a[i]}; gives up when there is none. */
    private static int digits(byte[] a, int i, int stop) {
        int from = i;
        while (i < stop && a[i] >= '0' && a[i] <= '9') {
            i++;
        }
        if (i == from) {
            throw GIVE_UP;
        }
        return i;
    }

    /**
     * Scans the number at {@code p} to its end, by JSON's grammar:
     * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}.
     */
    void number() {
        int i = p;
        int stop = end;
        byte[] a = b;
        if (i < stop && a[i] == '-') {
            i++;
        }
        if (i >= stop) {
            throw GIVE_UP;
        }
        byte c = a[i];
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            i++;
            while (i < stop && (c = a[i]) >= '0' && c <= '9') {
                i++;
            }
        } else {
            throw GIVE_UP;
        }
        int intEnd = i;
        int fracEnd = i;
        boolean integer = true;
        if (i < stop && a[i] == '.') {
            i = digits(a, i + 1, stop);
            fracEnd = i;
            integer = false;
        }
        if (i < stop && (a[i] == 'e' || a[i] == 'E')) {
            i++;
            if (i < stop && (a[i] == '+' || a[i] == '-')) {
                i++;
            }
            i = digits(a, i, stop);
            integer = false;
        }
        if (i - p > MAX_NUMBER) {
            throw GIVE_UP;
        }
        nStart = p;
        nEnd = i;
        nIntEnd = intEnd;
        nFracEnd = fracEnd;
        nInteger = integer;
        p = i;
    }

    /** The last number token's text. */
    String numberText() {
        return new String(b, nStart, nEnd - nStart, StandardCharsets.ISO_8859_1);
    }

    /** The last number token, an integer of at most 18 digits, as a long; else gives up. */
    long smallLong() {
        int i = nStart;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (!nInteger || nEnd - i > 18) {
            throw GIVE_UP;
        }
        long v = 0;
        for (; i < nEnd; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return negative ? -v : v;
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * The last number token as {@link Double#parseDouble} reads it. Up to 15 significant digits and
     * a power of ten up to 22, both the digits and the power are exact doubles, so one multiplication
     * or division, rounded once, is the correctly rounded value (Clinger's fast path, which
     * {@code parseDouble} takes for them too); anything else goes to {@link #longDouble}.
     */
    double doubleValue() {
        byte[] a = b;
        int i = nStart;
        boolean negative = a[i] == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int significant = 0;
        int scale = 0;
        for (; i < nIntEnd; i++) {
            int d = a[i] - '0';
            if (significant > 0 || d != 0) {
                digits = digits * 10 + d;
                significant++;
            }
        }
        for (i = nIntEnd + 1; i < nFracEnd; i++) {
            int d = a[i] - '0';
            if (significant > 0 || d != 0) {
                digits = digits * 10 + d;
                significant++;
            }
            scale++;
        }
        if (significant > 15) {
            return longDouble();
        }
        int exponent = 0;
        if (nFracEnd < nEnd) {
            i = nFracEnd + 1;
            boolean negativeExponent = a[i] == '-';
            if (a[i] == '-' || a[i] == '+') {
                i++;
            }
            if (nEnd - i > 3) {
                return longDouble();
            }
            for (; i < nEnd; i++) {
                exponent = exponent * 10 + (a[i] - '0');
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (digits == 0) {
            return negative ? -0.0 : 0.0;
        }
        int q = exponent - scale;
        double v;
        if (q == 0) {
            v = digits;
        } else if (q > 0 && q <= 22) {
            v = (double) digits * POWERS_OF_TEN[q];
        } else if (q < 0 && q >= -22) {
            v = (double) digits / POWERS_OF_TEN[-q];
        } else {
            return longDouble();
        }
        return negative ? -v : v;
    }

    /**
     * A number past the fast path: Jackson's port of FastDoubleParser (Eisel-Lemire, with an exact
     * fallback), which gives the correctly rounded double as {@link Double#parseDouble} does, several
     * times faster for the 16- and 17-digit shortest forms that every exported double has.
     */
    private double longDouble() {
        int len = nEnd - nStart;
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        for (int i = 0; i < len; i++) {
            chars[i] = (char) b[nStart + i];
        }
        return NumberInput.parseDouble(chars, 0, len, true);
    }

    /** Skips one JSON value of any kind at {@code p}, checking its grammar. */
    void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw GIVE_UP;
        }
        byte c = peek();
        switch (c) {
            case '"' -> string();
            case '{' -> {
                p++;
                ws();
                if (peek() == '}') {
                    p++;
                    return;
                }
                do {
                    if (peek() != '"') {
                        throw GIVE_UP;
                    }
                    string();
                    ws();
                    expect(':');
                    ws();
                    skipValue(depth + 1);
                } while (another('}'));
            }
            case '[' -> {
                p++;
                ws();
                if (peek() == ']') {
                    p++;
                    return;
                }
                do {
                    skipValue(depth + 1);
                } while (another(']'));
            }
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> number();
        }
    }

    /** After a member or element: true at a comma (and the blanks after it), false at {@code close}; else gives up. */
    private boolean another(char close) {
        ws();
        byte d = peek();
        p++;
        if (d == ',') {
            ws();
            return true;
        }
        if (d == close) {
            return false;
        }
        throw GIVE_UP;
    }

    /**
     * The JSON text {@code b[from, to)} (already checked by {@link #skipValue}) without the
     * whitespace between its tokens, or null if it holds a backslash anywhere.
     */
    String compactWithoutEscapes(int from, int to) {
        byte[] a = b;
        byte[] out = compact;
        if (out.length < to - from) {
            out = compact = new byte[Math.max(to - from, out.length * 2)];
        }
        int n = 0;
        boolean ascii = true;
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte c = a[i];
            if (c == '\\') {
                return null;
            }
            if (c == '"') {
                inString = !inString;
            } else if (!inString && (c == ' ' || c == '\t' || c == '\r')) {
                continue;
            }
            ascii &= c >= 0;
            out[n++] = c;
        }
        return new String(out, 0, n, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * Reads the value at {@code p} with a column's strict {@link ValueDecoder} through a Jackson
     * parser over just that value: for the types the fast path has no byte decoder for (JSON,
     * arrays), with exactly the strict path's result.
     */
    Object viaParser(ValueDecoder decoder) throws IOException {
        int from = p;
        skipValue(0);
        int len = p - from;
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        int n = Utf8.decode(b, from, p, chars);
        try (JsonParser jp = Jackson.DATA.createParser(chars, 0, n)) {
            JsonToken t = jp.nextToken();
            Object v = decoder.read(jp, t);
            if (jp.nextToken() != null) {
                throw GIVE_UP;
            }
            return v;
        }
    }
}
