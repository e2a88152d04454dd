package io.decant.mysql;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds one non-null value of a column's logical type to a statement parameter. Chosen once per
 * column when a sink opens ({@link Writers}); throws
 * {@link io.decant.core.transform.ConversionException} for a value MySQL cannot store unchanged.
 */
@FunctionalInterface
interface ColumnWriter {
    void bind(PreparedStatement ps, int index, Object value) throws SQLException;
}
