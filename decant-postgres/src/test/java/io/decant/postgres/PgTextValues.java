package io.decant.postgres;

import io.decant.core.transform.ConversionException;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Parsers from PostgreSQL's text output to each logical type's Java value, chosen once per column
 * (or per array element type). Array elements and the text-read scalars share them.
 */
final class PgTextValues {
    static final String RULE_NUMERIC_NAN = BinaryDecoders.RULE_NUMERIC_NAN;
    static final String RULE_NUMERIC_INF = BinaryDecoders.RULE_NUMERIC_INF;

    private PgTextValues() {
    }

    @FunctionalInterface
    interface Parser {
        Object parse(String text);
    }

    static Parser forType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> PgTextValues::bool;
            case INT16 -> Short::valueOf;
            case INT32 -> Integer::valueOf;
            case INT64 -> Long::valueOf;
            case DECIMAL -> PgTextValues::numeric;
            // Float.parseFloat reads PostgreSQL's NaN, Infinity, -Infinity and -0 exactly.
            case FLOAT32 -> Float::valueOf;
            case FLOAT64 -> Double::valueOf;
            case TEXT -> s -> s;
            case BYTES -> PgTextValues::byteaHex;
            case UUID -> UUID::fromString;
            case JSON -> JsonText::trusted;
            case DATE -> PgTemporalText::date;
            case TIME -> PgTemporalText::time;
            case TIMESTAMP -> PgTemporalText::timestamp;
            case TIMESTAMPTZ -> PgTemporalText::timestamptz;
            case ARRAY -> array(forType(type.element()));
        };
    }

    static Parser array(Parser element) {
        return s -> {
            List<String> parts = PgArrayText.split(s);
            List<Object> out = new ArrayList<>(parts.size());
            for (String p : parts) {
                out.add(p == null ? null : element.parse(p));
            }
            return Collections.unmodifiableList(out);
        };
    }

    static Boolean bool(String s) {
        return switch (s) {
            case "t", "true" -> Boolean.TRUE;
            case "f", "false" -> Boolean.FALSE;
            default -> throw ConversionException.invalid("PostgreSQL boolean text", "cannot parse boolean '" + s + "'");
        };
    }

    static BigDecimal numeric(String s) {
        return switch (s) {
            case "NaN" -> throw ConversionException.invalid(RULE_NUMERIC_NAN, "numeric value is NaN");
            case "Infinity", "-Infinity" -> throw ConversionException.range(RULE_NUMERIC_INF, "numeric value is " + s);
            default -> new BigDecimal(s);
        };
    }

    /** bytea_output 'hex' (the default since 9.0, and what pgjdbc also expects): {@code \x0a1b}. */
    static Bytes byteaHex(String s) {
        if (!s.startsWith("\\x") || (s.length() & 1) != 0) {
            throw ConversionException.invalid("PostgreSQL bytea hex text", "bytea is not in hex form (set bytea_output = hex)");
        }
        byte[] out = new byte[(s.length() - 2) / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 + 2 * i), 16);
            int lo = Character.digit(s.charAt(3 + 2 * i), 16);
            if (hi < 0 || lo < 0) {
                throw ConversionException.invalid("PostgreSQL bytea hex text", "bad hex digit in bytea");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return Bytes.wrap(out);
    }
}
