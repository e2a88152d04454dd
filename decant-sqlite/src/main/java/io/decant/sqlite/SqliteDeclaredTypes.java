package io.decant.sqlite;

import io.decant.core.type.LogicalType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule that gives a SQLite column its logical type from its declared type. SQLite itself only
 * derives an affinity from the name; decant reads more into well-known names, and falls back to the
 * affinity for the rest. Names are compared case-insensitively with runs of spaces folded.
 *
 * <table>
 *   <caption>declared type to logical type</caption>
 *   <tr><th>declared type</th><th>logical type</th><th>why</th></tr>
 *   <tr><td>(none)</td><td>by the stored classes, see {@link SqliteSchemaReader}</td><td>BLOB affinity stores anything</td></tr>
 *   <tr><td>ANY</td><td>by the stored classes, as (none)</td><td>a STRICT table's ANY column keeps every value as
 *       given; elsewhere ANY has NUMERIC affinity, which keeps text that is no number as text</td></tr>
 *   <tr><td>BOOLEAN, BOOL</td><td>boolean</td><td>stored as 0/1 integers</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INT2</td><td>int16</td><td>no int8 in decant; SQLite does not enforce the width,
 *       so a wider value is a VALUE_OUT_OF_RANGE error naming the row</td></tr>
 *   <tr><td>INT4, MEDIUMINT</td><td>int32</td><td></td></tr>
 *   <tr><td>any other name containing INT (INT, INTEGER, BIGINT, INT8, UNSIGNED BIG INT, ...)</td><td>int64</td>
 *       <td>SQLite integers are 64-bit whatever the name</td></tr>
 *   <tr><td>NUMERIC(p,s), DECIMAL(p,s), DECIMAL_TEXT(p,s)</td><td>decimal(p,s)</td><td>(p) means (p,0)</td></tr>
 *   <tr><td>NUMERIC, DECIMAL, DECIMAL_TEXT</td><td>decimal</td><td>each value keeps its own scale</td></tr>
 *   <tr><td>REAL, DOUBLE, DOUBLE PRECISION, FLOAT, FLOAT(n), FLOAT8</td><td>float64</td>
 *       <td>REAL is an 8-byte double: never float32</td></tr>
 *   <tr><td>VARCHAR(n), CHARACTER(n), NVARCHAR(n), CHAR(n), NCHAR(n), TEXT(n), ...</td><td>text(n)</td>
 *       <td>not enforced by SQLite; a longer value is an error naming the row</td></tr>
 *   <tr><td>TEXT, CLOB, CHAR, VARCHAR, ...</td><td>text</td><td>text stays text: never guessed to be a timestamp</td></tr>
 *   <tr><td>BLOB</td><td>bytes</td><td></td></tr>
 *   <tr><td>JSON, JSONB, JSON_TEXT</td><td>json</td><td></td></tr>
 *   <tr><td>UUID, UUID_TEXT</td><td>uuid</td><td></td></tr>
 *   <tr><td>DATE, DATE_TEXT</td><td>date</td><td></td></tr>
 *   <tr><td>TIME, TIME_TEXT</td><td>time</td><td></td></tr>
 *   <tr><td>DATETIME, TIMESTAMP, TIMESTAMP WITHOUT TIME ZONE, DATETIME_TEXT, TIMESTAMP_TEXT</td><td>timestamp</td>
 *       <td>local: SQLite has no zones</td></tr>
 *   <tr><td>TIMESTAMPTZ, TIMESTAMP WITH TIME ZONE, TIMESTAMPTZ_TEXT</td><td>timestamptz</td><td></td></tr>
 *   <tr><td>anything else</td><td>SQLite's affinity rules, in SQLite's order: contains INT: int64; CHAR, CLOB or
 *       TEXT: text; BLOB: bytes; REAL, FLOA or DOUB: float64; otherwise (NUMERIC affinity): decimal</td>
 *       <td>what SQLite itself does with the name (so FLOATING POINT is an integer, as in SQLite)</td></tr>
 * </table>
 *
 * The {@code _TEXT} names are those decant declares when it creates tables ({@link NativeTypes}): they
 * have TEXT affinity, so SQLite stores exactly the text written, and they read back as the same
 * logical type.
 */
final class SqliteDeclaredTypes {
    private static final Pattern SHAPE = Pattern.compile(
            "([^(]*?)\\s*(?:\\(\\s*([+-]?\\d+)\\s*(?:,\\s*([+-]?\\d+)\\s*)?\\))?");

    private SqliteDeclaredTypes() {
    }

    /** {@code NUMERIC(10, 2)} as {@code NUMERIC(10,2)}; upper case, single spaces. */
    public static String normalize(String declared) {
        return declared == null ? "" : declared.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /**
     * The logical type for a declared type, or {@code null} when there is none (the caller looks at
     * the stored values). Throws {@link IllegalArgumentException} for parameters no logical type can
     * hold, such as {@code NUMERIC(5,10)}.
     */
    public static LogicalType logicalType(String declared) {
        String d = normalize(declared);
        if (d.isEmpty()) {
            return null;
        }
        Matcher m = SHAPE.matcher(d);
        if (!m.matches()) {
            return byAffinity(d); // e.g. VARCHAR(MAX): not a SQLite type name shape; the affinity still applies
        }
        String base = m.group(1);
        Integer first = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        switch (base) {
            case "ANY":
                return null;
            case "BOOLEAN", "BOOL":
                return LogicalType.BOOLEAN;
            case "TINYINT", "SMALLINT", "INT2":
                return LogicalType.INT16;
            case "INT4", "MEDIUMINT":
                return LogicalType.INT32;
            case "NUMERIC", "DECIMAL", "DECIMAL_TEXT", "NUMERIC_TEXT":
                return decimal(first, second, declared);
            case "REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8":
                return LogicalType.FLOAT64;
            case "TEXT", "CLOB", "CHAR", "VARCHAR", "NVARCHAR", "NCHAR", "CHARACTER", "VARYING CHARACTER",
                    "CHARACTER VARYING", "NATIVE CHARACTER":
                return first == null || first <= 0 ? LogicalType.TEXT : LogicalType.text(first);
            case "BLOB":
                return LogicalType.BYTES;
            case "JSON", "JSONB", "JSON_TEXT":
                return LogicalType.JSON;
            case "UUID", "UUID_TEXT":
                return LogicalType.UUID;
            case "DATE", "DATE_TEXT":
                return LogicalType.DATE;
            case "TIME", "TIME_TEXT":
                return LogicalType.TIME;
            case "DATETIME", "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE", "DATETIME_TEXT", "TIMESTAMP_TEXT":
                return LogicalType.TIMESTAMP;
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ_TEXT":
                return LogicalType.TIMESTAMPTZ;
            default:
                return byAffinity(base);
        }
    }

    /** SQLite's affinity rules (datatype3.html section 3.1), in their order. */
    public static Affinity affinity(String declared) {
        String d = normalize(declared);
        if (d.contains("INT")) {
            return Affinity.INTEGER;
        }
        if (d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT")) {
            return Affinity.TEXT;
        }
        if (d.contains("BLOB") || d.isEmpty()) {
            return Affinity.BLOB;
        }
        if (d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB")) {
            return Affinity.REAL;
        }
        return Affinity.NUMERIC;
    }

    private static LogicalType byAffinity(String name) {
        return switch (affinity(name)) {
            case INTEGER -> LogicalType.INT64;
            case TEXT -> LogicalType.TEXT;
            case BLOB -> LogicalType.BYTES;
            case REAL -> LogicalType.FLOAT64;
            case NUMERIC -> LogicalType.DECIMAL;
        };
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

    /** SQLite's column affinities. */
    public enum Affinity { INTEGER, TEXT, BLOB, REAL, NUMERIC }
}
