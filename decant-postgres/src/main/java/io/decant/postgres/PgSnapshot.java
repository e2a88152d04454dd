package io.decant.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One snapshot shared by every table read from a source, as pg_dump does: a connection opened at
 * the first read exports its REPEATABLE READ snapshot (pg_export_snapshot) and stays open until the
 * source is closed; every row stream imports it, so all tables show the same moment even while the
 * application writes. Where exporting fails (a pooler in transaction mode, an old standby) reads
 * fall back to one snapshot per table, and {@link #describe()} says so.
 */
final class PgSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(PgSnapshot.class);
    private final PgConnector connector;
    private final boolean enabled;
    private Connection holder;
    private String id;
    private String failure;

    PgSnapshot(PgConnector connector, boolean enabled) {
        this.connector = connector;
        this.enabled = enabled;
    }

    /** The exported snapshot id, exporting it on first use; null when reads cannot share one. */
    synchronized String id() {
        if (!enabled || failure != null || id != null) {
            return id;
        }
        Connection c = connector.open();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                rs.next();
                id = rs.getString(1);
            }
            holder = c;
        } catch (SQLException e) {
            failure = PgErrors.describe(e);
            LOG.warn("cannot export a snapshot, each table is read in a snapshot of its own: {}", failure);
            PgConnector.closeQuietly(c);
        }
        return id;
    }

    synchronized String describe() {
        if (!enabled) {
            return "none: each table is read in its own REPEATABLE READ transaction (shared snapshot turned off)";
        }
        if (failure != null) {
            return "none: each table is read in its own REPEATABLE READ transaction (exporting a snapshot failed)";
        }
        return "one snapshot for all tables (pg_export_snapshot, held until the source is closed)";
    }

    synchronized void close() {
        PgConnector.closeQuietly(holder);
        holder = null;
    }
}
