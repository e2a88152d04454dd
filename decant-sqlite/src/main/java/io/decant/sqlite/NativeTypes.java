package io.decant.sqlite;

import io.decant.core.type.LogicalType;

/**
 * The declared type decant gives each logical type when it creates a SQLite column, and the
 * logical type the column then reads back as (through {@link SqliteDeclaredTypes}).
 * The goal is a database that answers the application's queries as the source did: numbers compare
 * as numbers, timestamps sort and compare as SQLite's own date functions write them.
 *
 * <table>
 *   <caption>logical type to SQLite column</caption>
 *   <tr><th>logical</th><th>declared</th><th>affinity</th><th>stored as</th><th>reads back as</th></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td><td>NUMERIC</td><td>integer 0/1</td><td>boolean</td></tr>
 *   <tr><td>int16, int32, int64</td><td>INTEGER</td><td>INTEGER</td><td>integer</td><td>int64 (SQLite has one integer)</td></tr>
 *   <tr><td>decimal(p,s)</td><td>NUMERIC(p,s)</td><td>NUMERIC</td><td>integer when whole, else the double
 *       (see {@link ValueBinder}: only values the double gives back exactly)</td><td>decimal(p,s)</td></tr>
 *   <tr><td>decimal</td><td>NUMERIC</td><td>NUMERIC</td><td>the same</td><td>decimal</td></tr>
 *   <tr><td>float32, float64</td><td>REAL</td><td>REAL</td><td>8-byte double</td><td>float64</td></tr>
 *   <tr><td>text(n), text</td><td>VARCHAR(n), TEXT</td><td>TEXT</td><td>text</td><td>text(n), text</td></tr>
 *   <tr><td>bytes</td><td>BLOB</td><td>BLOB</td><td>blob</td><td>bytes</td></tr>
 *   <tr><td>uuid</td><td>UUID_TEXT</td><td>TEXT</td><td>lower-case 8-4-4-4-12</td><td>uuid</td></tr>
 *   <tr><td>json, array</td><td>JSON_TEXT</td><td>TEXT</td><td>the JSON text</td><td>json</td></tr>
 *   <tr><td>date, time</td><td>DATE, TIME</td><td>NUMERIC</td><td>text {@code 2024-01-31}, {@code 13:45:00.5}</td><td>date, time</td></tr>
 *   <tr><td>timestamp</td><td>DATETIME</td><td>NUMERIC</td><td>text {@code 2024-01-31 13:45:00.123456}</td><td>timestamp</td></tr>
 *   <tr><td>timestamptz</td><td>TIMESTAMPTZ</td><td>NUMERIC</td><td>the same text, in UTC, without offset</td><td>timestamptz</td></tr>
 * </table>
 *
 * <p>Why NUMERIC for decimals: an application compares {@code total > 5}; in a TEXT column SQLite
 * compares {@code '13.86'} with 5 as text and answers differently from the source. NUMERIC affinity
 * is what ORMs declare (DECIMAL, NUMERIC(10,2)); REAL affinity would do as well for comparisons, but
 * NUMERIC keeps whole amounts as exact integers (and a bigint-sized {@code numeric(20,0)} key exactly),
 * and reads back as decimal by name. The price is that a NUMERIC column holds a double: the rare
 * decimal a double cannot give back is refused by the binder with its ways out.
 *
 * <p>Why temporal values as text in SQLite's own format: {@code datetime('now')} writes
 * {@code YYYY-MM-DD HH:MM:SS}, in UTC, without offset; values in that form compare right with it and
 * with {@code '2024-01-01'}, and sort in time order (the fraction has no trailing zeros and nothing
 * follows it, so text order is time order for years 0000-9999). An ISO {@code T} or a trailing
 * {@code Z} would not: {@code '...T10:00:00Z'} sorts after {@code '...T10:00:00.5Z'}. Such text is no
 * number, so the NUMERIC affinity of DATE/DATETIME leaves it text.
 *
 * <p>UUIDs and JSON keep TEXT-affinity names ({@code _TEXT}): under a name such as JSON (NUMERIC
 * affinity) SQLite would turn the document {@code 42} into an integer.
 */
final class NativeTypes {
    private NativeTypes() {
    }

    static String declared(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case INT16, INT32, INT64 -> "INTEGER";
            case DECIMAL -> type.precision() > 0 && type.scale() >= 0
                    ? "NUMERIC(" + type.precision() + "," + type.scale() + ")" : "NUMERIC";
            case FLOAT32, FLOAT64 -> "REAL";
            case TEXT -> type.length() > 0 ? "VARCHAR(" + type.length() + ")" : "TEXT";
            case BYTES -> "BLOB";
            case UUID -> "UUID_TEXT";
            case JSON, ARRAY -> "JSON_TEXT";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "DATETIME";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
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
