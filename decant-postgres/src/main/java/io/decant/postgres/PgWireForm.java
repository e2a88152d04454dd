package io.decant.postgres;

import io.decant.core.schema.TableId;
import io.decant.core.spi.RowEncoding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows in PostgreSQL's binary COPY form, as a source and a sink agree on it to pass rows through
 * without decoding them. A column qualifies when its type is built in (its OID is below the first
 * one a database assigns, so it is the same type on every server) and is spelled the same with its
 * modifiers; a domain, an enum or an array of either does not (their binary form carries OIDs that
 * differ between databases, or their checks belong to the target). The form also names the
 * server's major version: the binary form of a type is only promised within one.
 */
final class PgWireForm {
    /** PostgreSQL's FirstNormalObjectId: OIDs below it are built in. */
    private static final int FIRST_NORMAL_OID = 16384;
    private static final String ATTRIBUTES = """
            SELECT a.attname, a.atttypid, pg_catalog.format_type(a.atttypid, a.atttypmod)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped""";

    private PgWireForm() {
    }

    static String format(Connection c) throws SQLException {
        return "PostgreSQL " + c.getMetaData().getDatabaseMajorVersion() + " binary COPY";
    }

    /** The column's type as the form identifies it, or null when it cannot pass through. */
    static String columnType(int oid, String spelled) {
        return oid > 0 && oid < FIRST_NORMAL_OID ? oid + " " + spelled : null;
    }

    /** Each column's {@link #columnType}, by name (a null value: that column cannot pass through). */
    static Map<String, String> columnTypes(Connection c, TableId table) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(ATTRIBUTES)) {
            ps.setString(1, PgIdentifiers.table(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), columnType(rs.getInt(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** The encoding for {@code columns} of a table with these {@link #columnTypes}, or null when one cannot pass through. */
    static RowEncoding encoding(String format, List<String> columns, Map<String, String> types) {
        List<String> out = new ArrayList<>(columns.size());
        for (String c : columns) {
            String t = types.get(c);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return new RowEncoding(format, out);
    }
}
