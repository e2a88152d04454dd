package io.decant.sqlite;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.spi.RowStream;
import io.decant.core.transform.ConversionException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * Rows of one table from one read-only connection inside one read transaction, forward only. The
 * statement selects the requested columns and then any primary-key column not among them, so that
 * an error can name the row by its key; those extra columns are read only when a value fails.
 */
final class SqliteRowStream implements RowStream {

    private final String table;
    private final List<ReadPlan.Item> items;
    private final ColumnDecoder[] decoders;
    private final int width;
    private final List<String> keyNames;
    private final int[] keyPositions;
    private final Connection connection;
    private PreparedStatement statement;
    private ResultSet rs;
    private long rows;
    private boolean closed;

    /**
     * The driver's statement handle, to read the current row's values in one call into the driver per
     * row rather than two locked calls per value; null with another driver.
     */
    private SafeStmtPtr direct;
    /** Whether the file stores text as UTF-8, so that a text value's bytes are its UTF-8 form. */
    private boolean utf8;
    /** The current row's values as the driver gives them, before each column's decoder. */
    private final Object[] stored;
    private final SafeStmtPtr.SafePtrConsumer<SQLException> readRow = this::readRow;

    private final int rowidColumn;
    private final String fingerprint;
    private long lastRowid;

    SqliteRowStream(ReadPlan plan, Connection connection) {
        this(plan, connection, List.of(), null);
    }

    /**
     * @param afterRowid  with a plan that reads by rowid: the rowid to continue after, or null
     * @param fingerprint with a plan that reads by rowid: the file's state, part of every position
     */
    SqliteRowStream(ReadPlan plan, Connection connection, Long afterRowid, String fingerprint) {
        this(plan, connection, afterRowid == null ? List.of() : List.of(afterRowid), fingerprint);
    }

    /** @param parameters the statement's parameters: the rowid to continue after, or a slice's rowid bounds */
    SqliteRowStream(ReadPlan plan, Connection connection, List<Long> parameters, String fingerprint) {
        this.rowidColumn = plan.rowidPosition() + 1;
        this.fingerprint = fingerprint;
        this.table = plan.table();
        this.items = plan.items();
        this.decoders = plan.items().stream().map(ReadPlan.Item::decoder).toArray(ColumnDecoder[]::new);
        this.width = decoders.length;
        this.stored = new Object[width];
        this.keyNames = plan.keyNames();
        this.keyPositions = plan.keyPositions();
        this.connection = connection;
        try {
            connection.setAutoCommit(false); // one read transaction: one snapshot of this table
            statement = connection.prepareStatement(plan.sql());
            for (int p = 0; p < parameters.size(); p++) {
                statement.setLong(p + 1, parameters.get(p));
            }
            rs = statement.executeQuery();
            direct = statement instanceof CoreStatement core ? core.pointer : null;
            utf8 = direct != null && isUtf8(connection);
        } catch (SQLException e) {
            close();
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("read").withTable(table), "reading " + table);
        }
    }

    /** A value error leaves the cursor after its row, so {@code --on-error reject} can go on reading. */
    @Override
    public boolean skipsBadRows() {
        return true;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        int i = 0;
        Object raw = null;
        try {
            if (!rs.next()) {
                close();
                return null;
            }
            if (direct != null) {
                direct.safeRunConsume(readRow);
            } else {
                if (rowidColumn > 0) {
                    lastRowid = rs.getLong(rowidColumn);
                }
                for (int c = 0; c < width; c++) {
                    stored[c] = rs.getObject(c + 1);
                }
            }
            Object[] row = new Object[width];
            for (; i < width; i++) {
                raw = stored[i];
                if (raw != null) {
                    row[i] = decoders[i].decode(raw);
                }
            }
            rows++;
            return row;
        } catch (ConversionException e) {
            DecantException error = valueError(i, raw, e);
            rows++; // the cursor is past this row: the next call reads the one after it
            throw error;
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("read").withTable(table).withRow(rows + 1, null),
                    "reading " + table);
        }
    }

    /**
     * The current row's values as the driver's getObject gives them (Integer or Long, Double, String,
     * byte[], null), read straight from the statement: its type, then its value, per column.
     */
    private void readRow(DB db, long stmt) throws SQLException {
        if (rowidColumn > 0) {
            lastRowid = db.column_long(stmt, rowidColumn - 1);
        }
        for (int c = 0; c < width; c++) {
            stored[c] = switch (db.column_type(stmt, c)) {
                case Codes.SQLITE_INTEGER -> {
                    long v = db.column_long(stmt, c);
                    yield v == (int) v ? (Object) Integer.valueOf((int) v) : Long.valueOf(v);
                }
                case Codes.SQLITE_FLOAT -> db.column_double(stmt, c);
                // A text value's bytes, decoded here: cheaper than the driver's decoding of a direct buffer.
                case Codes.SQLITE_TEXT -> utf8 ? new String(db.column_blob(stmt, c), StandardCharsets.UTF_8)
                        : db.column_text(stmt, c);
                case Codes.SQLITE_BLOB -> db.column_blob(stmt, c);
                default -> null;
            };
        }
    }

    private static boolean isUtf8(Connection c) throws SQLException {
        try (var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA encoding")) {
            return r.next() && "UTF-8".equalsIgnoreCase(r.getString(1));
        }
    }

    private DecantException valueError(int i, Object raw, ConversionException e) {
        ReadPlan.Item item = items.get(i);
        StorageClass sc = StorageClass.of(raw);
        String declared = item.declared().isEmpty() ? "without declared type" : "declared " + item.declared();
        ErrorContext ctx = ErrorContext.EMPTY.withPhase("read").withTable(table).withColumn(item.name())
                .withRow(rows + 1, rowKey()).withValue(raw).withRule(e.rule());
        return new DecantException(e.code(), ctx, e.getMessage() + "; the value's storage class was "
                + sc.name() + ", in a column " + declared + " read as " + item.decoder().type());
    }

    /** {@code id=887}, or {@code a=1, b=x} for a composite key; null when the table has no key. */
    private String rowKey() {
        if (keyNames.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        try {
            for (int k = 0; k < keyNames.size(); k++) {
                RowKeys.append(sb, keyNames.get(k), rs.getObject(keyPositions[k] + 1));
            }
        } catch (SQLException e) {
            return null; // the key is a courtesy in a message that is already being built
        }
        return sb.toString();
    }

    /** {@code <rowid> <file state>}: see {@link SqliteSource#readFrom}. */
    @Override
    public String position() {
        return rowidColumn > 0 ? lastRowid + " " + fingerprint : null;
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        SqliteConnector.close(rs);
        SqliteConnector.close(statement);
        try {
            connection.rollback(); // a read transaction: nothing to keep, and it releases the shared lock
        } catch (SQLException ignored) {
            // the connection is closed next either way
        }
        SqliteConnector.close(connection);
    }
}
