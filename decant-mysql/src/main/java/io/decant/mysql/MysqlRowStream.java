package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.ZeroDates;
import io.decant.core.spi.RowStream;
import io.decant.core.transform.ConversionException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Streams one table over a connection of its own. The driver streams a result set when a fetch size
 * is set (it reads {@value #FETCH} rows from the socket at a time instead of the whole result), so
 * memory stays flat for any table size. Closing early aborts the connection rather than closing the
 * result set, because the driver would otherwise read every remaining row to drain the socket.
 */
final class MysqlRowStream implements RowStream {
    static final int FETCH = 1000;

    private final MysqlConnector connector;
    private final Table table;
    private final List<Column> columns;
    private final ColumnReader[] readers;
    private final int[] keyIndexes;
    private final List<String> keyNames;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rs;
    private long rows;
    private boolean done;
    private boolean released;

    private final MysqlSnapshot snapshot;

    MysqlRowStream(MysqlConnector connector, Table table, List<Column> columns, Map<String, String> settings) {
        this(connector, table, columns, settings, null, null);
    }

    /**
     * @param leased   a connection of {@code snapshot} to read over, or null for a connection of its own
     * @param snapshot where {@code leased} goes back when the stream ends
     */
    MysqlRowStream(MysqlConnector connector, Table table, List<Column> columns, Map<String, String> settings,
                   Connection leased, MysqlSnapshot snapshot) {
        this(connector, table, columns, settings, leased, snapshot, null);
    }

    /**
     * The rows of {@code slice} ({@link MysqlSlices}), over a connection of its own in a snapshot transaction of its
     * own: an engine's slice task. A whole-table slice too reads in such a transaction.
     */
    static MysqlRowStream slice(MysqlConnector connector, Table table, List<Column> columns, Map<String, String> settings,
                                io.decant.core.spi.TableSlice slice) {
        return new MysqlRowStream(connector, table, columns, settings, null, null, slice);
    }

    private MysqlRowStream(MysqlConnector connector, Table table, List<Column> columns, Map<String, String> settings,
                           Connection leased, MysqlSnapshot snapshot, io.decant.core.spi.TableSlice slice) {
        this.snapshot = leased == null ? null : snapshot;
        this.connector = connector;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.readers = new ColumnReader[columns.size()];
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            readers[i] = Readers.forColumn(table.name(), c, ZeroDates.policy(settings, table.name(), c.name()));
            select.add(Readers.selectExpression(c));
        }
        // The row key names a failing row in messages; key columns not asked for are read too, as text.
        this.keyNames = table.rowKey();
        this.keyIndexes = new int[keyNames.size()];
        List<String> asked = columns.stream().map(Column::name).toList();
        int extra = columns.size();
        for (int k = 0; k < keyNames.size(); k++) {
            int at = asked.indexOf(keyNames.get(k));
            if (at < 0) {
                select.add(MysqlIdentifiers.quote(keyNames.get(k)));
                at = extra++;
            }
            keyIndexes[k] = at + 1;
        }
        String sql = "SELECT " + select + " FROM " + MysqlIdentifiers.quote(table.name());
        Connection c = leased != null ? leased : connector.open();
        try {
            if (leased == null) {
                c.setReadOnly(true);
            }
            if (slice == null) {
                this.statement = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(FETCH);
                this.rs = statement.executeQuery(sql);
            } else {
                MysqlSlices.beginSnapshot(c);
                java.sql.PreparedStatement ps = c.prepareStatement(sql + MysqlSlices.condition(table, slice),
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                this.statement = ps;
                ps.setFetchSize(FETCH);
                MysqlSlices.bind(ps, table, slice);
                this.rs = ps.executeQuery();
            }
            this.connection = c;
        } catch (SQLException e) {
            if (this.snapshot != null) {
                this.snapshot.drop(c);
            } else {
                MysqlConnector.closeQuietly(c);
            }
            throw connector.error(e, context().withPhase("read"));
        }
    }

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        try {
            if (!rs.next()) {
                done = true;
                close();
                return null;
            }
        } catch (SQLException e) {
            throw connector.error(e, context().withPhase("read").withRow(rows + 1, null));
        }
        rows++;
        Object[] row = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            try {
                row[i] = readers[i].read(rs, i + 1);
            } catch (ConversionException e) {
                throw new DecantException(e.code(), context().withColumn(columns.get(i).name())
                        .withRow(rows, rowKey()).withValue(rawValue(i + 1)).withRule(e.rule()), e.getMessage(), e);
            } catch (SQLException e) {
                throw connector.error(e, context().withColumn(columns.get(i).name()).withRow(rows, rowKey()));
            }
        }
        return row;
    }

    /** A value that does not convert fails its row only: the result set is still positioned, the next row reads. */
    @Override
    public boolean skipsBadRows() {
        return true;
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        if (snapshot != null) {
            giveBack();
            return;
        }
        try {
            if (!connection.isClosed()) {
                if (done) {
                    connection.close();
                } else {
                    connection.abort(Runnable::run);
                }
            }
        } catch (SQLException e) {
            // The stream is finished either way; a failing close must not hide an earlier error.
        }
        done = true;
    }

    /**
     * Ends the stream's use of a snapshot connection: a query still streaming is stopped with KILL QUERY
     * (the driver's cancel), which ends the statement but not the transaction, so the connection keeps
     * its snapshot for the next table.
     */
    private void giveBack() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (!done) {
                statement.cancel();
            }
            MysqlConnector.closeQuietly(rs);
            statement.close();
            snapshot.giveBack(connection);
        } catch (SQLException | RuntimeException e) {
            snapshot.drop(connection);
        }
        done = true;
    }

    private ErrorContext context() {
        return ErrorContext.EMPTY.withTable(table.id().display());
    }

    private String rowKey() {
        if (keyIndexes.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < keyIndexes.length; k++) {
            RowKeys.append(sb, keyNames.get(k), rawValue(keyIndexes[k]));
        }
        return sb.toString();
    }

    private String rawValue(int index) {
        try {
            return rs.getString(index);
        } catch (SQLException e) {
            return "?";
        }
    }
}
