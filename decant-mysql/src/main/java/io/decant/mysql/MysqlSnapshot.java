package io.decant.mysql;

import io.decant.core.error.ErrorContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One consistent view of the whole database for every table a run reads, as mysqldump
 * --single-transaction with --master-data and mydumper take it: {@code FLUSH TABLES WITH READ LOCK}
 * on one connection, so that no write commits in between, while each reading connection runs
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}; then {@code UNLOCK TABLES}. The lock is held
 * for the few milliseconds the transactions take to start. Each reading connection then sees the
 * database as it was at that instant, for every InnoDB table, however long the run takes.
 *
 * <p>A MySQL connection streams one result at a time, so the pool holds a few such connections and
 * a table's stream borrows one and gives it back when it ends; a stream closed early stops its query
 * with KILL QUERY (the driver's cancel), which leaves the transaction and its snapshot in place. A
 * connection that failed is dropped; when none is left, a table is read over a fresh connection and
 * {@link #description()} says the snapshot was lost. Without the RELOAD privilege the lock cannot be
 * taken: {@link #open} returns null and each table is read over its own connection, as {@code plan}
 * says.
 */
final class MysqlSnapshot {
    static final int LOCK_WAIT_SECONDS = 5;
    private final MysqlConnector connector;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private int live;
    private boolean lost;

    private MysqlSnapshot(MysqlConnector connector) {
        this.connector = connector;
    }

    /**
     * Starts {@code size} snapshot transactions under one global read lock, or returns null when
     * the lock is refused (no RELOAD privilege, or a server that forbids it).
     */
    static MysqlSnapshot open(MysqlConnector connector, int size) {
        Connection lock = connector.open();
        MysqlSnapshot s = new MysqlSnapshot(connector);
        try {
            try (Statement st = lock.createStatement()) {
                // A statement still running elsewhere (another stream of this process on the same server) makes
                // the lock wait; after a few seconds the read goes on without a snapshot rather than hang.
                st.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
                st.execute("FLUSH TABLES WITH READ LOCK");
            } catch (SQLException e) {
                return null;
            }
            try {
                for (int i = 0; i < size; i++) {
                    Connection c = connector.open();
                    s.live++;
                    s.idle.add(c);
                    try (Statement st = c.createStatement()) {
                        st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                        st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                    }
                }
            } catch (SQLException e) {
                s.close();
                throw connector.error(e, ErrorContext.EMPTY.withPhase("snapshot"));
            } catch (RuntimeException e) {
                s.close();
                throw e;
            } finally {
                try (Statement st = lock.createStatement()) {
                    st.execute("UNLOCK TABLES");
                } catch (SQLException ignored) {
                    // closing the connection below releases the lock as well
                }
            }
            return s;
        } finally {
            MysqlConnector.closeQuietly(lock);
        }
    }

    /** A connection inside the snapshot, waiting while all are busy; null once none is left. */
    synchronized Connection borrow() {
        while (idle.isEmpty() && live > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (idle.isEmpty()) {
            lost = true;
            return null;
        }
        return idle.pop();
    }

    synchronized void giveBack(Connection c) {
        idle.push(c);
        notifyAll();
    }

    /** A connection that failed or was aborted: it leaves the pool. */
    synchronized void drop(Connection c) {
        live--;
        MysqlConnector.closeQuietly(c);
        notifyAll();
    }

    synchronized String description() {
        return lost
                ? "one snapshot for the tables read first; the snapshot's connections failed, so later tables were"
                + " read over connections of their own"
                : "one snapshot for all InnoDB tables (FLUSH TABLES WITH READ LOCK while the reading connections start"
                + " consistent-snapshot transactions, then UNLOCK TABLES); other engines (MyISAM) are read as they are";
    }

    synchronized void close() {
        for (Connection c : idle) {
            try (Statement st = c.createStatement()) {
                st.execute("COMMIT");
            } catch (SQLException ignored) {
                // read-only: nothing to keep
            }
            MysqlConnector.closeQuietly(c);
        }
        live -= idle.size();
        idle.clear();
    }
}
