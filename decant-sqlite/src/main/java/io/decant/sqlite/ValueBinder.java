package io.decant.sqlite;

import io.decant.core.convert.ConversionException;
import io.decant.core.convert.Conversions;
import io.decant.core.convert.Converter;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Binds one column's values to an INSERT parameter in the form {@link NativeTypes} stores them.
 * Chosen once per column when the sink opens.
 *
 * <p>Two doubles SQLite cannot keep are refused rather than changed: NaN (SQLite stores it as
 * NULL, so it would come back as a NULL nobody wrote) and -0.0 (a REAL column stores integral values
 * as integers, so -0.0 comes back as 0.0). Infinities are kept.
 */
@FunctionalInterface
interface ValueBinder {
    String RULE_NAN = "sqlite REAL: NaN is stored as NULL, so it is refused";
    String RULE_NEGATIVE_ZERO = "sqlite REAL: -0.0 is stored as 0, so it is refused";
    long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    /** Binds a non-null value; NULL is bound by the sink. */
    void bind(PreparedStatement ps, int index, Object value) throws SQLException;

    static ValueBinder forType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (ps, i, v) -> ps.setInt(i, (Boolean) v ? 1 : 0);
            case INT16, INT32, INT64 -> (ps, i, v) -> ps.setLong(i, ((Number) v).longValue());
            case DECIMAL -> (ps, i, v) -> ps.setString(i, ((BigDecimal) v).toPlainString());
            case FLOAT32 -> (ps, i, v) -> ps.setDouble(i, storable((double) (Float) v));
            case FLOAT64 -> (ps, i, v) -> ps.setDouble(i, storable((Double) v));
            case TEXT -> (ps, i, v) -> ps.setString(i, (String) v);
            case BYTES -> (ps, i, v) -> ps.setBytes(i, ((Bytes) v).unsafeArray());
            case UUID -> (ps, i, v) -> ps.setString(i, ((UUID) v).toString());
            case JSON -> (ps, i, v) -> ps.setString(i, ((JsonText) v).text());
            case DATE -> (ps, i, v) -> ps.setString(i, ((LocalDate) v).format(DateTimeFormatter.ISO_LOCAL_DATE));
            case TIME -> (ps, i, v) -> ps.setString(i, ((LocalTime) v).format(DateTimeFormatter.ISO_LOCAL_TIME));
            case TIMESTAMP -> (ps, i, v) -> ps.setString(i, sqliteDateTime((LocalDateTime) v));
            case TIMESTAMPTZ -> (ps, i, v) -> ps.setString(i, sqliteDateTime(LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC)));
            case ARRAY -> {
                Converter toJson = Conversions.utc().find(type, LogicalType.JSON).converter();
                yield (ps, i, v) -> ps.setString(i, ((JsonText) toJson.convert(v)).text());
            }
        };
    }

    /**
     * SQLite's own text form of a time, {@code YYYY-MM-DD HH:MM:SS[.ffffff]} (instants in UTC), the form
     * {@code CURRENT_TIMESTAMP} and {@code datetime()} give: an application's {@code WHERE created_at >
     * datetime('now', '-1 day')} compares text, and ISO's 'T' (or a trailing 'Z') would sort every value
     * of the same day after it. The fraction has as many digits as the value needs, which still sorts
     * right. It reads back as the same value.
     */
    static String sqliteDateTime(LocalDateTime t) {
        return t.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE) + ' '
                + t.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME);
    }

    static double storable(double d) {
        if (Double.isNaN(d)) {
            throw new ConversionException(ErrorCode.VALUE_INVALID, RULE_NAN,
                    "NaN cannot be stored in SQLite (it would become NULL)");
        }
        if (Double.doubleToRawLongBits(d) == NEGATIVE_ZERO_BITS) {
            throw new ConversionException(ErrorCode.PRECISION_LOSS, RULE_NEGATIVE_ZERO,
                    "-0.0 cannot be stored in a SQLite REAL column (it would become 0.0)");
        }
        return d;
    }

    static void bindNull(PreparedStatement ps, int index) throws SQLException {
        ps.setNull(index, Types.NULL);
    }
}
