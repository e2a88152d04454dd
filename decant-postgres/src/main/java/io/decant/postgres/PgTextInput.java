package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Text into a column of a type decant does not model (tsvector, interval, inet, a range, a composite,
 * hstore, a multi-dimensional array, ...): the target reads the text with the type's own input (a cast
 * from text), and the type's send function gives the binary form the sink's COPY takes. Both run on the
 * target server, for a batch of values in one query, on a connection of their own (the sink's is busy
 * with its COPY). The cast names the type without its modifier, so it neither pads nor truncates (a cast
 * to bit(8) would); the column's modifier is applied where COPY applies it, when the binary value is
 * received, so bit(8) refuses '101' as COPY's text form would. A cast to a domain checks its constraints.
 * Input functions cannot be called directly: most are polymorphic (range_in returns anyrange).
 *
 * <p>Rejected alternatives: COPY in text form for the whole table (a second encoder for every logical
 * type, and the binary form's exactness lost for the other columns), and a staging table filled by COPY
 * and moved with INSERT ... SELECT (every row written twice, and a refused value no longer names its row).
 */
final class PgTextInput {
    private static final String SEND = """
            SELECT ns.nspname, fs.proname, pg_catalog.format_type(t.oid, -1)
            FROM pg_catalog.pg_type t
            LEFT JOIN pg_catalog.pg_proc fs ON fs.oid = t.typsend LEFT JOIN pg_catalog.pg_namespace ns ON ns.oid = fs.pronamespace
            WHERE t.oid = ?""";

    private final String sql;
    private final String single;
    final String typeName;

    private PgTextInput(String sql, String single, String typeName) {
        this.sql = sql;
        this.single = single;
        this.typeName = typeName;
    }

    /** The route for a column of type {@code oid} (a domain's send function is its base type's). */
    static PgTextInput of(Connection c, int oid, ErrorContext where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SEND)) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw DecantException.internal("type " + oid + " of " + where.column() + " is not in pg_type", null);
                }
                String type = rs.getString(3);
                if (rs.getString(2) == null) {
                    throw new DecantException(ErrorCode.SCHEMA_MISMATCH, where, "the target's type " + type
                            + " has no binary send function, so decant cannot load it with binary COPY; skip the column"
                            + " in the spec and fill it afterwards");
                }
                String send = PgIdentifiers.quote(rs.getString(1)) + "." + PgIdentifiers.quote(rs.getString(2));
                return new PgTextInput("SELECT " + send + "(CAST(u.v AS " + type + ")) FROM unnest(?::pg_catalog.text[])"
                        + " WITH ORDINALITY u(v, n) ORDER BY u.n", "SELECT " + send + "(CAST(?::pg_catalog.text AS " + type + "))", type);
            }
        }
    }

    /** The binary form of each value, in order (none null); throws on the first one the type refuses. */
    byte[][] convert(Connection c, String[] values) throws SQLException {
        byte[][] out = new byte[values.length][];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", values));
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    out[i] = rs.getBytes(1);
                }
            }
        }
        return out;
    }

    /** One value's binary form: to find which value of a refused batch the type refuses, and why. */
    byte[] convertOne(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(single)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }
}
