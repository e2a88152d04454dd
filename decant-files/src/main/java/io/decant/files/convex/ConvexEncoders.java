package io.decant.files.convex;

import com.fasterxml.jackson.core.JsonGenerator;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import io.decant.files.json.BadValue;
import io.decant.files.json.ValueEncoder;
import io.decant.files.json.ValueEncoders;
import java.io.IOException;
import java.util.List;

/**
 * The JSON form of each logical type in a folder for {@code npx convex import} (rules in
 * {@link ConvexRules}). Where Convex reads a value the way decant's export form spells it (text,
 * decimals as strings, ISO times, base64, booleans), the export encoder is reused; only the types
 * whose export form Convex would misread differ: int64 and floats, which must be plain JSON numbers,
 * JSON documents, whose literal {@code null} depends on the NULL rule, and arrays, which take these
 * rules for their elements and Convex's length limit.
 */
public final class ConvexEncoders {
    /** Convex stores at most this many values in one array. */
    static final int MAX_ARRAY = 8192;
    static final String RULE_INT64 = "convex: int64 as a JSON number (a Convex float64) only when |v| <= 2^53; "
            + "the JSONL import cannot express v.int64(); cast the column to text to keep such values as strings";
    static final String RULE_FLOAT = "convex: floats as JSON numbers; JSON has no NaN or Infinity";
    static final String RULE_ARRAY = "convex: arrays hold at most " + MAX_ARRAY + " values";

    private ConvexEncoders() {
    }

    public static ValueEncoder forType(LogicalType type, ConvexRules rules) {
        return switch (type.kind()) {
            case BOOLEAN, INT16, INT32, DECIMAL, TEXT, BYTES, UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ ->
                    ValueEncoders.forType(type, false);
            case INT64 -> ConvexEncoders::int64;
            case FLOAT32 -> (g, v) -> finite(g, (double) (Float) v, Float.toString((Float) v));
            case FLOAT64 -> (g, v) -> finite(g, (Double) v, Double.toString((Double) v));
            case JSON -> rules.omitNulls() ? ConvexEncoders::json : ConvexEncoders::jsonRefusingNull;
            case ARRAY -> array(forType(type.element(), rules));
        };
    }

    private static void int64(JsonGenerator g, Object v) throws IOException {
        long l = (Long) v;
        if (l > ValueEncoders.MAX_SAFE_INTEGER || l < -ValueEncoders.MAX_SAFE_INTEGER) {
            throw new BadValue(ErrorCode.VALUE_OUT_OF_RANGE, null,
                    l + " is beyond 2^53, where a Convex number (float64) is no longer exact", Long.toString(l), RULE_INT64);
        }
        g.writeNumber(l);
    }

    private static void finite(JsonGenerator g, double d, String text) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new BadValue(ErrorCode.VALUE_INVALID, null, text + " cannot be written as a JSON number", text, RULE_FLOAT);
        }
        // The shortest text that reads back as the same float (keeps -0.0), as in the export form.
        g.writeNumber(text);
    }

    /** With NULL left out, a document that is the literal null can be written as null and still read back apart. */
    private static final ValueEncoder EMBEDDED_JSON = ValueEncoders.forType(LogicalType.JSON, true);

    private static void json(JsonGenerator g, Object v) throws IOException {
        EMBEDDED_JSON.write(g, v);
    }

    private static void jsonRefusingNull(JsonGenerator g, Object v) throws IOException {
        if (((JsonText) v).text().strip().equals("null")) {
            throw new BadValue(ErrorCode.VALUE_INVALID, null,
                    "a JSON document that is the literal null would read back as SQL NULL, which nulls=null also writes as null",
                    "null", "convex: use nulls=omit, where SQL NULL leaves the field out");
        }
        json(g, v);
    }

    private static ValueEncoder array(ValueEncoder element) {
        return (g, v) -> {
            List<?> list = (List<?>) v;
            if (list.size() > MAX_ARRAY) {
                throw new BadValue(ErrorCode.VALUE_OUT_OF_RANGE, null, "an array of " + list.size() + " values",
                        "[" + list.size() + " values]", RULE_ARRAY);
            }
            g.writeStartArray(list, list.size());
            for (Object e : list) {
                // An element cannot be left out of an array: NULL elements are null whatever the rule.
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
