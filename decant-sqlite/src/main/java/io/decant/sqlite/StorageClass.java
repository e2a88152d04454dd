package io.decant.sqlite;

import io.decant.core.type.LogicalType;
import java.util.Locale;

/**
 * SQLite's storage classes: what one stored value is, whatever its column declares. xerial's
 * {@code getObject} returns, per value, {@code Integer} or {@code Long} for INTEGER, {@code Double}
 * for REAL, {@code String} for TEXT and {@code byte[]} for BLOB (it asks sqlite3_column_type for
 * each value), which is what {@link #of} relies on.
 */
enum StorageClass {
    NULL(null),
    INTEGER(LogicalType.INT64),
    REAL(LogicalType.FLOAT64),
    TEXT(LogicalType.TEXT),
    BLOB(LogicalType.BYTES);

    private final LogicalType logical;

    StorageClass(LogicalType logical) {
        this.logical = logical;
    }

    /** The logical type of a value of this class read as it is: the source side of every conversion. */
    LogicalType logical() {
        return logical;
    }

    /** The name {@code typeof()} returns. */
    String typeofName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static StorageClass ofTypeof(String typeofName) {
        return valueOf(typeofName.toUpperCase(Locale.ROOT));
    }

    /** The class of a value as xerial returns it. */
    static StorageClass of(Object jdbcValue) {
        if (jdbcValue == null) {
            return NULL;
        }
        if (jdbcValue instanceof String) {
            return TEXT;
        }
        if (jdbcValue instanceof Long || jdbcValue instanceof Integer) {
            return INTEGER;
        }
        if (jdbcValue instanceof Double) {
            return REAL;
        }
        if (jdbcValue instanceof byte[]) {
            return BLOB;
        }
        throw new IllegalStateException("the SQLite driver returned a " + jdbcValue.getClass().getName());
    }
}
