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
 * hstore, a multi-dimensional array, ...): the target's own input function reads the text, as COPY's
 * text form would, and the type's send function gives the binary form the sink's COPY takes. Both run
 * on the target server, for a whole batch of values in one query, on a connection of their own (the
 * sink's is busy with its COPY). The input function gets the column's type modifier, so bit(8) refuses
 * '101' and varchar(3) refuses 'abcd' exactly as COPY would; a cast ({@code v::bit(8)}) would pad or
 * truncate instead, which is why the functions are called directly. A domain's input function checks
 * the domain's constraints.
 *
 * <p>Rejected alternatives: COPY in text form for the whole table (a second encoder for every logical
 * type, and the binary form's exactness lost for the other columns), and a staging table filled by COPY
 * and moved with INSERT ... SELECT (every row written twice, and a refused value no longer names its row).
 */
final class PgTextInput {
    private static final String FUNCTIONS = """
            SELECT ni.nspname, fi.proname, fi.pronargs, ns.nspname, fs.proname,
                   CASE WHEN t.typelem <> 0 THEN t.typelem ELSE t.oid END, pg_catalog.format_type(t.oid, ?)
            FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_proc fi ON fi.oid = t.typinput JOIN pg_catalog.pg_namespace ni ON ni.oid = fi.pronamespace
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

    /** The route for a column of type {@code oid} with modifier {@code typmod}; a type without a send function has none. */
    static PgTextInput of(Connection c, int oid, int typmod, ErrorContext where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FUNCTIONS)) {
            ps.setInt(1, typmod);
            ps.setInt(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw DecantException.internal("type " + oid + " of " + where.column() + " is not in pg_type", null);
                }
                String type = rs.getString(7);
                if (rs.getString(5) == null) {
                    throw new DecantException(ErrorCode.SCHEMA_MISMATCH, where, "the target's type " + type
                            + " has no binary send function, so decant cannot load it with binary COPY; skip the column"
                            + " in the spec and fill it afterwards");
                }
                String input = PgNames.quote(rs.getString(1)) + "." + PgNames.quote(rs.getString(2));
                String send = PgNames.quote(rs.getString(4)) + "." + PgNames.quote(rs.getString(5));
                String call = rs.getInt(3) == 1 ? input + "(%s::pg_catalog.cstring)"
                        : input + "(%s::pg_catalog.cstring, " + rs.getLong(6) + "::pg_catalog.oid, " + typmod + ")";
                String one = send + "(" + call.formatted("u.v") + ")";
                return new PgTextInput("SELECT " + one + " FROM unnest(?::pg_catalog.text[]) WITH ORDINALITY u(v, n) ORDER BY u.n",
                        "SELECT " + send + "(" + call.formatted("?") + ")", type);
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
