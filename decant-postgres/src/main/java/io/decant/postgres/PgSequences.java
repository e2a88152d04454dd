package io.decant.postgres;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Moves identity and serial sequences past the loaded values, so the application's next insert does
 * not collide with a copied row. For an empty table the sequence goes back to its start with
 * is_called false, so the next value is the start itself, not start + 1.
 */
final class PgSequences {
    private PgSequences() {
    }

    static void afterLoad(Connection c, Table table) throws SQLException {
        for (Column col : table.columns()) {
            if (PgDdl.hasSequence(col)) {
                moveSequence(c, table, col);
            }
        }
    }

    private static void moveSequence(Connection c, Table table, Column col) throws SQLException {
        String sequence;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, PgIdentifiers.table(table.id()));
            // The column argument is taken literally (case kept), unlike the table argument.
            ps.setString(2, col.name());
            try (ResultSet rs = ps.executeQuery()) {
                sequence = rs.next() ? rs.getString(1) : null;
            }
        }
        if (sequence == null) {
            return; // a column marked as identity in the source but created plain in this target
        }
        long start;
        long increment;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seqstart, seqincrement FROM pg_catalog.pg_sequence WHERE seqrelid = ?::regclass")) {
            ps.setString(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                start = rs.getLong(1);
                increment = rs.getLong(2);
            }
        }
        String column = PgIdentifiers.quote(col.name());
        String extreme = increment > 0 ? "max(" + column + ")" : "min(" + column + ")";
        // Loaded values all before the start (e.g. negative ids) cannot collide with what the sequence will give.
        String beyondStart = increment > 0 ? "m >= ?" : "m <= ?";
        String sql = "SELECT CASE WHEN m IS NOT NULL AND " + beyondStart + " THEN pg_catalog.setval(?::regclass, m, true)"
                + " ELSE pg_catalog.setval(?::regclass, ?, false) END"
                + " FROM (SELECT " + extreme + "::bigint AS m FROM " + PgIdentifiers.table(table.id()) + ") x";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, start);
            ps.setString(2, sequence);
            ps.setString(3, sequence);
            ps.setLong(4, start);
            ps.execute();
        }
    }
}
