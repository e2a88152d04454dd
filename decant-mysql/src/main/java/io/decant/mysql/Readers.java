package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.spec.ZeroDates;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.TextParsers;
import io.decant.core.type.Bytes;
import io.decant.core.type.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The reader of each logical type. Numbers use the driver's typed getters (DECIMAL keeps its
 * scale, BIGINT UNSIGNED arrives as a BigDecimal of scale 0); temporal values are read as the
 * server's text and parsed here, because the driver's own temporal conversions go through the JVM
 * zone and turn zero dates into NULL.
 */
final class Readers {
    static final String RULE_BOOLEAN = "mysql boolean: TINYINT(1)/BIT(1) holding 0 or 1";

    private Readers() {
    }

    static ColumnReader forColumn(String table, Column column) {
        return forColumn(table, column, null);
    }

    /**
     * @param zeroDates what zero dates in this column become ({@link ZeroDates#policy}): "null", a date,
     *                  or null when they are refused
     */
    static ColumnReader forColumn(String table, Column column, String zeroDates) {
        ZeroDate zero = zeroDates == null ? null : new ZeroDate(ZeroDates.replacement(zeroDates));
        String source = column.sourceType().toLowerCase(Locale.ROOT);
        return switch (column.type().kind()) {
            case BOOLEAN -> source.startsWith("bit") ? Readers::bitBoolean : Readers::intBoolean;
            case INT16 -> (rs, i) -> {
                short v = rs.getShort(i);
                return rs.wasNull() ? null : v;
            };
            case INT32 -> (rs, i) -> {
                int v = rs.getInt(i);
                return rs.wasNull() ? null : v;
            };
            case INT64 -> (rs, i) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            };
            case DECIMAL -> (rs, i) -> rs.getBigDecimal(i);
            // Selected as a double (see selectExpression): exactly the stored float, narrowed back without loss.
            case FLOAT32 -> (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : (float) v;
            };
            case FLOAT64 -> (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            };
            case TEXT -> (rs, i) -> rs.getString(i);
            case BYTES -> (rs, i) -> {
                byte[] b = rs.getBytes(i);
                return b == null ? null : Bytes.wrap(b);
            };
            case UUID -> (rs, i) -> {
                String s = rs.getString(i);
                return s == null ? null : TextParsers.parseUuid(s);
            };
            case JSON -> (rs, i) -> {
                String s = rs.getString(i);
                return s == null ? null : TextParsers.parseJson(s);
            };
            case DATE -> (rs, i) -> {
                String s = rs.getString(i);
                return s == null ? null : zero != null && MysqlText.isZeroDate(s) ? zero.date() : MysqlText.parseDate(s);
            };
            case TIME -> (rs, i) -> {
                String s = rs.getString(i);
                return s == null ? null : MysqlText.parseTime(s);
            };
            case TIMESTAMP -> (rs, i) -> {
                String s = rs.getString(i);
                return s == null ? null : zero != null && MysqlText.isZeroDate(s) ? zero.dateTime() : MysqlText.parseDateTime(s);
            };
            // TIMESTAMP columns arrive in the session zone (UTC); decant's DATETIME(6) for instants holds UTC.
            case TIMESTAMPTZ -> (rs, i) -> {
                String s = rs.getString(i);
                return s == null ? null : zero != null && MysqlText.isZeroDate(s) ? zero.instant()
                        : MysqlText.parseDateTime(s).toInstant(ZoneOffset.UTC);
            };
            case ARRAY -> throw new DecantException(ErrorCode.UNSUPPORTED_TYPE,
                    ErrorContext.EMPTY.withTable(table).withColumn(column.name()),
                    "MySQL has no array columns; " + column.type() + " cannot be read from " + column.sourceType());
        };
    }

    /**
     * What to SELECT for a column. A FLOAT is selected as a double because MariaDB's text protocol
     * prints FLOAT with six significant digits (0.12345678 arrives as 0.123457); the double holds
     * the float exactly. Dates and times are selected as text: the driver's getString on a
     * DATETIME passes the value through the JVM's default zone and back, which moves a time in that
     * zone's DST gap (02:30 becomes 03:30); the server's own text is exact. An unsupported column
     * read as text gets its readable form (see {@link SourceTypes#textExpression}).
     */
    static String selectExpression(Column column) {
        String quoted = MysqlIdentifiers.quote(column.name());
        if (!column.isSupported()) {
            return SourceTypes.textExpression(quoted, column.sourceType());
        }
        return switch (column.type().kind()) {
            case FLOAT32 -> "(" + quoted + " * 1e0)";
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> "CAST(" + quoted + " AS CHAR)";
            case BOOLEAN, INT16, INT32, INT64, DECIMAL, FLOAT64, TEXT, BYTES, UUID, JSON, ARRAY -> quoted;
        };
    }

    /** What a zero date becomes, in each temporal representation; all null for NULL. */
    private record ZeroDate(LocalDate date) {
        LocalDateTime dateTime() {
            return date == null ? null : date.atStartOfDay();
        }

        Instant instant() {
            return date == null ? null : date.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    private static Object intBoolean(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
            return null;
        }
        if (v != 0 && v != 1) {
            throw ConversionException.invalid(RULE_BOOLEAN, v + " is not 0 or 1");
        }
        return v == 1;
    }

    private static Object bitBoolean(ResultSet rs, int i) throws SQLException {
        byte[] b = rs.getBytes(i);
        if (b == null) {
            return null;
        }
        return b.length > 0 && b[b.length - 1] != 0;
    }
}
