package io.decant.files.json;

import static io.decant.files.json.LineDecoder.GIVE_UP;

import io.decant.core.transform.FastTemporal;
import io.decant.core.transform.TextParsers;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.UUID;

/**
 * The fast path's decoders, one per logical type, each giving exactly what the matching
 * {@link ValueDecoders} decoder gives for the same JSON, straight from the bytes: numbers without
 * a string where the value fits a long (doubles of up to 15 digits by the exact division that
 * {@link Double#parseDouble} also uses for them), decimals of up to 18 digits without a
 * {@link BigDecimal} parse, base64 and UUIDs decoded from the bytes, compact JSON taken as it is. Forms they do not handle
 * themselves (an escaped string, an exponent, a long digit string) go through the same text
 * parser the strict decoder uses; a JSON type the column does not take gives up.
 */
final class ByteDecoders {
    private static final byte[] NAN = {'N', 'a', 'N'};
    private static final byte[] INFINITY = {'I', 'n', 'f', 'i', 'n', 'i', 't', 'y'};
    private static final byte[] MINUS_INFINITY = {'-', 'I', 'n', 'f', 'i', 'n', 'i', 't', 'y'};

    private ByteDecoders() {
    }

    /** The decoder for {@code type}; {@code strict} is the column's {@link ValueDecoders} decoder, for JSON and arrays. */
    static ByteDecoder forType(LogicalType type, ValueDecoder strict) {
        return switch (type.kind()) {
            case BOOLEAN -> ByteDecoders::bool;
            case INT16 -> in -> (short) integer(in, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> in -> (int) integer(in, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> ByteDecoders::int64;
            case DECIMAL -> ByteDecoders::decimal;
            case FLOAT32 -> ByteDecoders::float32;
            case FLOAT64 -> ByteDecoders::float64;
            case TEXT -> ByteDecoders::text;
            case BYTES -> ByteDecoders::bytes;
            case UUID -> ByteDecoders::uuid;
            case DATE -> in -> FastTemporal.parseIsoDate(text(in));
            case TIME -> in -> FastTemporal.parseIsoTime(text(in));
            case TIMESTAMP -> in -> FastTemporal.parseIsoTimestamp(text(in));
            case TIMESTAMPTZ -> in -> FastTemporal.parseIsoInstant(text(in));
            case JSON -> json(strict);
            case ARRAY -> viaParser(strict);
        };
    }

    /**
     * A JSON value as {@link JsonCopy#toText} gives it (compact, numbers as written, strings as
     * Jackson's generator escapes them): a value without a single escape is exactly its own text
     * less the whitespace between tokens (PostgreSQL writes jsonb with a space after each colon and
     * comma), so it is taken so; a value with an escape goes through the strict decoder.
     */
    private static ByteDecoder json(ValueDecoder strict) {
        return in -> {
            int from = in.p;
            in.skipValue(0);
            String compact = in.compactWithoutEscapes(from, in.p);
            if (compact != null) {
                return JsonText.trusted(compact);
            }
            in.p = from;
            return in.viaParser(strict);
        };
    }

    /** For a column read {@code as_text}: a string as it is, anything else through the strict decoder. */
    static ByteDecoder asText(ValueDecoder strict) {
        return in -> in.peek() == '"' ? text(in) : in.viaParser(strict);
    }

    /** Any value through the strict decoder, on a Jackson parser over just the value's text. */
    static ByteDecoder viaParser(ValueDecoder strict) {
        return in -> in.viaParser(strict);
    }

    private static Object bool(LineDecoder in) {
        byte c = in.peek();
        if (c == 't') {
            in.literal(LineDecoder.TRUE);
            return Boolean.TRUE;
        }
        if (c == 'f') {
            in.literal(LineDecoder.FALSE);
            return Boolean.FALSE;
        }
        throw GIVE_UP;
    }

    private static long integer(LineDecoder in, long min, long max) {
        in.number();
        long v = in.smallLong();
        if (v < min || v > max) {
            throw GIVE_UP;
        }
        return v;
    }

    private static Object int64(LineDecoder in) {
        if (in.peek() == '"') {
            in.string();
            return TextParsers.parseLong(in.stringValue());
        }
        in.number();
        if (!in.nInteger) {
            throw GIVE_UP;
        }
        if (in.nEnd - in.nStart <= 18) {
            return in.smallLong();
        }
        return Long.parseLong(in.numberText());  // beyond 64 bits: NumberFormatException, the strict path's range error
    }

    private static Object decimal(LineDecoder in) {
        if (in.peek() == '"') {
            in.string();
            if (!in.sEscaped) {
                BigDecimal d = plainDecimal(in.b, in.sStart, in.sEnd);
                if (d != null) {
                    return d;
                }
            }
            return TextParsers.parseDecimal(in.stringValue());
        }
        in.number();
        BigDecimal d = plainDecimal(in.b, in.nStart, in.nEnd);
        return d != null ? d : new BigDecimal(in.numberText());
    }

    /**
     * {@code -?[0-9]+(\.[0-9]+)?} of at most 18 digits as the {@link BigDecimal} that
     * {@code new BigDecimal(text)} gives (same unscaled value and scale), or null for any other text.
     */
    static BigDecimal plainDecimal(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        int intStart = i;
        byte c;
        while (i < to && (c = b[i]) >= '0' && c <= '9') {
            unscaled = unscaled * 10 + (c - '0');
            i++;
        }
        digits = i - intStart;
        if (digits == 0) {
            return null;
        }
        if (i < to && b[i] == '.') {
            i++;
            int fracStart = i;
            while (i < to && (c = b[i]) >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                i++;
            }
            scale = i - fracStart;
            if (scale == 0) {
                return null;
            }
            digits += scale;
        }
        if (i != to || digits > 18) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    private static Object float64(LineDecoder in) {
        if (in.peek() == '"') {
            return nonFinite(in);
        }
        in.number();
        if (in.nInteger && in.nEnd - in.nStart > 15) {
            // an integer is taken only where a double holds it exactly
            String text = in.numberText();
            double d = Double.parseDouble(text);
            if (Double.isInfinite(d) || new BigDecimal(d).compareTo(new BigDecimal(text)) != 0) {
                throw GIVE_UP;
            }
            return d;
        }
        return in.doubleValue();
    }

    private static Object float32(LineDecoder in) {
        if (in.peek() == '"') {
            return (float) nonFinite(in);
        }
        in.number();
        String text = in.numberText();
        float f = Float.parseFloat(text);
        if (in.nInteger && text.length() > 7
                && (Float.isInfinite(f) || new BigDecimal((double) f).compareTo(new BigDecimal(text)) != 0)) {
            throw GIVE_UP;
        }
        return f;
    }

    private static double nonFinite(LineDecoder in) {
        in.string();
        if (!in.sEscaped) {
            if (is(in, NAN)) {
                return Double.NaN;
            }
            if (is(in, INFINITY)) {
                return Double.POSITIVE_INFINITY;
            }
            if (is(in, MINUS_INFINITY)) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        throw GIVE_UP;
    }

    private static boolean is(LineDecoder in, byte[] text) {
        return java.util.Arrays.equals(in.b, in.sStart, in.sEnd, text, 0, text.length);
    }

    private static String text(LineDecoder in) {
        if (in.peek() != '"') {
            throw GIVE_UP;
        }
        in.string();
        return in.stringValue();
    }

    private static Object bytes(LineDecoder in) {
        if (in.peek() != '"') {
            throw GIVE_UP;
        }
        in.string();
        if (!in.sEscaped && in.sAscii) {
            byte[] out = base64(in.b, in.sStart, in.sEnd);
            if (out != null) {
                return Bytes.wrap(out);
            }
        }
        return Bytes.wrap(Base64.getDecoder().decode(in.stringValue()));
    }

    private static final int[] BASE64 = new int[256];

    static {
        java.util.Arrays.fill(BASE64, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
    }

    /**
     * Padded base64 (RFC 4648's alphabet, length a multiple of 4, {@code =} only as the last one
     * or two characters) decoded as {@link Base64#getDecoder()} decodes it; null for any other
     * text, which then goes to that decoder.
     */
    static byte[] base64(byte[] b, int from, int to) {
        int len = to - from;
        if (len % 4 != 0) {
            return null;
        }
        if (len == 0) {
            return new byte[0];
        }
        int pad = b[to - 1] == '=' ? (b[to - 2] == '=' ? 2 : 1) : 0;
        byte[] out = new byte[len / 4 * 3 - pad];
        int o = 0;
        int full = to - 4;  // the last quantum is done on its own, for its padding
        int i = from;
        for (; i < full; i += 4) {
            int bits = BASE64[b[i] & 0xff] << 18 | BASE64[b[i + 1] & 0xff] << 12 | BASE64[b[i + 2] & 0xff] << 6 | BASE64[b[i + 3] & 0xff];
            if (bits < 0) {
                return null;
            }
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            o += 3;
        }
        int c0 = BASE64[b[i] & 0xff];
        int c1 = BASE64[b[i + 1] & 0xff];
        int c2 = pad == 2 ? 0 : BASE64[b[i + 2] & 0xff];
        int c3 = pad >= 1 ? 0 : BASE64[b[i + 3] & 0xff];
        if ((c0 | c1 | c2 | c3) < 0) {
            return null;
        }
        int bits = c0 << 18 | c1 << 12 | c2 << 6 | c3;
        out[o++] = (byte) (bits >> 16);
        if (pad < 2) {
            out[o++] = (byte) (bits >> 8);
        }
        if (pad < 1) {
            out[o] = (byte) bits;
        }
        return out;
    }

    private static Object uuid(LineDecoder in) {
        if (in.peek() != '"') {
            throw GIVE_UP;
        }
        in.string();
        if (!in.sEscaped && in.sEnd - in.sStart == 36) {
            UUID u = uuid(in.b, in.sStart);
            if (u != null) {
                return u;
            }
        }
        return TextParsers.parseUuid(in.stringValue());
    }

    /** The 8-4-4-4-12 hexadecimal form at {@code b[from, from + 36)} (either case), or null. */
    static UUID uuid(byte[] b, int from) {
        if (b[from + 8] != '-' || b[from + 13] != '-' || b[from + 18] != '-' || b[from + 23] != '-') {
            return null;
        }
        long a = hex(b, from, 8);
        long c = hex(b, from + 9, 4);
        long d = hex(b, from + 14, 4);
        long e = hex(b, from + 19, 4);
        long f = hex(b, from + 24, 12);
        if ((a | c | d | e | f) < 0) {
            return null;
        }
        return new UUID(a << 32 | c << 16 | d, e << 48 | f);
    }

    private static final int[] HEX = new int[256];

    static {
        java.util.Arrays.fill(HEX, -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = 10 + i;
            HEX['A' + i] = 10 + i;
        }
    }

    /** The {@code n} (at most 15) hexadecimal digits at {@code b[from]}, or -1 if one is not a digit. */
    private static long hex(byte[] b, int from, int n) {
        long v = 0;
        int bad = 0;
        for (int i = 0; i < n; i++) {
            int digit = HEX[b[from + i] & 0xff];
            bad |= digit;
            v = v << 4 | (digit & 0xf);
        }
        return bad < 0 ? -1 : v;
    }
}
