package io.decant.core.checksum;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
 */
public final class Canonical {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private Canonical() {
    }

    /** An encoder for one column, chosen once from its logical type. */
    @FunctionalInterface
    public interface FieldEncoder {
        void encode(Object value, Sink out);
    }

    /** Where canonical bytes go: a digest, or a buffer. */
    public interface Sink {
        void field(byte tag, byte[] bytes);
    }

    public static FieldEncoder encoderFor(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (v, out) -> out.field((byte) 'b', new byte[] {(byte) ((Boolean) v ? 1 : 0)});
            case INT16, INT32, INT64 -> (v, out) -> out.field((byte) 'n', ascii(Long.toString(((Number) v).longValue())));
            case DECIMAL -> (v, out) -> out.field((byte) 'n', ascii(number((BigDecimal) v)));
            case FLOAT32 -> (v, out) -> out.field((byte) 'f', ascii(Double.toString((double) (Float) v)));
            case FLOAT64 -> (v, out) -> out.field((byte) 'f', ascii(Double.toString((Double) v)));
            case TEXT -> (v, out) -> out.field((byte) 's', ((String) v).getBytes(StandardCharsets.UTF_8));
            case BYTES -> (v, out) -> out.field((byte) 'x', ((Bytes) v).unsafeArray());
            case UUID -> (v, out) -> out.field((byte) 'u', ascii(((UUID) v).toString()));
            case JSON -> (v, out) -> out.field((byte) 'j', json(((JsonText) v).text()).getBytes(StandardCharsets.UTF_8));
            case DATE -> (v, out) -> out.field((byte) 'd', ascii(((LocalDate) v).toString()));
            case TIME -> (v, out) -> out.field((byte) 'h', ascii(Long.toString(((LocalTime) v).toNanoOfDay())));
            case TIMESTAMP -> (v, out) -> out.field((byte) 't', ascii(epoch(((LocalDateTime) v).toInstant(ZoneOffset.UTC))));
            case TIMESTAMPTZ -> (v, out) -> out.field((byte) 'z', ascii(epoch((Instant) v)));
            case ARRAY -> arrayEncoder(type.element());
        };
    }

    private static FieldEncoder arrayEncoder(LogicalType element) {
        FieldEncoder inner = encoderFor(element);
        return (v, out) -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            Sink nested = (tag, bytes) -> writeField(buf, tag, bytes);
            for (Object e : (List<?>) v) {
                if (e == null) {
                    nested.field((byte) 0, new byte[0]);
                } else {
                    inner.encode(e, nested);
                }
            }
            out.field((byte) 'a', buf.toByteArray());
        };
    }

    public static void writeField(ByteArrayOutputStream buf, byte tag, byte[] bytes) {
        buf.write(tag);
        int n = bytes.length;
        buf.write(n >>> 24);
        buf.write(n >>> 16);
        buf.write(n >>> 8);
        buf.write(n);
        buf.write(bytes, 0, n);
    }

    /** A number without trailing zeros in plain notation: 5.00 and 5 both give "5". */
    public static String number(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    private static String epoch(Instant i) {
        return i.getEpochSecond() + "." + i.getNano();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
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
