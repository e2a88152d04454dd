package io.decant.core.ids;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.TextParsers;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

/**
 * What an id can be: text, an integer or a UUID. Keys of other types (decimals, bytes, dates) are
 * refused when the mapping is planned, because their text forms are not canonical enough to match
 * ids held in text and JSON columns.
 */
final class KeyValues {
    /** Integers up to 2^53 are exact in every JSON reader (JavaScript included); larger ones are written as strings. */
    static final long JSON_SAFE = 1L << 53;

    private KeyValues() {
    }

    enum Family { TEXT, INTEGER, UUID }

    static Family family(LogicalType type) {
        return switch (type.kind()) {
            case TEXT -> Family.TEXT;
            case INT16, INT32, INT64 -> Family.INTEGER;
            case UUID -> Family.UUID;
            case BOOLEAN, DECIMAL, FLOAT32, FLOAT64, BYTES, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ARRAY -> null;
        };
    }

    static void requireKeyType(LogicalType type, String table, String column) {
        if (family(type) == null) {
            throw new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withTable(table).withColumn(column),
                    "ids can be remapped only for text, integer or uuid keys; " + table + "." + column + " is " + type);
        }
    }

    /** The form used as a map key: every integer becomes a Long, so that an INT32 column finds an INT64 key. */
    static Object canonical(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Short s) {
            return s.longValue();
        }
        return v;
    }

    /** The text of an id as it appears in names (uuid5), messages and lookups: UUIDs in lower case. */
    static String text(Object v) {
        return v instanceof UUID u ? u.toString().toLowerCase(Locale.ROOT) : String.valueOf(v);
    }

    /** Parses the text of an id into the representation of {@code type}; throws {@link ConversionException}. */
    static Object parse(String s, LogicalType type) {
        return switch (type.kind()) {
            case TEXT -> s;
            case UUID -> TextParsers.parseUuid(s);
            case INT16, INT32, INT64 -> narrow(TextParsers.parseLong(s), type);
            case BOOLEAN, DECIMAL, FLOAT32, FLOAT64, BYTES, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ARRAY ->
                    throw ConversionException.invalid("id: text, integer or uuid", "not an id type: " + type);
        };
    }

    /** Reads a JSON string or integer as an id of {@code type}; a number for a text key becomes its decimal text. */
    static Object fromJson(JsonNode node, LogicalType type) {
        if (node.isTextual()) {
            return parse(node.textValue(), type);
        }
        if (node.isIntegralNumber()) {
            return switch (family(type)) {
                case TEXT -> node.bigIntegerValue().toString();
                case INTEGER -> {
                    if (!node.canConvertToLong()) {
                        throw ConversionException.range(TextParsers.RULE_INTEGER, "integer beyond 64 bits");
                    }
                    yield narrow(node.longValue(), type);
                }
                case UUID -> throw ConversionException.invalid(TextParsers.RULE_UUID, "a number is not a UUID");
            };
        }
        throw ConversionException.invalid("id: a JSON string or integer", "expected a string or an integer, got " + kindOf(node));
    }

    static String kindOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static Object narrow(long v, LogicalType type) {
        return switch (type.kind()) {
            case INT16 -> {
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw ConversionException.range(TextParsers.RULE_INTEGER, "does not fit int16");
                }
                yield (short) v;
            }
            case INT32 -> {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw ConversionException.range(TextParsers.RULE_INTEGER, "does not fit int32");
                }
                yield (int) v;
            }
            case INT64 -> v;
            case BOOLEAN, DECIMAL, FLOAT32, FLOAT64, TEXT, BYTES, UUID, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ARRAY ->
                    throw new IllegalArgumentException("not an integer type: " + type);
        };
    }

    /** Writes an id faithfully: integers as numbers (as strings beyond 2^53), everything else as a string. */
    static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            long l = ((Number) v).longValue();
            if (Math.abs(l) <= JSON_SAFE && l != Long.MIN_VALUE) {
                g.writeNumber(l);
            } else {
                g.writeString(Long.toString(l));
            }
        } else {
            g.writeString(text(v));
        }
    }

    static boolean isKind(Object v, Kind kind) {
        return kind.javaType().isInstance(v);
    }
}
