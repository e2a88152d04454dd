package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.Decimals;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The writer of each logical type. Values the server would change without an error are refused
 * here, because strict mode does not catch them:
 * <ul>
 *   <li>a decimal with more fractional digits than the column's scale (MySQL rounds it with only a
 *       note);</li>
 *   <li>NaN and infinities (MySQL's FLOAT and DOUBLE have none) and -0.0 (stored as 0: the sign of
 *       zero would be lost, which {@code verify} would then report);</li>
 *   <li>temporal values with nanoseconds (MySQL keeps microseconds).</li>
 * </ul>
 * Temporal values are sent as text in the UTC session, never through java.sql types.
 */
final class Writers {
    static final String RULE_FLOAT = "mysql float: finite numbers only, and not -0.0 (MySQL and MariaDB have no NaN"
            + " or infinities and store -0.0 as 0)";
    private static final long MAX_EPOCH_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
    private static final long MIN_EPOCH_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private Writers() {
    }

    static ColumnWriter forColumn(String table, Column column) {
        LogicalType type = column.type();
        return switch (type.kind()) {
            case BOOLEAN -> (ps, i, v) -> ps.setBoolean(i, (Boolean) v);
            case INT16 -> (ps, i, v) -> ps.setShort(i, (Short) v);
            case INT32 -> (ps, i, v) -> ps.setInt(i, (Integer) v);
            case INT64 -> (ps, i, v) -> ps.setLong(i, (Long) v);
            case DECIMAL -> type.precision() > 0 || type.scale() >= 0
                    ? (ps, i, v) -> ps.setBigDecimal(i, Decimals.fit((BigDecimal) v, type))
                    : (ps, i, v) -> ps.setBigDecimal(i, (BigDecimal) v);
            case FLOAT32 -> (ps, i, v) -> {
                float f = (Float) v;
                if (Float.isNaN(f) || Float.isInfinite(f) || (f == 0.0f && 1.0f / f < 0)) {
                    throw ConversionException.invalid(RULE_FLOAT, f + " cannot be stored in MySQL");
                }
                // As the exact double: the float's shortest text (3.4028235E38 for the largest float) can
                // parse to a double just beyond FLOAT's range, which the server then rejects.
                ps.setDouble(i, f);
            };
            case FLOAT64 -> (ps, i, v) -> {
                double d = (Double) v;
                if (Double.isNaN(d) || Double.isInfinite(d) || (d == 0.0 && 1.0 / d < 0)) {
                    throw ConversionException.invalid(RULE_FLOAT, d + " cannot be stored in MySQL");
                }
                ps.setDouble(i, d);
            };
            case TEXT -> (ps, i, v) -> ps.setString(i, (String) v);
            case BYTES -> (ps, i, v) -> ps.setBytes(i, ((Bytes) v).unsafeArray());
            case UUID -> (ps, i, v) -> ps.setString(i, v.toString());
            case JSON -> (ps, i, v) -> ps.setString(i, ((JsonText) v).text());
            case DATE -> (ps, i, v) -> ps.setString(i, MysqlText.formatDate((LocalDate) v));
            case TIME -> (ps, i, v) -> ps.setString(i, MysqlText.formatTime((LocalTime) v));
            case TIMESTAMP -> (ps, i, v) -> ps.setString(i, MysqlText.formatDateTime((LocalDateTime) v));
            case TIMESTAMPTZ -> (ps, i, v) -> ps.setString(i, MysqlText.formatDateTime(utc((Instant) v)));
            case ARRAY -> throw new DecantException(ErrorCode.UNSUPPORTED_TYPE,
                    ErrorContext.EMPTY.withTable(table).withColumn(column.name()),
                    "MySQL has no array columns; convert " + column.type() + " to json in the spec");
        };
    }

    private static LocalDateTime utc(Instant t) {
        if (t.getEpochSecond() > MAX_EPOCH_SECOND || t.getEpochSecond() < MIN_EPOCH_SECOND) {
            throw ConversionException.range("mysql datetime: years 0000..9999", t + " does not fit a MySQL DATETIME");
        }
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
