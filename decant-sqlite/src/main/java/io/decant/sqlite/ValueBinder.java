package io.decant.sqlite;

import io.decant.core.error.ErrorCode;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.Conversions;
import io.decant.core.transform.Converter;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.Kind;
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
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.UUID;

/**
 * Binds one column's values to an INSERT parameter in the form {@link NativeTypes} stores them.
 * Chosen once per column when the sink opens.
 *
 * <p>Decimals go by the column's affinity. Into a column of TEXT or BLOB affinity (decant's older
 * {@code DECIMAL_TEXT}, a column without type) they are written as their exact text. Into a column
 * of NUMERIC, REAL or INTEGER affinity, where SQLite would turn that text into a double anyway, a
 * whole value that fits 64 bits is written as an integer (exact), any other value as its double,
 * but only when that double reads back, by the very rule the SQLite source reads such columns with,
 * as the same decimal: every amount of up to 15 significant digits does. Anything else is refused
 * with its two ways out (keep it exact as text, or round it to the double): never changed silently.
 *
 * <p>Timestamps are written as SQLite's own date functions write them (see {@link NativeTypes}):
 * {@code YYYY-MM-DD HH:MM:SS[.fraction]}, zoned ones in UTC without offset.
 *
 * <p>Two doubles SQLite cannot keep are refused rather than changed: NaN (SQLite stores it as
 * NULL, so it would come back as a NULL nobody wrote) and -0.0 (a REAL column stores integral values
 * as integers, so -0.0 comes back as 0.0). Infinities are kept.
 */
@FunctionalInterface
interface ValueBinder {
    String RULE_NAN = "sqlite REAL: NaN is stored as NULL, so it is refused";
    String RULE_NEGATIVE_ZERO = "sqlite REAL: -0.0 is stored as 0, so it is refused";
    /** The ways out of both: SQLite keeps the text form exactly, and a skipped column is not read. */
    String TEXT_OR_SKIP = "; keep its text form with cast: text (into a TEXT column), or leave the column out with skip: true";
    long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    /** Binds a non-null value; NULL is bound by the sink. */
    void bind(PreparedStatement ps, int index, Object value) throws SQLException;

    String RULE_DECIMAL = "sqlite NUMERIC: a decimal is stored as a number only when the number reads back as the"
            + " same decimal (every decimal of up to 15 significant digits does)";
    DateTimeFormatter SQLITE_TIMESTAMP = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter(Locale.ROOT);

    /** The decimal rule of a column declared {@code declared}, for plans ({@link SqliteTarget#writeCheck}); null where none applies. */
    static NumericCheck numericCheck(LogicalType type, String declared) {
        if (type.kind() != Kind.DECIMAL) {
            return null;
        }
        return switch (SqliteDeclaredTypes.affinity(declared)) {
            case NUMERIC, REAL, INTEGER -> new NumericCheck(Conversions.utc().find(LogicalType.FLOAT64, type).converter());
            case TEXT, BLOB -> null;
        };
    }

    /** {@link #asNumber} as a check: the value passes unchanged, or is refused. */
    record NumericCheck(Converter readBack) {
        Object check(Object v) {
            asNumber((BigDecimal) v, readBack);
            return v;
        }
    }

    /** The binder for a column of {@code type} declared with {@code affinity} (see the class comment). */
    static ValueBinder forColumn(LogicalType type, SqliteDeclaredTypes.Affinity affinity) {
        return switch (affinity) {
            case NUMERIC, REAL, INTEGER -> type.kind() == Kind.DECIMAL ? decimalAsNumber(type) : forType(type);
            case TEXT, BLOB -> forType(type);
        };
    }

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
            case TIMESTAMP -> (ps, i, v) -> ps.setString(i, ((LocalDateTime) v).format(SQLITE_TIMESTAMP));
            case TIMESTAMPTZ -> (ps, i, v) -> ps.setString(i, LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC)
                    .format(SQLITE_TIMESTAMP));
            case ARRAY -> {
                Converter toJson = Conversions.utc().find(type, LogicalType.JSON).converter();
                yield (ps, i, v) -> ps.setString(i, ((JsonText) toJson.convert(v)).text());
            }
        };
    }

    /**
     * A decimal as a number, checked against {@code readBack}: the conversion the SQLite source applies
     * to a REAL in a column of this type, so that what is written is what {@code verify} reads.
     */
    private static ValueBinder decimalAsNumber(LogicalType type) {
        Converter readBack = Conversions.utc().find(LogicalType.FLOAT64, type).converter();
        return (ps, i, v) -> {
            Number n = asNumber((BigDecimal) v, readBack);
            if (n instanceof Long l) {
                ps.setLong(i, l);
            } else {
                ps.setDouble(i, (Double) n);
            }
        };
    }

    /**
     * The number a decimal is stored as in a NUMERIC column: a Long when whole and within 64 bits, else
     * the Double when {@code readBack} (REAL to the column's type) gives the same decimal; refused otherwise.
     */
    static Number asNumber(BigDecimal d, Converter readBack) {
        if (isWholeLong(d)) {
            return d.longValueExact();
        }
        double x = d.doubleValue();
        Object back = null;
        if (!Double.isInfinite(x)) {
            try {
                back = readBack.convert(x);
            } catch (ConversionException e) {
                back = null; // the double does not even fit the column: refused below
            }
        }
        if (back instanceof BigDecimal b && b.compareTo(d) == 0) {
            return x;
        }
        throw new ConversionException(ErrorCode.PRECISION_LOSS, RULE_DECIMAL, d.toPlainString() + " would read back as "
                + (back instanceof BigDecimal b ? b.toPlainString() : Double.toString(x))
                + " from a SQLite NUMERIC column, which holds a double; keep it exact as text with cast: text on this"
                + " column, or store the nearest double with cast: {type: double precision, round: true}");
    }

    private static boolean isWholeLong(BigDecimal d) {
        if (d.signum() == 0) {
            return true;
        }
        if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
            return false;
        }
        return d.precision() - d.scale() <= 19 && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0;
    }

    BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    static double storable(double d) {
        if (Double.isNaN(d)) {
            throw new ConversionException(ErrorCode.VALUE_INVALID, RULE_NAN,
                    "NaN cannot be stored in SQLite (it would become NULL)" + TEXT_OR_SKIP);
        }
        if (Double.doubleToRawLongBits(d) == NEGATIVE_ZERO_BITS) {
            throw new ConversionException(ErrorCode.PRECISION_LOSS, RULE_NEGATIVE_ZERO,
                    "-0.0 cannot be stored in a SQLite REAL column (it would become 0.0)" + TEXT_OR_SKIP);
        }
        return d;
    }

    static void bindNull(PreparedStatement ps, int index) throws SQLException {
        ps.setNull(index, Types.NULL);
    }
}
