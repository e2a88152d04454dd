package io.decant.core.transform;

import io.decant.core.type.Bytes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * How text and bytes relate in a column whose values the application stored as the other kind (SQLite
 * applications keep base64 or plain text in BLOB columns and bytes in TEXT columns): the text is the
 * encoding of the bytes. The same relation serves both directions, so {@code cast: {type: bytes,
 * encoding: base64}} decodes base64 text and {@code cast: {type: text, encoding: base64}} writes it.
 * Each direction is strict: text that is not valid base64 or hex, a character beyond U+00FF in
 * latin1, bytes that are not UTF-8 are refused, never replaced.
 */
public enum ByteEncoding {
    /** Text is the bytes decoded as UTF-8; bytes that are not UTF-8 are refused. */
    UTF8,
    /** Text is standard base64 (RFC 4648, with padding); whitespace and the URL alphabet are refused. */
    BASE64,
    /** Text is two hex digits per byte, either case when read, lower case when written. */
    HEX,
    /** Text is one character per byte, U+0000 to U+00FF (ISO 8859-1). */
    LATIN1;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Text -> bytes under this encoding. */
    public Converter decoder() {
        String rule = "text -> bytes (" + spelling() + ")";
        return switch (this) {
            case UTF8 -> v -> Bytes.wrap(((String) v).getBytes(StandardCharsets.UTF_8));
            case BASE64 -> v -> {
                String t = (String) v;
                try {
                    if (t.length() % 4 != 0) {
                        throw new IllegalArgumentException("unpadded");
                    }
                    return Bytes.wrap(Base64.getDecoder().decode(t));
                } catch (IllegalArgumentException e) {
                    throw ConversionException.invalid(rule + ": standard base64 with padding", "not base64");
                }
            };
            case HEX -> v -> hex((String) v, rule);
            case LATIN1 -> v -> {
                String s = (String) v;
                byte[] out = new byte[s.length()];
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c > 0xFF) {
                        throw ConversionException.invalid(rule + ": characters U+0000 to U+00FF only",
                                String.format(Locale.ROOT, "character U+%04X at %d is not latin1", (int) c, i));
                    }
                    out[i] = (byte) c;
                }
                return Bytes.wrap(out);
            };
        };
    }

    /** Bytes -> text under this encoding. */
    public Converter encoder() {
        return switch (this) {
            case UTF8 -> v -> utf8(((Bytes) v).unsafeArray(), "bytes -> text (utf8)");
            case BASE64 -> v -> ((Bytes) v).base64();
            case HEX -> v -> {
                byte[] b = ((Bytes) v).unsafeArray();
                char[] out = new char[b.length * 2];
                for (int i = 0; i < b.length; i++) {
                    out[2 * i] = Character.forDigit((b[i] >> 4) & 0xF, 16);
                    out[2 * i + 1] = Character.forDigit(b[i] & 0xF, 16);
                }
                return new String(out);
            };
            case LATIN1 -> v -> new String(((Bytes) v).unsafeArray(), StandardCharsets.ISO_8859_1);
        };
    }

    /** Strict UTF-8 decoding: malformed input is refused, never replaced with U+FFFD. */
    public static String utf8(byte[] b, String rule) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = d.decode(ByteBuffer.wrap(b));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw ConversionException.invalid(rule + ": UTF-8 only", "bytes that are not UTF-8 text");
        }
    }

    private static Bytes hex(String s, String rule) {
        if (s.length() % 2 != 0) {
            throw ConversionException.invalid(rule + ": two hex digits per byte", "an odd number of hex digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(2 * i) > 'f' || s.charAt(2 * i + 1) > 'f') {
                throw ConversionException.invalid(rule + ": two hex digits per byte", "not a hex digit at " + (hi < 0 ? 2 * i : 2 * i + 1));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return Bytes.wrap(out);
    }
}
