package io.decant.files.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import io.decant.core.util.Jackson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * The JSON form of each logical type (DESIGN.md sections 3 and 6). The rule for every type is that a
 * re-import gives back the same Java value: integers beyond 2^53 and decimals are strings because a
 * JavaScript reader would round them; floats that JSON cannot spell are strings; everything
 * temporal is ISO 8601 at full precision.
 */
public final class ValueEncoders {
    /** 2^53: every integer up to this magnitude is exact in a double, so JavaScript readers keep it. */
    public static final long MAX_SAFE_INTEGER = 1L << 53;

    private ValueEncoders() {
    }

    /**
     * @param jsonNullAsSqlNull whether a JSON document that is the literal {@code null} may be written
     *                          as {@code null}, which reads back as SQL NULL. Off by default: the two
     *                          differ in PostgreSQL ({@code 'null'::jsonb IS NOT NULL}), and an export
     *                          must not change a value behind the user's back.
     */
    public static ValueEncoder forType(LogicalType type, boolean jsonNullAsSqlNull) {
        return switch (type.kind()) {
            case BOOLEAN -> (g, v) -> g.writeBoolean((Boolean) v);
            case INT16 -> (g, v) -> g.writeNumber((Short) v);
            case INT32 -> (g, v) -> g.writeNumber((Integer) v);
            case INT64 -> ValueEncoders::int64;
            case DECIMAL -> ValueEncoders::decimal;
            case FLOAT32 -> ValueEncoders::float32;
            case FLOAT64 -> ValueEncoders::float64;
            case TEXT -> (g, v) -> g.writeString((String) v);
            // Jackson's default variant is RFC 4648 base64 with padding and no line feeds, as java.util.Base64.
            case BYTES -> (g, v) -> g.writeBinary(((Bytes) v).unsafeArray());
            case UUID -> (g, v) -> g.writeString(v.toString());
            case JSON -> jsonNullAsSqlNull ? ValueEncoders::json : ValueEncoders::jsonRefusingNull;
            case DATE -> (g, v) -> g.writeString(IsoFormat.date((LocalDate) v));
            case TIME -> (g, v) -> g.writeString(IsoFormat.time((LocalTime) v));
            case TIMESTAMP -> (g, v) -> g.writeString(IsoFormat.timestamp((LocalDateTime) v));
            case TIMESTAMPTZ -> (g, v) -> g.writeString(IsoFormat.instant((Instant) v));
            case ARRAY -> array(forType(type.element(), jsonNullAsSqlNull));
        };
    }

    private static void int64(JsonGenerator g, Object v) throws IOException {
        long l = (Long) v;
        if (l > MAX_SAFE_INTEGER || l < -MAX_SAFE_INTEGER) {
            g.writeString(Long.toString(l));
        } else {
            g.writeNumber(l);
        }
    }

    private static void float32(JsonGenerator g, Object v) throws IOException {
        float f = (Float) v;
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            g.writeString(Float.toString(f));
        } else {
            // The shortest text that reads back as the same float (the factory's fast writer), -0.0 kept.
            g.writeNumber(f);
        }
    }

    private static void float64(JsonGenerator g, Object v) throws IOException {
        double d = (Double) v;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            g.writeString(Double.toString(d));
        } else {
            g.writeNumber(d);
        }
    }

    /** A decimal as a string of its plain digits, as {@link BigDecimal#toPlainString()} writes it. */
    private static void decimal(JsonGenerator g, Object v) throws IOException {
        BigDecimal d = (BigDecimal) v;
        if (d.scale() < 0 || d.scale() > 18 || d.precision() > 18) {
            g.writeString(d.toPlainString());
            return;
        }
        char[] buf = new char[21];
        int end = plainDigits(d.unscaledValue().longValue(), d.scale(), buf);
        g.writeString(buf, buf.length - end, end);
    }

    /**
     * Writes {@code unscaled} with {@code scale} digits after the point (0 &lt;= scale &lt;= 18, at most
     * 18 digits) right-aligned into {@code buf}, as BigDecimal.toPlainString spells it; returns its length.
     */
    static int plainDigits(long unscaled, int scale, char[] buf) {
        long a = Math.abs(unscaled);
        int p = buf.length;
        int digits = 0;
        while (true) {
            buf[--p] = (char) ('0' + (int) (a % 10));
            a /= 10;
            digits++;
            if (digits == scale) {
                buf[--p] = '.';
            }
            if (a == 0 && digits > scale) {
                break;
            }
        }
        if (unscaled < 0) {
            buf[--p] = '-';
        }
        return buf.length - p;
    }

    private static void jsonRefusingNull(JsonGenerator g, Object v) throws IOException {
        if (((JsonText) v).text().strip().equals("null")) {
            throw new BadValue(io.decant.core.error.ErrorCode.VALUE_INVALID, null,
                    "a JSON document that is the literal null would read back as SQL NULL",
                    "null", "set files setting jsonNullAsSqlNull=true to accept that");
        }
        json(g, v);
    }

    /**
     * Embeds the document as a JSON value. Text without line breaks goes out as it is (it was
     * validated when the JsonText was made); a pretty-printed document is re-serialized compactly,
     * because a raw line break would split a JSONL row in two.
     */
    private static void json(JsonGenerator g, Object v) throws IOException {
        String text = ((JsonText) v).text();
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            g.writeRawValue(text);
            return;
        }
        try (JsonParser p = Jackson.DATA.createParser(text)) {
            p.nextToken();
            JsonCopy.copy(p, g);
        }
    }

    private static ValueEncoder array(ValueEncoder element) {
        return (g, v) -> {
            List<?> list = (List<?>) v;
            g.writeStartArray(list, list.size());
            for (Object e : list) {
                if (e == null) {
                    g.writeNull();
                } else {
                    element.write(g, e);
                }
            }
            g.writeEndArray();
        };
    }
}
