package io.decant.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;

/**
 * Connections kept between uses in one run: a sink's after its commit, for the next table's sink, and
 * the run journal's between its reads and writes (before this, each opened and closed its own). A new connection
 * costs a backend start, authentication, two SETs and a cold catalog cache for the first queries (the
 * type catalog, the table's attributes, the key lookup): on the profile of a 9-table migration, about
 * 40-70 ms a table, in the load phase, while the reader had nothing to do.
 *
 * <p>Only a connection whose sink committed comes back, with no transaction open: a sink that aborted
 * (or cancelled a COPY) closes its own. Sink sessions hold no state past a transaction (their one SET
 * is {@code SET LOCAL}; the SETs of {@link PgConnector} are the same for every connection). Connections
 * an application hands over through a DataSource are never kept: its pool does that. At most
 * {@link #MAX_IDLE} are kept (one per table loading at once is what a run needs); the rest close.
 */
final class IdleConnections implements AutoCloseable {
    static final int MAX_IDLE = 4;

    private final PgConnector connector;
    private final int maxIdle;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    IdleConnections(PgConnector connector) {
        this(connector, MAX_IDLE);
    }

    /** @param maxIdle how many to keep at most; 0 keeps none (every connection closes when its work is done) */
    IdleConnections(PgConnector connector, int maxIdle) {
        this.connector = connector;
        this.maxIdle = maxIdle;
    }

    /** An idle connection, or a new one; either way in autocommit mode, as {@link PgConnector#open()} gives it. */
    Connection take() {
        while (true) {
            Connection c;
            synchronized (this) {
                c = idle.pollFirst();
            }
            if (c == null) {
                return connector.open();
            }
            if (usable(c)) {
                return c;
            }
            PgConnector.closeQuietly(c);
        }
    }

    /**
     * Takes back a connection whose work is done (a sink's after its commit); closes it when it cannot be
     * kept: inside a transaction (a failed one included), closed, or more than {@code maxIdle} waiting.
     */
    void give(Connection c) {
        boolean keep;
        synchronized (this) {
            keep = !closed && !connector.fromApplication() && idle.size() < maxIdle && usable(c);
            if (keep) {
                idle.addLast(c);
            }
        }
        if (!keep) {
            PgConnector.closeQuietly(c);
        }
    }

    /** Open and not inside a transaction (a failed one included); set back to autocommit for the next user. */
    private static boolean usable(Connection c) {
        try {
            if (c.isClosed() || c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                    != org.postgresql.core.TransactionState.IDLE) {
                return false;
            }
            c.setAutoCommit(true); // no transaction is open: pgjdbc only sets its flag
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes the idle connections; a connection given back afterwards is closed at once. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        Connection c;
        while (true) {
            synchronized (this) {
                c = idle.pollFirst();
            }
            if (c == null) {
                return;
            }
            PgConnector.closeQuietly(c);
        }
    }

    /** How many connections wait for a sink, for tests. */
    synchronized int idle() {
        return idle.size();
    }
}
