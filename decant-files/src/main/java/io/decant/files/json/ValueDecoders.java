package io.decant.files.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.error.ErrorCode;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.FastTemporal;
import io.decant.core.transform.TextParsers;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * The inverse of {@link ValueEncoders}, strict: each type accepts the JSON forms written down here
 * and nothing else. Where a form is accepted that decant itself does not write, it is because a
 * hand-made or older export would use it and it loses nothing:
 * <ul>
 *   <li>INT64: a number, or a string of digits at any magnitude;</li>
 *   <li>DECIMAL: a string, or a JSON number (read from its text, so its scale is kept);</li>
 *   <li>FLOAT32/64: any JSON number (an integer must be exact as a float), or "NaN", "Infinity", "-Infinity";</li>
 *   <li>TIMESTAMPTZ: an ISO offset other than Z. TIMESTAMP accepts no offset and TIMESTAMPTZ
 *       requires one: decant never guesses a zone.</li>
 * </ul>
 */
public final class ValueDecoders {
    private static final String RULE_TIMESTAMP = "timestamp: ISO 8601 YYYY-MM-DDTHH:MM:SS[.fraction], no offset";
    private static final String RULE_TIMESTAMPTZ = "timestamptz: ISO 8601 YYYY-MM-DDTHH:MM:SS[.fraction] with Z or an offset";
    private static final String RULE_DATE = "date: ISO 8601 YYYY-MM-DD";
    private static final String RULE_TIME = "time: ISO 8601 HH:MM[:SS[.fraction]]";
    private static final String RULE_BYTES = "bytes: base64 (RFC 4648, with padding)";

    private ValueDecoders() {
    }

    static ValueDecoder forType(LogicalType type) {
        String name = type.toString();
        return switch (type.kind()) {
            case BOOLEAN -> (p, t) -> switch (t) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> throw wrongType(p, t, "true or false", name);
            };
            case INT16 -> (p, t) -> (short) integer(p, t, name, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> (p, t) -> (int) integer(p, t, name, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> ValueDecoders::int64;
            case DECIMAL -> ValueDecoders::decimal;
            case FLOAT32 -> (p, t) -> (float) floating(p, t, name, true);
            case FLOAT64 -> (p, t) -> floating(p, t, name, false);
            case TEXT -> (p, t) -> string(p, t, name);
            case BYTES -> (p, t) -> bytes(string(p, t, name));
            case UUID -> (p, t) -> {
                try {
                    return TextParsers.parseUuid(string(p, t, name));
                } catch (ConversionException e) {
                    throw rejected(e, p.getText());
                }
            };
            case JSON -> (p, t) -> JsonText.trusted(JsonCopy.toText(p));
            case DATE -> (p, t) -> temporal(p, t, name, RULE_DATE, 'd');
            case TIME -> (p, t) -> temporal(p, t, name, RULE_TIME, 'h');
            case TIMESTAMP -> (p, t) -> temporal(p, t, name, RULE_TIMESTAMP, 't');
            case TIMESTAMPTZ -> (p, t) -> temporal(p, t, name, RULE_TIMESTAMPTZ, 'z');
            case ARRAY -> array(forType(type.element()), name);
        };
    }

    /**
     * Reads any value as text, for a column the spec opted into {@code as_text}: strings as they
     * are, anything else as its compact JSON.
     */
    static ValueDecoder asText() {
        return (p, t) -> t == JsonToken.VALUE_STRING ? p.getText() : JsonCopy.toText(p);
    }

    private static long integer(JsonParser p, JsonToken t, String type, long min, long max) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(p, t, "an integer", type);
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw outOfRange(p.getText(), type);
        }
        long v = p.getLongValue();
        if (v < min || v > max) {
            throw outOfRange(p.getText(), type);
        }
        return v;
    }

    private static Object int64(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            try {
                return TextParsers.parseLong(p.getText());
            } catch (ConversionException e) {
                throw rejected(e, p.getText());
            }
        }
        return integer(p, t, "int64", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static Object decimal(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                try {
                    return TextParsers.parseDecimal(p.getText());
                } catch (ConversionException e) {
                    throw rejected(e, p.getText());
                }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new BigDecimal(p.getText());
            default:
                throw wrongType(p, t, "a decimal string", "decimal");
        }
    }

    private static double floating(JsonParser p, JsonToken t, String type, boolean single) throws IOException {
        switch (t) {
            case VALUE_NUMBER_FLOAT:
                return single ? Float.parseFloat(p.getText()) : Double.parseDouble(p.getText());
            case VALUE_NUMBER_INT: {
                // An integer is accepted only where the float holds it exactly (2^53 for a double);
                // short ones always are, so only long ones pay for the BigDecimal comparison.
                String text = p.getText();
                double d = single ? Float.parseFloat(text) : Double.parseDouble(text);
                if (text.length() <= (single ? 7 : 15)) {
                    return d;
                }
                if (Double.isInfinite(d) || new BigDecimal(d).compareTo(new BigDecimal(text)) != 0) {
                    throw new BadValue(ErrorCode.PRECISION_LOSS, null, "integer " + p.getText() + " is not exact as " + type,
                            p.getText(), null);
                }
                return d;
            }
            case VALUE_STRING:
                switch (p.getText()) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        throw new BadValue(ErrorCode.VALUE_INVALID, null,
                                "a string for " + type + " must be \"NaN\", \"Infinity\" or \"-Infinity\"", p.getText(), null);
                }
            default:
                throw wrongType(p, t, "a number", type);
        }
    }

    private static String string(JsonParser p, JsonToken t, String type) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p, t, "a string", type);
        }
        return p.getText();
    }

    private static Bytes bytes(String s) {
        try {
            return Bytes.wrap(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            throw new BadValue(ErrorCode.VALUE_INVALID, null, "not base64: " + e.getMessage(), s, RULE_BYTES);
        }
    }

    private static Object temporal(JsonParser p, JsonToken t, String type, String rule, char which) throws IOException {
        String s = string(p, t, type);
        try {
            return switch (which) {
                case 'd' -> FastTemporal.parseIsoDate(s);
                case 'h' -> FastTemporal.parseIsoTime(s);
                case 't' -> FastTemporal.parseIsoTimestamp(s);
                default -> FastTemporal.parseIsoInstant(s);
            };
        } catch (DateTimeException e) {
            throw new BadValue(ErrorCode.VALUE_INVALID, null, "not a " + type, s, rule);
        }
    }

    private static ValueDecoder array(ValueDecoder element, String type) {
        return (p, t) -> {
            if (t != JsonToken.START_ARRAY) {
                throw wrongType(p, t, "an array", type);
            }
            List<Object> out = new ArrayList<>();
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                out.add(e == JsonToken.VALUE_NULL ? null : element.read(p, e));
            }
            return Collections.unmodifiableList(out);
        };
    }

    static BadValue wrongType(JsonParser p, JsonToken t, String expected, String type) throws IOException {
        return new BadValue(ErrorCode.VALUE_INVALID, null, "expected " + expected + " for " + type + ", got " + describe(t),
                preview(p, t), null);
    }

    private static BadValue outOfRange(String text, String type) {
        return new BadValue(ErrorCode.VALUE_OUT_OF_RANGE, null, "integer does not fit " + type, text, null);
    }

    private static BadValue rejected(ConversionException e, String text) {
        return new BadValue(e.code(), null, e.getMessage(), text, e.rule());
    }

    public static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> t.name();
        };
    }

    private static String preview(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> "{...}";
            case START_ARRAY -> "[...]";
            default -> p.getText();
        };
    }
}
