package io.decant.core.spi;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run journal kept in a table of a SQL target, for dialects that need nothing special: the
 * dialect gives the DDL, the quoted table name and its connections. Times are kept as ISO text, so
 * no database's timestamp type or session zone is involved.
 */
public final class JdbcJournal implements Journal {
    /** Opens a new connection to the target, in autocommit mode. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final String createTable;
    private final String quotedName;

    /**
     * @param createTable a CREATE TABLE IF NOT EXISTS with columns seq (ascending, generated), run_id,
     *                    plan_hash, event, table_name, row_count, at (text), resume_at (text, nullable)
     */
    public JdbcJournal(Connections connections, String createTable, String quotedName) {
        this.connections = connections;
        this.createTable = createTable;
        this.quotedName = quotedName;
    }

    @Override
    public void prepare() {
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            s.execute(createTable);
            if (!hasColumn(c, "resume_at")) {
                // A journal made before chunked loads.
                s.execute("ALTER TABLE " + quotedName + " ADD COLUMN resume_at TEXT");
            }
        } catch (SQLException e) {
            throw error("creating", e);
        }
    }

    /** Whether the journal's table is there, asked of the driver's catalog so that no failed statement is involved. */
    private boolean exists(Connection c) throws SQLException {
        String name = quotedName.replace("`", "").replace("\"", "");
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, name, null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    private boolean hasColumn(Connection c, String column) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + quotedName + " WHERE 1 = 0")) {
            var meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (meta.getColumnName(i).equalsIgnoreCase(column)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public List<JournalEntry> read() {
        List<JournalEntry> out = new ArrayList<>();
        try (Connection c = connections.open()) {
            if (!exists(c)) {
                return out; // no run has written to this target yet
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT run_id, plan_hash, event, table_name, row_count, at, resume_at FROM "
                         + quotedName + " ORDER BY seq")) {
                while (rs.next()) {
                    out.add(new JournalEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), Instant.parse(rs.getString(6)), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw error("reading", e);
        }
        return out;
    }

    @Override
    public void append(JournalEntry entry) {
        try (Connection c = connections.open()) {
            insert(c, entry, entry.rows());
        } catch (SQLException e) {
            throw error("writing", e);
        }
    }

    @Override
    public void discard() {
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + quotedName);
        } catch (SQLException e) {
            throw error("removing", e);
        }
    }

    /** Inserts on {@code c}, inside whatever transaction it has open (a sink's, just before its commit). */
    public void insert(Connection c, JournalEntry e, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + quotedName
                + " (run_id, plan_hash, event, table_name, row_count, at, resume_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.runId());
            ps.setString(2, e.planHash());
            ps.setString(3, e.event());
            ps.setString(4, e.table());
            ps.setLong(5, rows);
            ps.setString(6, e.at().toString());
            ps.setString(7, e.position());
            ps.executeUpdate();
        }
    }

    private DecantException error(String doing, SQLException e) {
        return new DecantException(ErrorCode.DATABASE_ERROR, ErrorContext.EMPTY.withPhase("journal"),
                doing + " the run journal " + quotedName + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")",
                e);
    }
}
