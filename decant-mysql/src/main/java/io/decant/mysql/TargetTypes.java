package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.LogicalType;

/**
 * The column type decant creates for each logical type (DESIGN.md section 6), and the logical type
 * that column then holds. Choices a user may trip over:
 * <ul>
 *   <li>DECIMAL: MySQL's DECIMAL holds at most 65 digits, 30 after the point. An unbounded decimal
 *       becomes DECIMAL(65,30) (values with more than 30 fractional digits are then a precision
 *       error, never rounded); a declared precision above 65 or scale above 30 cannot be created
 *       and is an {@link ErrorCode#UNSUPPORTED_TYPE} at plan time.</li>
 *   <li>TIMESTAMPTZ: DATETIME(6) holding UTC, not TIMESTAMP, because TIMESTAMP stops in 2038 and
 *       starts in 1970. The column carries the comment {@value SourceTypes#UTC_MARKER}, which is how
 *       discovery knows to read it back as instants.</li>
 *   <li>UUID: MariaDB 10.7+ has a UUID type; elsewhere CHAR(36), which reads back as text(36).</li>
 *   <li>TEXT: VARCHAR(n) up to 16383 characters (65535 bytes of utf8mb4), LONGTEXT beyond or when
 *       unbounded; {@link MysqlDdl} adjusts for keys and the row size limit.</li>
 *   <li>BYTES: LONGBLOB; bytes(n) (plan gives it to key columns) VARBINARY(n) up to 65535 bytes.</li>
 *   <li>ARRAY: JSON, the only MySQL type that holds a list.</li>
 * </ul>
 */
final class TargetTypes {
    static final int MAX_VARCHAR = 16383;
    static final int MAX_VARBINARY = 65535;
    static final int MAX_DECIMAL_PRECISION = 65;
    static final int MAX_DECIMAL_SCALE = 30;

    private final ServerInfo server;

    TargetTypes(ServerInfo server) {
        this.server = server;
    }

    String nativeType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "TINYINT(1)";
            case INT16 -> "SMALLINT";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case DECIMAL -> {
                LogicalType d = storedDecimal(type);
                yield "DECIMAL(" + d.precision() + "," + d.scale() + ")";
            }
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case TEXT -> type.length() > 0 && type.length() <= MAX_VARCHAR ? "VARCHAR(" + type.length() + ")" : "LONGTEXT";
            case BYTES -> type.length() > 0 && type.length() <= MAX_VARBINARY ? "VARBINARY(" + type.length() + ")" : "LONGBLOB";
            case UUID -> server.hasUuidType() ? "UUID" : "CHAR(36)";
            case JSON, ARRAY -> "JSON";
            case DATE -> "DATE";
            case TIME -> "TIME(6)";
            case TIMESTAMP, TIMESTAMPTZ -> "DATETIME(6)";
        };
    }

    LogicalType storedType(LogicalType type) {
        return switch (type.kind()) {
            case DECIMAL -> storedDecimal(type);
            case TEXT -> type.length() > MAX_VARCHAR ? LogicalType.TEXT : type;
            case BYTES -> type.length() > MAX_VARBINARY ? LogicalType.BYTES : type;
            case UUID -> server.hasUuidType() ? type : LogicalType.text(36);
            case ARRAY -> LogicalType.JSON;
            case BOOLEAN, INT16, INT32, INT64, FLOAT32, FLOAT64, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> type;
        };
    }

    private static LogicalType storedDecimal(LogicalType type) {
        int p = type.precision();
        int s = type.scale();
        if (s < 0) {
            // "As the value has it": the widest MySQL decimal; more digits are refused per value, not rounded.
            return LogicalType.decimal(MAX_DECIMAL_PRECISION, MAX_DECIMAL_SCALE);
        }
        if (p == 0) {
            p = MAX_DECIMAL_PRECISION;
        }
        if (p > MAX_DECIMAL_PRECISION || s > MAX_DECIMAL_SCALE) {
            throw new DecantException(ErrorCode.UNSUPPORTED_TYPE, type + " does not fit MySQL's DECIMAL (at most "
                    + MAX_DECIMAL_PRECISION + " digits, " + MAX_DECIMAL_SCALE
                    + " after the point); cast the column in the spec, e.g. to text");
        }
        return LogicalType.decimal(p, s);
    }
}
