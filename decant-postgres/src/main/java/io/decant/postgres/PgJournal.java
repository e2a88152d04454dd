package io.decant.postgres;

import io.decant.core.error.ErrorContext;
import io.decant.core.schema.TableId;
import io.decant.core.spi.Journal;
import io.decant.core.spi.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run journal as a table, {@code decant_journal}, in the target's first schema. Table marks are
 * inserted by the sink on its own connection, inside the table's transaction ({@link #insert}).
 */
final class PgJournal implements Journal {
    private final PgConnector connector;
    private final TableId table;

    PgJournal(PgConnector connector, String schema) {
        this.connector = connector;
        this.table = PgNames.tableId(schema, JournalEntry.TABLE_NAME);
    }

    @Override
    public void prepare() {
        try (Connection c = connector.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + PgNames.table(table) + " (seq bigserial PRIMARY KEY,"
                    + " run_id text NOT NULL, plan_hash text NOT NULL, event text NOT NULL, table_name text,"
                    + " row_count bigint NOT NULL DEFAULT 0, at timestamptz NOT NULL, resume_at text)");
            // Journals made before chunked loads have no resume_at yet.
            s.execute("ALTER TABLE " + PgNames.table(table) + " ADD COLUMN IF NOT EXISTS resume_at text");
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("journal"), "creating " + table.display());
        }
    }

    @Override
    public List<JournalEntry> read() {
        List<JournalEntry> out = new ArrayList<>();
        try (Connection c = connector.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT run_id, plan_hash, event, table_name, row_count,"
                     + " extract(epoch from at)::numeric(20,6)::text, resume_at FROM " + PgNames.table(table) + " ORDER BY seq")) {
            while (rs.next()) {
                out.add(new JournalEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        epoch(rs.getString(6)), rs.getString(7)));
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("journal"), "reading " + table.display());
        }
        return out;
    }

    @Override
    public void append(JournalEntry entry) {
        try (Connection c = connector.open()) {
            insert(c, entry, entry.rows());
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("journal"), "writing " + table.display());
        }
    }

    /** Inserts on {@code c}, in whatever transaction it has open. */
    void insert(Connection c, JournalEntry e, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + PgNames.table(table)
                + " (run_id, plan_hash, event, table_name, row_count, at, resume_at)"
                + " VALUES (?, ?, ?, ?, ?, to_timestamp(?::double precision), ?)")) {
            ps.setString(1, e.runId());
            ps.setString(2, e.planHash());
            ps.setString(3, e.event());
            ps.setString(4, e.table());
            ps.setLong(5, rows);
            ps.setString(6, e.at().getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%06d", e.at().getNano() / 1000));
            ps.setString(7, e.position());
            ps.executeUpdate();
        }
    }

    private static Instant epoch(String s) {
        java.math.BigDecimal d = new java.math.BigDecimal(s);
        long sec = d.longValue();
        long micros = d.subtract(java.math.BigDecimal.valueOf(sec)).movePointRight(6).longValue();
        return Instant.ofEpochSecond(sec, micros * 1000);
    }

}
