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
 * The run journal as a table, {@code decant_journal}, in a schema of its own ({@value #DEFAULT_SCHEMA} unless
 * {@code --journal-schema} names another), so that decant's bookkeeping stays out of the application's schema
 * and is dropped with {@code DROP SCHEMA decant CASCADE}. Schema and table are created by {@link #prepare},
 * which a run calls only once it writes; reading a target that has none finds no entries. A journal an older
 * decant kept in the target's own schema is still read, and moved into the journal schema when a run writes.
 * Table marks are inserted by the sink on its own connection, inside the table's transaction ({@link #insert}).
 */
final class PgJournal implements Journal {
    static final String DEFAULT_SCHEMA = "decant";

    private final PgConnector connector;
    private final TableId table;
    /** Where decant kept the journal before it had a schema of its own: the target's first schema. */
    private final TableId legacy;
    private final IdleConnections connections;

    /** One of {@link #connections}, given back when closed. */
    private Lease lease() {
        return new Lease(connections.take());
    }

    private final class Lease implements AutoCloseable {
        final Connection c;

        Lease(Connection c) {
            this.c = c;
        }

        @Override
        public void close() {
            connections.give(c);
        }
    }

    /** @param connections where the journal's reads and writes get a connection, and give it back */
    PgJournal(PgConnector connector, IdleConnections connections, String journalSchema, String targetSchema) {
        this.connector = connector;
        this.connections = connections;
        this.table = PgIdentifiers.tableId(journalSchema, JournalEntry.TABLE_NAME);
        this.legacy = PgIdentifiers.tableId(targetSchema, JournalEntry.TABLE_NAME);
    }

    @Override
    public void prepare() {
        try (Lease l = lease(); Statement s = l.c.createStatement()) {
            Connection c = l.c;
            // Only when missing: CREATE SCHEMA IF NOT EXISTS still needs CREATE on the database, which a role that
            // was given a schema of its own (--journal-schema) may not have.
            if (!schemaExists(c, PgIdentifiers.schemaOf(table))) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + PgIdentifiers.quote(PgIdentifiers.schemaOf(table)));
            }
            if (!exists(c, table) && !legacy.equals(table) && exists(c, legacy)) {
                s.execute("ALTER TABLE " + PgIdentifiers.table(legacy) + " SET SCHEMA " + PgIdentifiers.quote(PgIdentifiers.schemaOf(table)));
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + PgIdentifiers.table(table) + " (seq bigserial PRIMARY KEY,"
                    + " run_id text NOT NULL, plan_hash text NOT NULL, event text NOT NULL, table_name text,"
                    + " row_count bigint NOT NULL DEFAULT 0, at timestamptz NOT NULL, resume_at text)");
            // Journals made before chunked loads have no resume_at yet.
            s.execute("ALTER TABLE " + PgIdentifiers.table(table) + " ADD COLUMN IF NOT EXISTS resume_at text");
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new io.decant.core.error.DecantException(io.decant.core.error.ErrorCode.PERMISSION_DENIED,
                        ErrorContext.EMPTY.withPhase("journal"), "creating decant's run journal " + table.display()
                        + " was refused (" + e.getMessage() + "); grant the role CREATE on the database, or name a schema"
                        + " it may create tables in with --journal-schema NAME", e);
            }
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("journal"), "creating " + table.display());
        }
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean exists(Connection c, TableId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, PgIdentifiers.table(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public List<JournalEntry> read() {
        List<JournalEntry> out = new ArrayList<>();
        try (Lease l = lease()) {
            Connection c = l.c;
            TableId from = exists(c, table) ? table : !legacy.equals(table) && exists(c, legacy) ? legacy : null;
            if (from == null) {
                return out; // no run has written to this target yet
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT run_id, plan_hash, event, table_name, row_count,"
                         + " extract(epoch from at)::numeric(20,6)::text, resume_at FROM " + PgIdentifiers.table(from) + " ORDER BY seq")) {
                while (rs.next()) {
                    out.add(new JournalEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            epoch(rs.getString(6)), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("journal"), "reading " + table.display());
        }
        return out;
    }

    @Override
    public void append(JournalEntry entry) {
        try (Lease l = lease()) {
            insert(l.c, entry, entry.rows());
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("journal"), "writing " + table.display());
        }
    }

    /** Drops the journal's table, and its schema when nothing else is in it (RESTRICT: never another's objects). */
    @Override
    public void discard() {
        try (Connection c = connector.open(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + PgIdentifiers.table(table));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relnamespace = to_regnamespace("
                    + PgIdentifiers.literal(PgIdentifiers.quote(PgIdentifiers.schemaOf(table))) + ")")) {
                rs.next();
                if (rs.getLong(1) == 0 && !PgIdentifiers.schemaOf(table).equals(PgIdentifiers.DEFAULT_SCHEMA)) {
                    s.execute("DROP SCHEMA IF EXISTS " + PgIdentifiers.quote(PgIdentifiers.schemaOf(table)) + " RESTRICT");
                }
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("journal"), "removing " + table.display());
        }
    }

    /**
     * A session-level advisory lock on the chunk (its key hashed to 64 bits: two chunks that share a hash only
     * wait for each other), held on a connection of its own until the claim is closed; a task that dies
     * with it loses the session and so the lock.
     */
    @Override
    public Claim claim(String runId, String tableName, String position) {
        Connection c = connector.open();
        try {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 18))")) {
                ps.setString(1, runId + "\n" + tableName + "\n" + position);
                ps.execute();
            }
            long rows = -1;
            if (exists(c, table)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT row_count FROM " + PgIdentifiers.table(table)
                        + " WHERE run_id = ? AND event = ? AND table_name = ? AND resume_at = ? ORDER BY seq LIMIT 1")) {
                    ps.setString(1, runId);
                    ps.setString(2, JournalEntry.CHUNK_DONE);
                    ps.setString(3, tableName);
                    ps.setString(4, position);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            rows = rs.getLong(1);
                        }
                    }
                }
            }
            long recorded = rows;
            return new Claim() {
                @Override
                public long recordedRows() {
                    return recorded;
                }

                @Override
                public void close() {
                    PgConnector.closeQuietly(c); // ending the session releases its advisory locks
                }
            };
        } catch (SQLException e) {
            PgConnector.closeQuietly(c);
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("journal").withTable(tableName), "claiming a chunk in "
                    + table.display());
        }
    }

    /** Inserts on {@code c}, in whatever transaction it has open. */
    void insert(Connection c, JournalEntry e, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + PgIdentifiers.table(table)
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
