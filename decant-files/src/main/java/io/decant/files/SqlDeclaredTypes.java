package io.decant.files;

import io.decant.core.type.LogicalType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dump column's logical type from its declared type: the same rule table as the SQLite dialect's
 * {@code io.decant.sqlite.DeclaredTypes} (decant-files cannot depend on decant-sqlite, so the rules
 * are restated here; a change there must be made here too, and {@code D1SqlSourceTest} pins them).
 * Names are compared case-insensitively with runs of spaces folded.
 *
 * <table>
 *   <caption>declared type to logical type</caption>
 *   <tr><th>declared type</th><th>logical type</th></tr>
 *   <tr><td>(none)</td><td>by the storage classes of the dump's values: one class gives its own type; none gives text;
 *       several make the column unsupported</td></tr>
 *   <tr><td>BOOLEAN, BOOL</td><td>boolean</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INT2</td><td>int16</td></tr>
 *   <tr><td>INT4, MEDIUMINT</td><td>int32</td></tr>
 *   <tr><td>NUMERIC(p,s), DECIMAL(p,s), DECIMAL_TEXT(p,s), NUMERIC_TEXT(p,s)</td><td>decimal(p,s); (p) means (p,0)</td></tr>
 *   <tr><td>NUMERIC, DECIMAL, DECIMAL_TEXT, NUMERIC_TEXT</td><td>decimal</td></tr>
 *   <tr><td>REAL, DOUBLE, DOUBLE PRECISION, FLOAT, FLOAT8</td><td>float64</td></tr>
 *   <tr><td>TEXT, CLOB, CHAR, VARCHAR, NVARCHAR, NCHAR, CHARACTER, VARYING CHARACTER, CHARACTER VARYING,
 *       NATIVE CHARACTER; with (n)</td><td>text; text(n)</td></tr>
 *   <tr><td>BLOB</td><td>bytes</td></tr>
 *   <tr><td>JSON, JSONB, JSON_TEXT</td><td>json</td></tr>
 *   <tr><td>UUID, UUID_TEXT</td><td>uuid</td></tr>
 *   <tr><td>DATE, DATE_TEXT / TIME, TIME_TEXT</td><td>date / time</td></tr>
 *   <tr><td>DATETIME, TIMESTAMP, TIMESTAMP WITHOUT TIME ZONE, DATETIME_TEXT, TIMESTAMP_TEXT</td><td>timestamp</td></tr>
 *   <tr><td>TIMESTAMPTZ, TIMESTAMP WITH TIME ZONE, TIMESTAMPTZ_TEXT</td><td>timestamptz</td></tr>
 *   <tr><td>anything else</td><td>SQLite's affinity, in SQLite's order: contains INT: int64; CHAR, CLOB or TEXT: text;
 *       BLOB: bytes; REAL, FLOA or DOUB: float64; otherwise decimal</td></tr>
 * </table>
 */
final class SqlDeclaredTypes {
    private static final Pattern SHAPE = Pattern.compile(
            "([^(]*?)\\s*(?:\\(\\s*([+-]?\\d+)\\s*(?:,\\s*([+-]?\\d+)\\s*)?\\))?");

    private SqlDeclaredTypes() {
    }

    static String normalize(String declared) {
        return declared == null ? "" : declared.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /**
     * The logical type, or {@code null} when nothing is declared. Throws {@link IllegalArgumentException}
     * for parameters no logical type can hold, such as {@code NUMERIC(5,10)}.
     */
    static LogicalType logicalType(String declared) {
        String d = normalize(declared);
        if (d.isEmpty()) {
            return null;
        }
        Matcher m = SHAPE.matcher(d);
        if (!m.matches()) {
            return byAffinity(d);
        }
        String base = m.group(1);
        Integer first = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return switch (base) {
            case "BOOLEAN", "BOOL" -> LogicalType.BOOLEAN;
            case "TINYINT", "SMALLINT", "INT2" -> LogicalType.INT16;
            case "INT4", "MEDIUMINT" -> LogicalType.INT32;
            case "NUMERIC", "DECIMAL", "DECIMAL_TEXT", "NUMERIC_TEXT" -> decimal(first, second, declared);
            case "REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8" -> LogicalType.FLOAT64;
            case "TEXT", "CLOB", "CHAR", "VARCHAR", "NVARCHAR", "NCHAR", "CHARACTER", "VARYING CHARACTER",
                    "CHARACTER VARYING", "NATIVE CHARACTER" -> first == null || first <= 0 ? LogicalType.TEXT : LogicalType.text(first);
            case "BLOB" -> LogicalType.BYTES;
            case "JSON", "JSONB", "JSON_TEXT" -> LogicalType.JSON;
            case "UUID", "UUID_TEXT" -> LogicalType.UUID;
            case "DATE", "DATE_TEXT" -> LogicalType.DATE;
            case "TIME", "TIME_TEXT" -> LogicalType.TIME;
            case "DATETIME", "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE", "DATETIME_TEXT", "TIMESTAMP_TEXT" -> LogicalType.TIMESTAMP;
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ_TEXT" -> LogicalType.TIMESTAMPTZ;
            default -> byAffinity(base);
        };
    }

    /** SQLite's affinity rules (datatype3.html section 3.1), in their order. */
    private static LogicalType byAffinity(String d) {
        if (d.contains("INT")) {
            return LogicalType.INT64;
        }
        if (d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT")) {
            return LogicalType.TEXT;
        }
        if (d.contains("BLOB") || d.isEmpty()) {
            return LogicalType.BYTES;
        }
        if (d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB")) {
            return LogicalType.FLOAT64;
        }
        return LogicalType.DECIMAL;
    }

    private static LogicalType decimal(Integer precision, Integer scale, String declared) {
        if (precision == null) {
            return LogicalType.DECIMAL;
        }
        int s = scale == null ? 0 : scale;
        if (precision <= 0 || s < 0) {
            throw new IllegalArgumentException("declared type " + declared + " has no decimal meaning");
        }
        if (s > precision) {
            throw new IllegalArgumentException("declared type " + declared + " has a scale larger than its precision");
        }
        return LogicalType.decimal(precision, s);
    }
}
