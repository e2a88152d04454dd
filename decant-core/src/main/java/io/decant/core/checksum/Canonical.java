package io.decant.core.checksum;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import io.decant.core.util.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The canonical byte form of a logical value: the same logical value gives the same bytes whichever
 * database it was read from. Numbers of every integer and decimal kind share one form (5, 5.0 and
 * 5.00 are the same number); floats keep their bit-level identity (so -0.0 and NaN survive);
 * JSON is compared by value with keys sorted (as jsonb stores it); instants by their epoch.
 * Each field is written as a tag, a length and the bytes, so field boundaries cannot collide.
 *
 * <p>The bytes are only ever compared with bytes made by this same class (within one run, or a
 * folder's manifest against a recomputation), so the layout may change as long as the meaning does
 * not. The encoders write straight into the row's buffer, with no array or string per value
 * (decimals of up to 18 digits make neither a BigInteger nor a string; only JSON, arrays and wider
 * decimals still do).
 * <ul>
 *   <li>number ({@code n}): the scale as a 4-byte int, then the unscaled value with its trailing zeros
 *       stripped (and the scale lowered to match; zero is 0 with scale 0), as an 8-byte long when it
 *       fits, else as its minimal two's-complement bytes (9 or more, so the two forms cannot meet)
 *   <li>float ({@code f}): the 8 bytes of {@link Double#doubleToLongBits} of the value as a double
 *       (a float widens exactly; every NaN is one NaN, as {@code Double.toString} had it)
 *   <li>text ({@code s}): UTF-8; JSON ({@code j}): the UTF-8 of {@link #json}; bytes ({@code x}) as they are
 *   <li>uuid ({@code u}): 16 bytes; date ({@code d}): epoch day, 8 bytes; time ({@code h}): nano of day,
 *       8 bytes; timestamp ({@code t}, read as UTC) and timestamptz ({@code z}): epoch second, 8 bytes,
 *       then nanos, 4 bytes
 *   <li>boolean ({@code b}): one byte; array ({@code a}): its elements' fields, NULL as tag 0
 * </ul>
 */
public final class Canonical {
    private static final JsonFactory JSON = Jackson.FACTORY;
    private static final byte NULL = 0;

    private Canonical() {
    }

    /** An encoder for one column, chosen once from its logical type: writes one whole field of a non-null value. */
    @FunctionalInterface
    public interface FieldEncoder {
        void encode(Object value, CanonicalBuffer out);
    }

    /** The field of a NULL: tag 0, no bytes. */
    public static void writeNull(CanonicalBuffer out) {
        out.end(out.begin(NULL));
    }

    public static FieldEncoder encoderFor(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (v, out) -> writeBoolean((Boolean) v, out);
            case INT16, INT32, INT64 -> (v, out) -> writeNumber(((Number) v).longValue(), 0, out);
            case DECIMAL -> (v, out) -> writeDecimal((BigDecimal) v, out);
            case FLOAT32 -> (v, out) -> writeFloat((double) (Float) v, out);
            case FLOAT64 -> (v, out) -> writeFloat((Double) v, out);
            case TEXT -> (v, out) -> {
                int f = out.begin((byte) 's');
                out.putUtf8((String) v);
                out.end(f);
            };
            case BYTES -> (v, out) -> {
                Bytes b = (Bytes) v;
                writeBytes(b.unsafeArray(), 0, b.length(), out);
            };
            case UUID -> (v, out) -> {
                UUID u = (UUID) v;
                writeUuid(u.getMostSignificantBits(), u.getLeastSignificantBits(), out);
            };
            case JSON -> (v, out) -> {
                int f = out.begin((byte) 'j');
                out.putUtf8(json(((JsonText) v).text()));
                out.end(f);
            };
            case DATE -> (v, out) -> writeDate(((LocalDate) v).toEpochDay(), out);
            case TIME -> (v, out) -> writeTime(((LocalTime) v).toNanoOfDay(), out);
            case TIMESTAMP -> (v, out) -> {
                LocalDateTime t = (LocalDateTime) v;
                writeTimestamp(t.toEpochSecond(ZoneOffset.UTC), t.getNano(), out);
            };
            case TIMESTAMPTZ -> (v, out) -> {
                Instant i = (Instant) v;
                writeTimestamptz(i.getEpochSecond(), i.getNano(), out);
            };
            case ARRAY -> arrayEncoder(type.element());
        };
    }

    // The field writers below are the only code that lays out a field: the encoders above use them, and so
    // does a reader that writes fields straight from its wire form (PostgreSQL's binary COPY for verify),
    // which therefore cannot lay them out differently.

    /** A boolean's field. */
    public static void writeBoolean(boolean v, CanonicalBuffer out) {
        int f = out.begin((byte) 'b');
        out.putByte(v ? 1 : 0);
        out.end(f);
    }

    /** A uuid's field, from its two halves. */
    public static void writeUuid(long mostSignificant, long leastSignificant, CanonicalBuffer out) {
        int f = out.begin((byte) 'u');
        out.putLong(mostSignificant);
        out.putLong(leastSignificant);
        out.end(f);
    }

    /** A bytes value's field. */
    public static void writeBytes(byte[] b, int off, int len, CanonicalBuffer out) {
        out.field((byte) 'x', b, off, len);
    }

    /**
     * A text value's field from its UTF-8 bytes, which must be well-formed UTF-8 (then they are what
     * {@link CanonicalBuffer#putUtf8} writes for the string they decode to); see {@link #isWellFormedUtf8}.
     */
    public static void writeUtf8Text(byte[] b, int off, int len, CanonicalBuffer out) {
        out.field((byte) 's', b, off, len);
    }

    /** A date's field, from its epoch day. */
    public static void writeDate(long epochDay, CanonicalBuffer out) {
        writeLong((byte) 'd', epochDay, out);
    }

    /** A time of day's field, from its nano of day. */
    public static void writeTime(long nanoOfDay, CanonicalBuffer out) {
        writeLong((byte) 'h', nanoOfDay, out);
    }

    /** A timestamp's field (its date and time read as UTC), from the epoch second and the nanos. */
    public static void writeTimestamp(long epochSecond, int nano, CanonicalBuffer out) {
        writeEpoch((byte) 't', epochSecond, nano, out);
    }

    /** An instant's field, from the epoch second and the nanos. */
    public static void writeTimestamptz(long epochSecond, int nano, CanonicalBuffer out) {
        writeEpoch((byte) 'z', epochSecond, nano, out);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Whether {@code b[off, off + len)} is well-formed UTF-8 (RFC 3629: shortest forms, no surrogates, at
     * most U+10FFFF), the bytes that decoding to a String and encoding back give unchanged.
     */
    public static boolean isWellFormedUtf8(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            // eight ASCII bytes at a time: most text is mostly ASCII
            if (i + 8 <= end && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
                continue;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            if (c < 0xc2 || c > 0xf4) {
                return false; // a continuation byte first, an overlong 2-byte lead, or beyond U+10FFFF
            }
            int n = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
            if (i + n >= end) {
                return false;
            }
            int c1 = b[i + 1] & 0xff;
            if (c1 < 0x80 || c1 > 0xbf) {
                return false;
            }
            if (n >= 2) {
                // the second byte's range excludes overlong forms, surrogates and code points above U+10FFFF
                if (c == 0xe0 && c1 < 0xa0 || c == 0xed && c1 > 0x9f || c == 0xf0 && c1 < 0x90 || c == 0xf4 && c1 > 0x8f) {
                    return false;
                }
                int c2 = b[i + 2] & 0xff;
                if (c2 < 0x80 || c2 > 0xbf) {
                    return false;
                }
                if (n == 3) {
                    int c3 = b[i + 3] & 0xff;
                    if (c3 < 0x80 || c3 > 0xbf) {
                        return false;
                    }
                }
            }
            i += n + 1;
        }
        return true;
    }

    private static FieldEncoder arrayEncoder(LogicalType element) {
        FieldEncoder inner = encoderFor(element);
        return (v, out) -> {
            int f = out.begin((byte) 'a');
            for (Object e : (List<?>) v) {
                if (e == null) {
                    writeNull(out);
                } else {
                    inner.encode(e, out);
                }
            }
            out.end(f);
        };
    }

    /** The number {@code unscaled × 10^-scale}, in the one form every integer and decimal kind shares. */
    public static void writeNumber(long unscaled, int scale, CanonicalBuffer out) {
        if (unscaled == 0) {
            scale = 0;
        } else {
            while (unscaled % 10 == 0) {
                unscaled /= 10;
                scale--;
            }
        }
        int f = out.begin((byte) 'n');
        out.putInt(scale);
        out.putLong(unscaled);
        out.end(f);
    }

    /** A decimal's field, in the number form ({@link #writeNumber}). */
    public static void writeDecimal(BigDecimal d, CanonicalBuffer out) {
        int scale = d.scale();
        if (d.precision() <= 18) {
            // fits a long: no BigInteger, no string
            writeNumber(scale == 0 ? d.longValue() : d.movePointRight(scale).longValue(), scale, out);
            return;
        }
        BigDecimal s = d.stripTrailingZeros();
        BigInteger u = s.unscaledValue();
        if (u.bitLength() <= 63) {
            writeNumber(u.longValue(), s.scale(), out);
            return;
        }
        int f = out.begin((byte) 'n');
        out.putInt(s.scale());
        out.putBytes(u.toByteArray());
        out.end(f);
    }

    /** A float's field, of the value as a double (a float widens exactly). */
    public static void writeFloat(double d, CanonicalBuffer out) {
        writeLong((byte) 'f', Double.doubleToLongBits(d), out);
    }

    private static void writeLong(byte tag, long v, CanonicalBuffer out) {
        int f = out.begin(tag);
        out.putLong(v);
        out.end(f);
    }

    private static void writeEpoch(byte tag, long second, int nano, CanonicalBuffer out) {
        int f = out.begin(tag);
        out.putLong(second);
        out.putInt(nano);
        out.end(f);
    }

    /** A number without trailing zeros in plain notation: 5.00 and 5 both give "5". Used inside JSON. */
    public static String number(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /** JSON by value: object keys sorted (a repeated key keeps its last value, as jsonb does), numbers canonical, no whitespace. */
    public static String json(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            StringBuilder sb = new StringBuilder();
            writeJson(p, sb);
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJson(JsonParser p, StringBuilder sb) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                TreeMap<String, String> members = new TreeMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    StringBuilder value = new StringBuilder();
                    writeJson(p, value);
                    members.put(key, value.toString());
                }
                sb.append('{');
                boolean first = true;
                for (var e : members.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    quote(sb, e.getKey());
                    sb.append(':').append(e.getValue());
                }
                sb.append('}');
            }
            case START_ARRAY -> {
                sb.append('[');
                boolean first = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    writeJson(p, sb);
                }
                sb.append(']');
            }
            case VALUE_STRING -> quote(sb, p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> sb.append(number(p.getDecimalValue()));
            case VALUE_TRUE -> sb.append("true");
            case VALUE_FALSE -> sb.append("false");
            case VALUE_NULL -> sb.append("null");
            default -> throw new IOException("unexpected JSON token " + t);
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
