package io.decant.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The COPY of {@code --on-error reject}: rows the server refuses (a duplicate key, a CHECK, a foreign
 * key, NOT NULL, a value too long or out of range) are set aside one by one and every other row loads.
 *
 * <p>Rows go in batches of at most {@link #MAX_ROWS} rows or {@link #MAX_BYTES} bytes, each its own
 * COPY inside a savepoint. A batch is streamed while it fills, as the one COPY of the default mode is,
 * and its encoded rows (with each row's end offset) and the rows themselves are kept until the server
 * has taken it. When the server refuses a batch with a row-level SQLState (see
 * {@link PgErrors#refusesRow}), the savepoint is rolled back and the batch is split, each part sent
 * again as a COPY in a savepoint of its own, until every refused row stands alone: it goes to
 * {@link Refusals} and the rest is loaded exactly once, in the original order (so of two rows with
 * the same key, the first wins). Any other error is thrown and fails the table.
 *
 * <p>Splitting: a refusal by an immediate check names its row (the COPY's "line", counted from the
 * part's first row). The rows before it were accepted a moment ago and are sent again as one part;
 * the named row is set aside without another try when they all load again (the table is then as it
 * was when the server refused it); the rest is split in halves. A refusal that names no row (a
 * foreign key or a deferrable constraint, checked at the end of the COPY) splits the part in halves.
 * So a refused row the server names costs about three extra COPYs, one it does not name at most
 * about 2·log2(n) for a batch of n rows, and a batch never takes more than 2n COPYs however many of
 * its rows are bad (each part that fails is split in two or more, and no part is smaller than a row).
 */
final class IsolatingCopy {
    private static final Logger LOG = LoggerFactory.getLogger(IsolatingCopy.class);
    static final int MAX_ROWS = 10_000;
    static final int MAX_BYTES = 4 << 20;
    private static final String SAVEPOINT = "decant_rows";
    private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    /** Where refused rows go, each with the server's reason. */
    @FunctionalInterface
    interface Refusals {
        /** @param ordinal the number the row was given to {@link #add} with */
        void refused(long ordinal, Object[] row, SQLException reason);
    }

    private final Connection connection;
    private final CopyManager copyApi;
    private final String copySql;
    private final byte[] header;
    private final CopyBuffer buffer;
    private final Refusals refusals;
    private final int maxRows;
    private final int maxBytes;
    private final Object[][] rows;
    private final long[] ordinals;
    private final int[] ends;
    private int count;
    /** Bytes of the batch already streamed to the open COPY. */
    private int sent;
    private CopyIn copy;
    /** The refusal of the streamed batch, once the server sent one: the rest of the batch is only collected. */
    private SQLException refusal;
    private long accepted;
    private long refused;
    private long bytes;
    private long copies;

    /**
     * @param buffer where the caller encodes each row (without header) before {@link #add}; this
     *               class empties it between batches
     */
    IsolatingCopy(Connection connection, CopyManager copyApi, String copySql, byte[] header, CopyBuffer buffer,
                  Refusals refusals) {
        this(connection, copyApi, copySql, header, buffer, refusals, MAX_ROWS, MAX_BYTES);
    }

    /** With other batch limits (tests). */
    IsolatingCopy(Connection connection, CopyManager copyApi, String copySql, byte[] header, CopyBuffer buffer,
                  Refusals refusals, int maxRows, int maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.rows = new Object[maxRows][];
        this.ordinals = new long[maxRows];
        this.ends = new int[maxRows];
        this.connection = connection;
        this.copyApi = copyApi;
        this.copySql = copySql;
        this.header = header.clone();
        this.buffer = buffer;
        this.refusals = refusals;
    }

    /** Takes {@code row}, already encoded into the buffer (ending at its position); {@code ordinal} names it to {@link Refusals}. */
    void add(Object[] row, long ordinal) throws SQLException {
        rows[count] = row;
        ordinals[count] = ordinal;
        ends[count] = buffer.position();
        count++;
        if (count == maxRows || buffer.position() >= maxBytes) {
            endBatch();
        } else if (buffer.position() - sent >= CopyBuffer.FLUSH_AT) {
            stream();
        }
    }

    /** Sends the last batch. */
    void finish() throws SQLException {
        endBatch();
    }

    /** Rows the server took. */
    long accepted() {
        return accepted;
    }

    long refused() {
        return refused;
    }

    /** COPY commands sent: one per batch, and those that isolated refused rows. */
    long copies() {
        return copies;
    }

    /** Bytes of the rows as encoded, each row counted once however often it was sent. */
    long bytes() {
        return bytes;
    }

    /** Cancels a COPY in progress (the caller then rolls the transaction back). */
    void cancel() {
        cancelQuietly(copy);
        copy = null;
    }

    private void stream() throws SQLException {
        if (refusal != null) {
            return;
        }
        try {
            if (copy == null) {
                open();
            }
            copy.writeToCopy(buffer.array(), sent, buffer.position() - sent);
            sent = buffer.position();
        } catch (SQLException e) {
            refusal = rollBack(e);
        }
    }

    private void open() throws SQLException {
        savepoint();
        copy = copyApi.copyIn(copySql);
        copy.writeToCopy(header, 0, header.length);
    }

    private void endBatch() throws SQLException {
        if (count == 0) {
            return;
        }
        if (refusal == null) {
            try {
                if (copy == null) {
                    open();
                }
                copy.writeToCopy(buffer.array(), sent, buffer.position() - sent);
                copy.writeToCopy(TRAILER, 0, TRAILER.length);
                copy.endCopy();
                copy = null;
                execute("RELEASE SAVEPOINT " + SAVEPOINT);
                accepted += count;
            } catch (SQLException e) {
                refusal = rollBack(e);
            }
        }
        if (refusal != null) {
            LOG.debug("a batch of {} rows was refused ({}): isolating the rows", count, PgErrors.describe(refusal));
            isolate(refusal);
        }
        bytes += buffer.position();
        Arrays.fill(rows, 0, count, null);
        count = 0;
        sent = 0;
        refusal = null;
        buffer.reset(0);
    }

    /** A part of the batch still to send: rows [lo, hi); {@code known} is the refusal of row lo when it is alone. */
    private record Part(int lo, int hi, SQLException known, long refusedBefore) {
    }

    /** Loads every row of the refused batch that the server accepts and hands the others to {@link Refusals}. */
    private void isolate(SQLException first) throws SQLException {
        Deque<Part> todo = new ArrayDeque<>();
        split(0, count, first, todo);
        while (!todo.isEmpty()) {
            Part p = todo.pop();
            if (p.known() != null && refused == p.refusedBefore()) {
                // every row before it loaded again: it is refused for the reason already given
                refuse(p.lo(), p.known());
                continue;
            }
            SQLException e = send(p.lo(), p.hi());
            if (e == null) {
                accepted += p.hi() - p.lo();
            } else if (p.hi() - p.lo() == 1) {
                refuse(p.lo(), e);
            } else {
                split(p.lo(), p.hi(), e, todo);
            }
        }
    }

    /** Plans the parts of rows [lo, hi), which the server refused with {@code e}; the first part ends up on top. */
    private void split(int lo, int hi, SQLException e, Deque<Part> todo) {
        if (hi - lo == 1) {
            todo.push(new Part(lo, hi, e, refused));
            return;
        }
        int line = copyLine(e);
        if (line >= 1 && line <= hi - lo) {
            int bad = lo + line - 1;
            halves(bad + 1, hi, todo);
            todo.push(new Part(bad, bad + 1, e, refused));
            if (bad > lo) {
                todo.push(new Part(lo, bad, null, 0));
            }
        } else {
            halves(lo, hi, todo);
        }
    }

    private static void halves(int lo, int hi, Deque<Part> todo) {
        if (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            todo.push(new Part(mid, hi, null, 0));
            todo.push(new Part(lo, mid, null, 0));
        } else if (hi - lo == 1) {
            todo.push(new Part(lo, hi, null, 0));
        }
    }

    private void refuse(int i, SQLException e) {
        refused++;
        refusals.refused(ordinals[i], rows[i], e);
    }

    /** Sends rows [lo, hi) as one COPY in a savepoint: null when the server took them, else its refusal (rolled back). */
    private SQLException send(int lo, int hi) throws SQLException {
        savepoint();
        CopyIn c = null;
        try {
            c = copyApi.copyIn(copySql);
            c.writeToCopy(header, 0, header.length);
            int from = lo == 0 ? 0 : ends[lo - 1];
            c.writeToCopy(buffer.array(), from, ends[hi - 1] - from);
            c.writeToCopy(TRAILER, 0, TRAILER.length);
            c.endCopy();
        } catch (SQLException e) {
            cancelQuietly(c);
            return rollBack(e);
        }
        execute("RELEASE SAVEPOINT " + SAVEPOINT);
        return null;
    }

    /**
     * After {@code e} ended a COPY: a refused row rolls back to the savepoint and is returned; anything
     * else (the connection, a permission, a bug) is thrown as it is.
     */
    private SQLException rollBack(SQLException e) throws SQLException {
        cancel();
        if (!PgErrors.refusesRow(e)) {
            throw e;
        }
        execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
        return e;
    }

    private static void cancelQuietly(CopyIn c) {
        if (c != null && c.isActive()) {
            try {
                c.cancelCopy();
            } catch (SQLException x) {
                LOG.debug("cancelling a refused COPY: {}", PgErrors.describe(x));
            }
        }
    }

    /** The row the server named ("COPY t, line 3": the part's third row), or -1. */
    private static int copyLine(SQLException e) {
        Long line = PgErrors.copyLine(e);
        return line == null || line > Integer.MAX_VALUE ? -1 : line.intValue();
    }

    /**
     * Each COPY gets a savepoint. Deferrable constraints are made immediate (in every transaction:
     * the caller may commit between batches), else they would be checked only at the commit, where a
     * bad row fails the whole table.
     */
    private void savepoint() throws SQLException {
        execute("SET CONSTRAINTS ALL IMMEDIATE; SAVEPOINT " + SAVEPOINT);
        copies++;
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
