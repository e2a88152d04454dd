package io.decant.mysql;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current row as its logical type's Java representation, or null. Chosen
 * once per column when a stream opens ({@link Readers}); it may throw
 * {@link io.decant.core.transform.ConversionException} for a value it cannot represent.
 */
@FunctionalInterface
interface ColumnReader {
    Object read(ResultSet rs, int index) throws SQLException;
}
