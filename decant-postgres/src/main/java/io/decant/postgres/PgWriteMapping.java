package io.decant.postgres;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each column of an existing table is written: its binary COPY encoder, found from the column's
 * actual type in the catalog. Plan asks {@link #problems} through the target (so that a column the
 * sink cannot write stops the run before its first row); the sink builds the same mapping with
 * {@link #lookup} when it opens and refuses again, as an assertion, should the table have changed
 * in between.
 */
final class PgWriteMapping {
    private static final String ATTRIBUTES = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid, a.atttypmod
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped""";

    /** One target column as the catalog has it: resolved type, its spelling, its wire-form type (null: none) and type oid. */
    record Attribute(PgTypeCatalog.Resolved type, String spelled, String wireType, int oid) {
    }

    private PgWriteMapping() {
    }

    /** The table's columns by name, read on {@code c} (the table may have been created on it just now). */
    static Map<String, Attribute> lookup(Connection c, Table table) throws SQLException {
        return lookup(c, PgTypeCatalog.load(c), table);
    }

    static Map<String, Attribute> lookup(Connection c, PgTypeCatalog types, Table table) throws SQLException {
        Map<String, Attribute> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(ATTRIBUTES)) {
            ps.setString(1, PgIdentifiers.table(table.id()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Attribute(types.resolve(rs.getInt(3), rs.getInt(4)), rs.getString(2),
                            PgWireForm.columnType(rs.getInt(3), rs.getString(2)), rs.getInt(3)));
                }
            }
        }
        return out;
    }

    /**
     * Why {@code column} cannot be written into {@code actual} (null: the table has no such column), or null when it
     * can; with both ways out, for the sink, which has no spec path to name.
     */
    static String problem(Column column, Attribute actual) {
        String why = mismatch(column, actual);
        return why == null || actual == null ? why : why + ": leave the column out with skip: true in the spec, or "
                + alter(column);
    }

    /**
     * The reason alone. Plan writes each column of an existing table as that column's own logical type, so a cast in
     * the spec never changes what is written here: the ways out are leaving the column out (plan names its spec line)
     * and giving the target column the type decant writes.
     */
    private static String mismatch(Column column, Attribute actual) {
        if (actual == null) {
            return "the target table has no column " + column.name();
        }
        if (BinaryEncoders.find(actual.type(), column.type()) == null && !readsText(column, actual)) {
            return "cannot load " + column.type() + " values into a column of type " + actual.spelled()
                    + " (binary COPY needs matching types, and no cast in the spec changes the type written here)";
        }
        return null;
    }

    private static String alter(Column column) {
        return "make the target column " + PgTypeMapping.nativeType(column.type());
    }

    /**
     * Whether text goes into the column through the target's own input function ({@link PgTextInput}):
     * into a type decant does not model (tsvector, inet, a range, ...), or from a source column plan
     * moves as the database's text (an unsupported type, the same on both sides). Text into a type
     * decant models (integer) is plan's to convert, or to refuse.
     */
    static boolean readsText(Column column, Attribute actual) {
        return column.type().kind() == io.decant.core.type.Kind.TEXT
                && (!column.isSupported() || PgTypeMapping.toLogical(actual.type(), actual.spelled()).type() == null);
    }

    /** For plan: each of {@code columns} that the sink could not write, with the reason. */
    static Map<String, String> problems(Connection c, PgTypeCatalog types, Table table, List<Column> columns)
            throws SQLException {
        Map<String, Attribute> actual = lookup(c, types, table);
        Map<String, String> out = new LinkedHashMap<>();
        for (Column col : columns) {
            Attribute a = actual.get(col.name());
            String p = mismatch(col, a);
            if (p != null) {
                // plan follows this with the column's own skip line
                out.put(col.name(), a == null ? p : p + ": " + alter(col));
            }
        }
        return out;
    }
}
