package io.decant.postgres;

import io.decant.core.type.Bytes;
import io.decant.core.type.LogicalType;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One reader per column, chosen when the stream opens from the column's logical type: the row loop
 * calls it without looking at types again. Fixed-width types use pgjdbc's typed getters (which parse
 * the text form without making a String); the rest read the text and parse it with
 * {@link PgTextValues}, where infinity, BC, NaN and 24:00 are caught.
 */
final class ColumnReaders {
    private ColumnReaders() {
    }

    @FunctionalInterface
    interface ColumnReader {
        Object read(ResultSet rs, int index) throws SQLException;
    }

    static ColumnReader forType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (rs, i) -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : Boolean.valueOf(v);
            };
            case INT16 -> (rs, i) -> {
                short v = rs.getShort(i);
                return rs.wasNull() ? null : Short.valueOf(v);
            };
            case INT32 -> (rs, i) -> {
                int v = rs.getInt(i);
                return rs.wasNull() ? null : Integer.valueOf(v);
            };
            case INT64 -> (rs, i) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : Long.valueOf(v);
            };
            case FLOAT32 -> (rs, i) -> {
                float v = rs.getFloat(i);
                return rs.wasNull() ? null : Float.valueOf(v);
            };
            case FLOAT64 -> (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : Double.valueOf(v);
            };
            case TEXT -> (rs, i) -> rs.getString(i);
            case BYTES -> (rs, i) -> {
                byte[] v = rs.getBytes(i);
                return v == null ? null : Bytes.wrap(v);
            };
            case DECIMAL, UUID, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ARRAY -> text(PgTextValues.forType(type));
        };
    }

    private static ColumnReader text(PgTextValues.Parser parser) {
        return (rs, i) -> {
            String s = rs.getString(i);
            return s == null ? null : parser.parse(s);
        };
    }
}
