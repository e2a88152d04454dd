package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.transform.ConversionException;
import io.decant.core.type.LogicalType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader decant used before binary COPY ({@link PgCopyRowStream}), kept in the tests as a second
 * opinion: it reads the server's text form through pgjdbc and parses it with {@link PgTextValues},
 * a path that shares no decoding with {@link BinaryDecoders}, so {@code CopyReadIT} compares the two.
 * Streams one table through a server-side cursor (autocommit off and a fetch size make pgjdbc use a
 * portal), in a read-only transaction of its own connection. Primary-key columns not asked for
 * are selected too, after the requested ones, only to name the row in error messages.
 */
final class CursorReader implements RowStream {
    static final int FETCH_SIZE = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(CursorReader.class);

    private final Table table;
    private final List<Column> columns;
    private final ColumnReaders.ColumnReader[] readers;
    private final List<String> keyNames = new ArrayList<>();
    private final int[] keyIndexes;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rs;
    private long rows;
    private boolean finished;
    private boolean closed;

    CursorReader(PgConnector connector, Table table, List<Column> columns, String snapshot, java.util.Set<io.decant.core.schema.TableId> inheritanceParents) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.readers = new ColumnReaders.ColumnReader[columns.size()];
        List<String> select = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            // An unsupported column the spec still asks for (as_text) is read in the server's text form.
            select.add(c.isSupported() ? PgIdentifiers.quote(c.name()) : PgIdentifiers.quote(c.name()) + "::text");
            readers[i] = ColumnReaders.forType(c.isSupported() ? c.type() : LogicalType.TEXT);
        }
        List<String> names = columns.stream().map(Column::name).toList();
        this.keyIndexes = new int[table.rowKey().size()];
        for (String k : table.rowKey()) {
            int at = names.indexOf(k);
            if (at < 0) {
                select.add(PgIdentifiers.quote(k) + "::text");
                at = select.size() - 1;
            }
            keyIndexes[keyNames.size()] = at + 1;
            keyNames.add(k);
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + PgIdentifiers.from(table.id(), inheritanceParents);
        this.connection = connector.openForReading();
        try {
            CopyOutSession.beginReadTransaction(connection, snapshot);
            statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            rs = statement.executeQuery(sql);
        } catch (SQLException e) {
            PgConnector.closeQuietly(connection);
            throw PgErrors.map(e, context(), "reading");
        }
    }

    private ErrorContext context() {
        return ErrorContext.EMPTY.withPhase("read").withTable(table.id().display());
    }

    @Override
    public Object[] next() {
        if (finished) {
            return null;
        }
        int i = 0;
        try {
            if (!rs.next()) {
                finish();
                return null;
            }
            Object[] row = new Object[readers.length];
            for (; i < readers.length; i++) {
                row[i] = readers[i].read(rs, i + 1);
            }
            rows++;
            return row;
        } catch (ConversionException e) {
            throw new DecantException(e.code(), context().withColumn(columns.get(i).name())
                    .withRow(rows + 1, key()).withRule(e.rule()), e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new DecantException(ErrorCode.VALUE_INVALID, context()
                    .withColumn(columns.get(i).name()).withRow(rows + 1, key()), "cannot parse value: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw PgErrors.map(e, context().withRow(rows + 1, null), "reading");
        }
    }

    /** {@code id=887}, from the current row, or null when the table has no key. */
    private String key() {
        if (keyIndexes.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        try {
            for (int k = 0; k < keyIndexes.length; k++) {
                RowKeys.append(sb, keyNames.get(k), rs.getString(keyIndexes[k]));
            }
        } catch (SQLException e) {
            return null;
        }
        return sb.toString();
    }

    private void finish() throws SQLException {
        finished = true;
        rs.close();
        statement.close();
        connection.commit();
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    /**
     * Closing before the end (the engine aborting) just drops the connection: the server ends the
     * read-only transaction itself, and nothing waits for the rest of the cursor.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        finished = true;
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the read connection of {} failed: {}", table.id().display(), PgErrors.describe(e));
        }
    }
}
