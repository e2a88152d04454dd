package io.decant.sqlite;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.transform.ConversionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Loads one table on its own connection inside one {@code BEGIN IMMEDIATE} transaction: a prepared
 * INSERT, a batch of {@link #BATCH_ROWS} rows at a time, COMMIT at the end or ROLLBACK on abort.
 *
 * <p>Foreign keys are checked (unless the options say not to) but deferred to the commit with
 * {@code PRAGMA defer_foreign_keys}, as one COPY checks them at the end of its statement; a failed
 * commit names the first offending row through {@code pragma_foreign_key_check}.
 *
 * <p>xerial reports a failed batch without saying which row failed. SQLite undoes only the failing
 * statement, so the rows before it are in: the difference in {@code total_changes()} gives the
 * failing row's place, and the keys of the batch's rows (kept as references, nothing copied) name it.
 */
final class SqliteTableSink implements TableSink {
    static final int BATCH_ROWS = 1_000;

    private final String table;
    private final List<Column> columns;
    private ValueBinder[] binders;
    private final int[] keyPositions;
    private final List<String> keyNames;
    private final Object[] batchKeys;
    private final Semaphore writeLock;
    private boolean holdsLock;
    private Connection connection;
    private PreparedStatement insert;
    private Statement plain;
    private int inBatch;
    private long rows;
    private long flushed;
    private boolean done;

    private final SinkOptions options;
    private final io.decant.core.spi.JdbcJournal journal;

    SqliteTableSink(SqliteUrl url, Table table, List<Column> columns, SinkOptions options, Semaphore writeLock,
               io.decant.core.spi.JdbcJournal journal) {
        this.options = options;
        this.journal = journal;
        this.table = table.id().name();
        this.columns = List.copyOf(columns);
        List<String> names = columns.stream().map(Column::name).toList();
        List<String> key = table.rowKey().stream().filter(names::contains).toList();
        this.keyNames = key.size() == table.rowKey().size() ? key : List.of();
        this.keyPositions = keyNames.stream().mapToInt(names::indexOf).toArray();
        this.batchKeys = new Object[BATCH_ROWS * keyPositions.length];
        this.writeLock = writeLock;
        try {
            // One writer per SQLite file: sinks of parallel jobs queue here rather than time out on SQLITE_BUSY.
            writeLock.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecantException(ErrorCode.IO_ERROR, context(), "interrupted while waiting to write to " + this.table);
        }
        holdsLock = true;
        try {
            connection = SqliteConnector.openReadWrite(url.file());
            plain = connection.createStatement();
            binders = binders(connection, this.table, this.columns);
            // foreign_keys is a no-op inside a transaction, so it is set before BEGIN.
            plain.execute("PRAGMA foreign_keys = " + (options.disableForeignKeys() ? "OFF" : "ON"));
            plain.execute("BEGIN IMMEDIATE");
            plain.execute("PRAGMA defer_foreign_keys = ON");
            insert = connection.prepareStatement("INSERT INTO " + SqliteIdentifiers.quote(this.table) + " (" + SqliteIdentifiers.quoteAll(names)
                    + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")");
        } catch (SQLException e) {
            abortQuietly();
            throw SqliteErrors.wrap(e, context(), "opening a sink for " + this.table);
        } catch (RuntimeException e) {
            abortQuietly();
            throw e;
        }
    }

    /** One binder per column, by its type and the affinity of the column as the file declares it. */
    private static ValueBinder[] binders(Connection connection, String table, List<Column> columns) throws SQLException {
        java.util.Map<String, String> declared = new java.util.HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name, type FROM pragma_table_info(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    declared.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
                }
            }
        }
        return columns.stream().map(c -> ValueBinder.forColumn(c.type(), SqliteDeclaredTypes.affinity(
                declared.getOrDefault(c.name().toLowerCase(java.util.Locale.ROOT), "")))).toArray(ValueBinder[]::new);
    }

    @Override
    public void write(Object[] row) {
        if (done) {
            throw DecantException.internal("write after commit or abort on " + table, null);
        }
        int i = 0;
        try {
            for (; i < binders.length; i++) {
                Object v = row[i];
                if (v == null) {
                    ValueBinder.bindNull(insert, i + 1);
                } else {
                    binders[i].bind(insert, i + 1, v);
                }
            }
            insert.addBatch();
        } catch (ConversionException e) {
            throw new DecantException(e.code(), context().withColumn(columns.get(i).name())
                    .withRow(rows + 1, keyOf(row)).withValue(row[i]).withRule(e.rule()), e.getMessage());
        } catch (ClassCastException e) {
            throw DecantException.internal(table + "." + columns.get(i).name() + " is " + columns.get(i).type()
                    + " but was given a " + row[i].getClass().getName(), e);
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, context().withRow(rows + 1, keyOf(row)), "inserting into " + table);
        }
        for (int k = 0; k < keyPositions.length; k++) {
            batchKeys[inBatch * keyPositions.length + k] = row[keyPositions[k]];
        }
        inBatch++;
        rows++;
        if (inBatch == BATCH_ROWS) {
            flush();
        }
    }

    private void flush() {
        if (inBatch == 0) {
            return;
        }
        long before = totalChanges();
        try {
            insert.executeBatch();
        } catch (SQLException e) {
            int failedInBatch = (int) Math.min(Math.max(totalChanges() - before, 0), inBatch - 1);
            long ordinal = flushed + failedInBatch + 1;
            throw SqliteErrors.wrap(e, context().withRow(ordinal, batchKey(failedInBatch)), "inserting into " + table);
        }
        flushed += inBatch;
        inBatch = 0;
        java.util.Arrays.fill(batchKeys, null);
    }

    /** Commits the rows so far with their chunk mark and begins the next chunk's transaction. */
    @Override
    public void checkpoint(io.decant.core.spi.JournalEntry mark) {
        if (done) {
            throw DecantException.internal("checkpoint after commit or abort on " + table, null);
        }
        flush();
        try {
            journal.insert(connection, mark, mark.rows());
            plain.execute("COMMIT");
            plain.execute("BEGIN IMMEDIATE");
            plain.execute("PRAGMA defer_foreign_keys = ON");
        } catch (SQLException e) {
            if (SqliteErrors.isForeignKey(e)) {
                throw foreignKeyError(e);
            }
            throw SqliteErrors.wrap(e, context(), "committing a chunk of " + table);
        }
    }

    @Override
    public long commit() {
        if (done) {
            throw DecantException.internal("commit after commit or abort on " + table, null);
        }
        flush();
        try {
            if (options.doneMark() != null) {
                // In the table's own transaction: the rows and their "done" mark commit together or not at all.
                journal.insert(connection, options.doneMark(), rows);
            }
            plain.execute("COMMIT");
        } catch (SQLException e) {
            if (SqliteErrors.isForeignKey(e)) {
                throw foreignKeyError(e); // the transaction is still open: abort() rolls it back
            }
            throw SqliteErrors.wrap(e, context(), "committing " + table);
        }
        done = true;
        release();
        return rows;
    }

    @Override
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (connection != null && !connection.getAutoCommit()) {
                connection.rollback();
            } else if (plain != null) {
                plain.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            // "no transaction is active" after a failed BEGIN: nothing to undo.
            if (SqliteErrors.primary(e) != 1) {
                release();
                throw SqliteErrors.wrap(e, context(), "rolling back " + table);
            }
        }
        release();
    }

    private void abortQuietly() {
        try {
            abort();
        } catch (DecantException ignored) {
            // the error that made us abort is the one to report
        }
    }

    private void release() {
        SqliteConnector.close(insert);
        SqliteConnector.close(plain);
        SqliteConnector.close(connection);
        insert = null;
        plain = null;
        connection = null;
        if (holdsLock) {
            holdsLock = false;
            writeLock.release();
        }
    }

    private DecantException foreignKeyError(SQLException e) {
        List<String> found = new ArrayList<>();
        long violations = 0;
        try (var ps = connection.prepareStatement(
                "SELECT rowid, parent FROM pragma_foreign_key_check(?) LIMIT 1000")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    violations++;
                    if (found.isEmpty()) {
                        found.add("first: rowid " + rs.getLong(1) + " references a missing row of " + rs.getString(2));
                    }
                }
            }
        } catch (SQLException ignored) {
            // the commit error below still says what failed
        }
        String detail = "foreign key check failed at commit: " + (violations >= 1000 ? "1000 or more" : violations)
                + " rows of " + table + " reference missing rows" + (found.isEmpty() ? "" : " (" + found.get(0) + ")")
                + "; " + SqliteErrors.describe(e);
        return new DecantException(ErrorCode.CONSTRAINT_VIOLATION, context(), detail, e);
    }

    private long totalChanges() {
        try (ResultSet rs = plain.executeQuery("SELECT total_changes()")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    private String keyOf(Object[] row) {
        if (keyPositions.length == 0) {
            return null;
        }
        return RowKeys.of(keyNames, row, keyPositions);
    }

    private String batchKey(int indexInBatch) {
        if (keyPositions.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < keyPositions.length; k++) {
            RowKeys.append(sb, keyNames.get(k), batchKeys[indexInBatch * keyPositions.length + k]);
        }
        return sb.toString();
    }

    private ErrorContext context() {
        return ErrorContext.EMPTY.withPhase("write").withTable(table);
    }
}
