package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Empties tables in one transaction. Not TRUNCATE: in MySQL it is DDL, commits on its own, and so
 * cannot be undone if the third of five tables fails. DELETE is slower but all-or-nothing.
 * Foreign-key checks are off for the transaction so that cycles and self-references do not block
 * it, which is safe only because every table that references an emptied table is emptied too:
 * that is checked first, and a table outside the set that references one inside stops the
 * truncation before anything is deleted.
 */
final class Truncation {
    private final MysqlConnector connector;
    private final String database;

    Truncation(MysqlConnector connector, String database) {
        this.connector = connector;
        this.database = database;
    }

    void truncate(List<Table> tables) {
        if (tables.isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        tables.forEach(t -> names.add(t.name()));
        Connection c = connector.open();
        try {
            List<String> outside = referencesFromOutside(c, names);
            if (!outside.isEmpty()) {
                throw new DecantException(ErrorCode.CONSTRAINT_VIOLATION, ErrorContext.EMPTY.withPhase("truncate"),
                        "cannot empty these tables: rows of tables not being emptied reference them: "
                                + String.join(", ", outside) + "; include those tables or drop the foreign keys");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET FOREIGN_KEY_CHECKS = 0");
                for (Table t : tables) {
                    s.executeUpdate("DELETE FROM " + MysqlIdentifiers.quote(t.name()));
                }
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw connector.error(e, ErrorContext.EMPTY.withPhase("truncate"));
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            MysqlConnector.closeQuietly(c);
        }
    }

    /** Foreign keys into the set from tables outside it that hold rows (an empty referencing table is harmless). */
    private List<String> referencesFromOutside(Connection c, Set<String> names) throws SQLException {
        List<String[]> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME"
                        + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE UNIQUE_CONSTRAINT_SCHEMA = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean sameDatabase = database.equals(rs.getString(1));
                    String child = rs.getString(2);
                    if (names.contains(rs.getString(4)) && !(sameDatabase && names.contains(child))) {
                        candidates.add(new String[] {rs.getString(1), child, rs.getString(3), rs.getString(4)});
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] fk : candidates) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 FROM " + MysqlIdentifiers.quote(fk[0]) + "." + MysqlIdentifiers.quote(fk[1])
                         + " LIMIT 1")) {
                if (rs.next()) {
                    out.add(fk[1] + " -> " + fk[3] + " (" + fk[2] + ")");
                }
            }
        }
        return out;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // closing the connection rolls back too
        }
    }
}
