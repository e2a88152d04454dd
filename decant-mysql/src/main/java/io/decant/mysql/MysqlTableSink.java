package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.transform.ConversionException;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Loads one table in one transaction over a connection of its own, with multi-row
 * {@code INSERT ... VALUES (...),(...)} statements of up to {@value #MAX_ROWS} rows and bound
 * parameters. Why not LOAD DATA LOCAL INFILE: it turns invalid values into warnings even in strict
 * mode on some servers, reports no row for an error, and needs {@code local_infile} on both sides;
 * a multi-row INSERT is within a small factor of it, is exact, and names the failing row.
 *
 * <p>A statement is also cut when its estimated size reaches half of {@code max_allowed_packet}.
 * Computed columns are never written (the server computes them). Nothing is visible to others
 * before {@link #commit()}; {@link #abort()} rolls back and is safe to call any number of times.
 */
final class MysqlTableSink implements TableSink {
    static final int MAX_ROWS = 1000;
    private static final int MAX_PARAMETERS = 60_000;

    private enum State { OPEN, FAILED, COMMITTED, ABORTED }

    private final MysqlConnector connector;
    private final Table table;
    private final List<Column> columns;
    private final int[] written;
    private final ColumnWriter[] writers;
    private final int[] keyIndexes;
    private final String insertHead;
    private final String rowPlaceholders;
    private final int rowsPerStatement;
    private final long packetBudget;
    private final Connection connection;
    private final List<Object[]> buffer = new ArrayList<>();
    private PreparedStatement fullStatement;
    private long bufferBytes;
    private long rowsWritten;
    private long bytes;
    private State state = State.OPEN;

    private final SinkOptions options;
    private final io.decant.core.spi.JdbcJournal journal;

    MysqlTableSink(MysqlConnector connector, Table table, List<Column> columns, SinkOptions options,
              io.decant.core.spi.JdbcJournal journal) {
        this.options = options;
        this.journal = journal;
        this.connector = connector;
        this.table = table;
        this.columns = List.copyOf(columns);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).identity() != Column.Identity.COMPUTED) {
                idx.add(i);
            }
        }
        this.written = idx.stream().mapToInt(Integer::intValue).toArray();
        this.writers = new ColumnWriter[written.length];
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner marks = new StringJoiner(",", "(", ")");
        for (int w = 0; w < written.length; w++) {
            Column c = columns.get(written[w]);
            writers[w] = Writers.forColumn(table.name(), c);
            names.add(MysqlIdentifiers.quote(c.name()));
            marks.add("?");
        }
        this.insertHead = "INSERT INTO " + MysqlIdentifiers.quote(table.name()) + " " + names + " VALUES ";
        this.rowPlaceholders = marks.toString();
        this.rowsPerStatement = Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / Math.max(1, written.length)));
        List<String> names0 = columns.stream().map(Column::name).toList();
        this.keyIndexes = table.rowKey().stream().mapToInt(names0::indexOf).toArray();
        Connection c = connector.open();
        try {
            c.setAutoCommit(false);
            long maxPacket;
            try (Statement s = c.createStatement()) {
                if (options.disableForeignKeys()) {
                    s.execute("SET FOREIGN_KEY_CHECKS = 0");
                }
                try (ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
                    maxPacket = rs.next() ? rs.getLong(1) : 4L << 20;
                }
            }
            this.packetBudget = maxPacket / 2;
            this.connection = c;
        } catch (SQLException e) {
            MysqlConnector.closeQuietly(c);
            throw connector.error(e, context().withPhase("load"));
        }
    }

    @Override
    public void write(Object[] row) {
        requireOpen();
        long size = estimate(row);
        if (!buffer.isEmpty() && (buffer.size() >= rowsPerStatement || bufferBytes + size > packetBudget)) {
            flush();
        }
        buffer.add(row);
        bufferBytes += size;
    }

    /** Commits the rows so far with their chunk mark; the connection goes on in a new transaction. */
    @Override
    public void checkpoint(io.decant.core.spi.JournalEntry mark) {
        requireOpen();
        flush();
        try {
            journal.insert(connection, mark, mark.rows());
            connection.commit();
        } catch (SQLException e) {
            state = State.FAILED;
            throw connector.error(e, context().withPhase("commit"));
        }
    }

    @Override
    public long commit() {
        requireOpen();
        flush();
        try {
            if (options.doneMark() != null) {
                // In the table's own transaction: the rows and their "done" mark commit together or not at all.
                journal.insert(connection, options.doneMark(), rowsWritten);
            }
            connection.commit();
            state = State.COMMITTED;
        } catch (SQLException e) {
            state = State.FAILED;
            throw connector.error(e, context().withPhase("commit"));
        } finally {
            if (state == State.COMMITTED) {
                MysqlConnector.closeQuietly(connection);
            }
        }
        return rowsWritten;
    }

    @Override
    public void abort() {
        if (state == State.COMMITTED || state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        buffer.clear();
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The server rolls back an open transaction when its connection closes, which happens next.
        } finally {
            MysqlConnector.closeQuietly(connection);
        }
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        long firstOrdinal = rowsWritten + 1;
        int n = buffer.size();
        try {
            PreparedStatement ps = statementFor(n);
            int p = 1;
            for (int r = 0; r < n; r++) {
                Object[] row = buffer.get(r);
                for (int w = 0; w < written.length; w++) {
                    Object v = row[written[w]];
                    if (v == null) {
                        ps.setNull(p, Types.NULL);
                    } else {
                        try {
                            writers[w].bind(ps, p, v);
                        } catch (ConversionException e) {
                            state = State.FAILED;
                            throw new DecantException(e.code(), rowContext(firstOrdinal + r, row)
                                    .withColumn(columns.get(written[w]).name()).withValue(v).withRule(e.rule()),
                                    e.getMessage(), e);
                        }
                    }
                    p++;
                }
            }
            ps.executeUpdate();
            if (ps != fullStatement) {
                ps.close();
            }
        } catch (SQLException e) {
            state = State.FAILED;
            throw failure(e, firstOrdinal);
        }
        rowsWritten += n;
        bytes += bufferBytes;
        buffer.clear();
        bufferBytes = 0;
    }

    private PreparedStatement statementFor(int n) throws SQLException {
        if (n == rowsPerStatement && fullStatement != null) {
            return fullStatement;
        }
        StringBuilder sql = new StringBuilder(insertHead.length() + n * (rowPlaceholders.length() + 1)).append(insertHead);
        for (int r = 0; r < n; r++) {
            if (r > 0) {
                sql.append(',');
            }
            sql.append(rowPlaceholders);
        }
        PreparedStatement ps = connection.prepareStatement(sql.toString());
        if (n == rowsPerStatement) {
            fullStatement = ps;
        }
        return ps;
    }

    /** The server names the failing row within the statement ("... at row 3"): that gives its ordinal and key. */
    private DecantException failure(SQLException e, long firstOrdinal) {
        ErrorContext ctx = context().withPhase("load");
        int inStatement = MysqlErrors.rowInStatement(e);
        if (inStatement >= 1 && inStatement <= buffer.size()) {
            Object[] row = buffer.get(inStatement - 1);
            ctx = rowContext(firstOrdinal + inStatement - 1, row);
            String column = MysqlErrors.columnNamed(e);
            if (column != null) {
                ctx = ctx.withColumn(column);
                int at = columns.stream().map(Column::name).toList().indexOf(column);
                if (at >= 0) {
                    ctx = ctx.withValue(row[at]);
                }
            }
        } else if (buffer.size() == 1) {
            ctx = rowContext(firstOrdinal, buffer.get(0));
        } else {
            ctx = ctx.withLocation("rows " + firstOrdinal + ".." + (firstOrdinal + buffer.size() - 1));
        }
        return connector.error(e, ctx);
    }

    private ErrorContext rowContext(long ordinal, Object[] row) {
        ErrorContext ctx = context().withPhase("load");
        if (keyIndexes.length == 0 || Arrays.stream(keyIndexes).anyMatch(i -> i < 0)) {
            return ctx.withRow(ordinal, null);
        }
        return ctx.withRow(ordinal, RowKeys.of(table.rowKey(), row, keyIndexes));
    }

    private ErrorContext context() {
        return ErrorContext.EMPTY.withTable(table.id().display());
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new DecantException(ErrorCode.INTERNAL, context(), "sink used after it was " + state.name()
                    .toLowerCase(Locale.ROOT));
        }
    }

    /** A rough size of the row as SQL text: enough to keep a statement under max_allowed_packet. */
    private static long estimate(Object[] row) {
        long size = 4;
        for (Object v : row) {
            // UTF-8 takes up to 3 bytes per UTF-16 char, and escaping may double a byte.
            if (v instanceof String s) {
                size += 3L * s.length() + 3;
            } else if (v instanceof JsonText j) {
                size += 3L * j.text().length() + 3;
            } else if (v instanceof Bytes b) {
                size += 2L * b.length() + 3;
            } else {
                size += 32;
            }
        }
        return size;
    }
}
