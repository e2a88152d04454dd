package io.decant.sqlite;

import io.decant.core.type.LogicalType;

/**
 * The declared type decant gives each logical type when it creates a SQLite column, and the
 * logical type the column then reads back as (through {@link io.decant.core.type.SqliteDeclaredTypes}).
 *
 * <table>
 *   <caption>logical type to SQLite column</caption>
 *   <tr><th>logical</th><th>declared</th><th>affinity</th><th>stored as</th><th>reads back as</th></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td><td>NUMERIC</td><td>integer 0/1</td><td>boolean</td></tr>
 *   <tr><td>int16, int32, int64</td><td>INTEGER</td><td>INTEGER</td><td>integer</td><td>int64 (SQLite has one integer)</td></tr>
 *   <tr><td>decimal(p,s)</td><td>DECIMAL_TEXT(p,s)</td><td>TEXT</td><td>plain text, {@code 12.50}</td><td>decimal(p,s)</td></tr>
 *   <tr><td>decimal</td><td>DECIMAL_TEXT</td><td>TEXT</td><td>plain text</td><td>decimal</td></tr>
 *   <tr><td>float32, float64</td><td>REAL</td><td>REAL</td><td>8-byte double</td><td>float64</td></tr>
 *   <tr><td>text(n), text</td><td>VARCHAR(n), TEXT</td><td>TEXT</td><td>text</td><td>text(n), text</td></tr>
 *   <tr><td>bytes</td><td>BLOB</td><td>BLOB</td><td>blob</td><td>bytes</td></tr>
 *   <tr><td>uuid</td><td>UUID_TEXT</td><td>TEXT</td><td>lower-case 8-4-4-4-12</td><td>uuid</td></tr>
 *   <tr><td>json, array</td><td>JSON_TEXT</td><td>TEXT</td><td>the JSON text</td><td>json</td></tr>
 *   <tr><td>date, time</td><td>DATE_TEXT, TIME_TEXT</td><td>TEXT</td><td>ISO 8601</td><td>date, time</td></tr>
 *   <tr><td>timestamp</td><td>TIMESTAMP_TEXT</td><td>TEXT</td><td>{@code YYYY-MM-DD HH:MM:SS[.f]}, SQLite's own form</td><td>timestamp</td></tr>
 *   <tr><td>timestamptz</td><td>TIMESTAMPTZ_TEXT</td><td>TEXT</td><td>the same, in UTC</td><td>timestamptz</td></tr>
 * </table>
 *
 * Why {@code _TEXT}: SQLite gives NUMERIC affinity to any name it does not recognise, and NUMERIC
 * affinity turns text that looks like a number into a number: {@code DECIMAL(10,2)} would store
 * {@code '12.50'} as the REAL 12.5 and lose the scale (and every digit past the 15th), {@code JSON}
 * would store the document {@code 42} as an integer. A name containing TEXT has TEXT affinity, so
 * SQLite keeps exactly what was written; and {@link io.decant.core.type.SqliteDeclaredTypes} reads each {@code X_TEXT} back as
 * X, so a round trip through a SQLite target is lossless. UUIDs and ISO dates never look like
 * numbers, but they get the same treatment so that the rule has no exceptions.
 */
final class NativeTypes {
    private NativeTypes() {
    }

    static String declared(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case INT16, INT32, INT64 -> "INTEGER";
            case DECIMAL -> type.precision() > 0 && type.scale() >= 0
                    ? "DECIMAL_TEXT(" + type.precision() + "," + type.scale() + ")" : "DECIMAL_TEXT";
            case FLOAT32, FLOAT64 -> "REAL";
            case TEXT -> type.length() > 0 ? "VARCHAR(" + type.length() + ")" : "TEXT";
            case BYTES -> "BLOB";
            case UUID -> "UUID_TEXT";
            case JSON, ARRAY -> "JSON_TEXT";
            case DATE -> "DATE_TEXT";
            case TIME -> "TIME_TEXT";
            case TIMESTAMP -> "TIMESTAMP_TEXT";
            case TIMESTAMPTZ -> "TIMESTAMPTZ_TEXT";
        };
    }

    /** What {@link #declared} reads back as; the values written read back equal (see the table). */
    static LogicalType stored(LogicalType type) {
        return switch (type.kind()) {
            case INT16, INT32, INT64 -> LogicalType.INT64;
            case FLOAT32, FLOAT64 -> LogicalType.FLOAT64;
            case DECIMAL -> type.precision() > 0 && type.scale() >= 0 ? type : LogicalType.DECIMAL;
            case ARRAY -> LogicalType.JSON;
            case BOOLEAN, TEXT, BYTES, UUID, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> type;
        };
    }
}
