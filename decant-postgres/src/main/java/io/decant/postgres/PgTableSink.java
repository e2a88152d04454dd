package io.decant.postgres;

import io.decant.core.convert.ConversionException;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one table with {@code COPY ... FROM STDIN (FORMAT binary)} in a transaction of its own
 * connection. Binary because it is exact (floats by their bits, numerics by their digits, no
 * escaping, no text round trip of dates) and cheaper for the server to parse than text.
 * Nothing is visible before {@link #commit()}; {@link #abort()} cancels the COPY and rolls back.
 */
final class PgTableSink implements TableSink {
    private static final Logger LOG = LoggerFactory.getLogger(PgTableSink.class);
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    private static final String ATTRIBUTES = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid, a.atttypmod
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped""";

    private final Table table;
    private final List<Column> columns;
    private final ErrorContext context;
    private final int[] keyIndexes;
    private final Connection connection;
    private final BinaryEncoders.Encoder[] encoders;
    private final CopyBuffer buffer = new CopyBuffer();
    private CopyIn copy;
    private long rows;
    private long bytes;
    private boolean done;
    private final SinkOptions options;
    private final PgJournal journal;

    PgTableSink(PgConnector connector, Table table, List<Column> columns, SinkOptions options, PgJournal journal) {
        this.options = options;
        this.journal = journal;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.context = ErrorContext.EMPTY.withPhase("load").withTable(table.id().display());
        List<String> names = columns.stream().map(Column::name).toList();
        this.keyIndexes = table.rowKey().stream().mapToInt(names::indexOf).filter(i -> i >= 0).toArray();
        String copySql = "COPY " + PgNames.table(table.id()) + " (" + PgNames.columnList(names) + ") FROM STDIN (FORMAT binary)";
        this.connection = connector.open();
        try {
            connection.setAutoCommit(false);
            this.encoders = encoders();
            if (options.disableForeignKeys()) {
                disableForeignKeys(connector.url());
            }
            if (options.createdByRun()) {
                deferKeys();
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            buffer.writeBytes(HEADER, 0, HEADER.length);
        } catch (SQLException e) {
            DecantException mapped = PgErrors.map(e, context, "starting COPY");
            abort();
            throw mapped;
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Primary-key and unique constraints dropped for the load, to be added back before the commit. */
    private final List<String[]> deferredKeys = new java.util.ArrayList<>();

    /**
     * A table decant created in this run is empty and nothing references it yet, so its keys are built
     * once after the rows instead of being maintained row by row: dropped here and added back before
     * the commit, in the same transaction, so that no one ever sees the table without them and a
     * duplicate key still rolls the whole table back.
     */
    private void deferKeys() throws SQLException {
        try (var ps = connection.prepareStatement("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = ?::regclass AND contype IN ('p', 'u') ORDER BY contype, conname")) {
            ps.setString(1, PgNames.table(table.id()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    deferredKeys.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        try (var st = connection.createStatement()) {
            for (String[] k : deferredKeys) {
                st.execute("ALTER TABLE " + PgNames.table(table.id()) + " DROP CONSTRAINT " + PgNames.quote(k[0]));
            }
        }
    }

    private void restoreKeys() throws SQLException {
        try (var st = connection.createStatement()) {
            for (String[] k : deferredKeys) {
                st.execute("ALTER TABLE " + PgNames.table(table.id()) + " ADD CONSTRAINT " + PgNames.quote(k[0]) + " " + k[1]);
            }
        }
    }

    /** The target columns' actual types, looked up on this connection: the table may have been created just now. */
    private BinaryEncoders.Encoder[] encoders() throws SQLException {
        PgTypeCatalog types = PgTypeCatalog.load(connection);
        Map<String, PgTypeCatalog.Resolved> actual = new HashMap<>();
        Map<String, String> spelled = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(ATTRIBUTES)) {
            ps.setString(1, PgNames.table(table.id()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actual.put(rs.getString(1), types.resolve(rs.getInt(3), rs.getInt(4)));
                    spelled.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        BinaryEncoders.Encoder[] out = new BinaryEncoders.Encoder[columns.size()];
        for (int i = 0; i < out.length; i++) {
            Column c = columns.get(i);
            if (!spelled.containsKey(c.name())) {
                throw new DecantException(ErrorCode.UNKNOWN_COLUMN, context.withColumn(c.name()),
                        "the target table has no column " + c.name());
            }
            out[i] = BinaryEncoders.find(actual.get(c.name()), c.type());
            if (out[i] == null) {
                throw new DecantException(ErrorCode.SCHEMA_MISMATCH, context.withColumn(c.name()),
                        "cannot load " + c.type() + " values into a column of type " + spelled.get(c.name())
                                + " (binary COPY needs matching types; cast the column in the spec)");
            }
        }
        return out;
    }

    private void disableForeignKeys(PgUrl url) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica");
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new DecantException(ErrorCode.PERMISSION_DENIED, context, "--disable-fk needs to set "
                        + "session_replication_role, which role " + url.userOrDefault() + " may not do: it must be a "
                        + "superuser, or (PostgreSQL 15+) have been granted it with 'GRANT SET ON PARAMETER "
                        + "session_replication_role TO " + url.userOrDefault() + "' by a superuser. Being the table "
                        + "owner is not enough, because foreign keys are enforced by system triggers. Load without "
                        + "--disable-fk instead: decant loads parents before children. (" + PgErrors.describe(e) + ")", e);
            }
            throw e;
        }
    }

    @Override
    public void write(Object[] row) {
        if (done) {
            throw DecantException.internal("write after commit or abort on " + table.id().display(), null);
        }
        int rowStart = buffer.position();
        int i = 0;
        try {
            buffer.writeShort(encoders.length);
            for (; i < encoders.length; i++) {
                Object v = row[i];
                if (v == null) {
                    buffer.writeInt(-1);
                } else {
                    encoders[i].encode(v, buffer);
                }
            }
        } catch (ConversionException e) {
            buffer.reset(rowStart);
            throw valueError(e.code(), e.rule(), e.getMessage(), row, i, e);
        } catch (ClassCastException e) {
            buffer.reset(rowStart);
            throw valueError(ErrorCode.VALUE_INVALID, null, "value of " + row[i].getClass().getSimpleName()
                    + " where column type " + columns.get(i).type() + " expects " + columns.get(i).type().kind().javaType().getSimpleName(), row, i, e);
        }
        rememberKey(row);
        rows++;
        if (buffer.position() >= CopyBuffer.FLUSH_AT) {
            flush();
        }
    }

    /**
     * PostgreSQL reports a COPY error by line, often rows after that row was written (the data is in
     * flight), so the keys of the last {@value #RECENT} rows are kept (references only) to name it.
     */
    private static final int RECENT = 1 << 16;
    private Object[][] recentKeys;

    private void rememberKey(Object[] row) {
        if (keyIndexes.length == 0) {
            return;
        }
        if (recentKeys == null) {
            recentKeys = new Object[RECENT][];
        }
        Object[] k = new Object[keyIndexes.length];
        for (int j = 0; j < keyIndexes.length; j++) {
            k[j] = row[keyIndexes[j]];
        }
        recentKeys[(int) (rows & (RECENT - 1))] = k;
    }

    /** The key of row {@code ordinal} (1-based) if it is among the recent rows, else null. */
    private String keyOf(long ordinal) {
        if (recentKeys == null || ordinal < 1 || ordinal > rows || rows - ordinal >= RECENT) {
            return null;
        }
        Object[] k = recentKeys[(int) ((ordinal - 1) & (RECENT - 1))];
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < keyIndexes.length; j++) {
            sb.append(j == 0 ? "" : ", ").append(columns.get(keyIndexes[j]).name()).append('=')
                    .append(ErrorContext.keyValue(k[j]));
        }
        return sb.toString();
    }

    /** Adds the failing row's key, when the error names a row the sink still remembers. */
    private DecantException withKey(DecantException e) {
        Long at = e.context().rowOrdinal();
        if (at == null || e.context().rowKey() != null) {
            return e;
        }
        String key = keyOf(at);
        return key == null ? e : e.within(ErrorContext.EMPTY.withRow(at, key));
    }

    private DecantException valueError(ErrorCode code, String rule, String message, Object[] row, int column, Exception cause) {
        ErrorContext ctx = context.withColumn(columns.get(column).name()).withRow(rows + 1, key(row)).withValue(row[column]);
        return new DecantException(code, rule == null ? ctx : ctx.withRule(rule), message, cause);
    }

    private String key(Object[] row) {
        if (keyIndexes.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k : keyIndexes) {
            sb.append(sb.length() == 0 ? "" : ", ").append(columns.get(k).name()).append('=').append(row[k]);
        }
        return sb.toString();
    }

    private void flush() {
        int n = buffer.position();
        if (n == 0) {
            return;
        }
        try {
            copy.writeToCopy(buffer.array(), 0, n);
        } catch (SQLException e) {
            throw withKey(PgErrors.map(e, context, "COPY into " + table.id().display()));
        }
        bytes += n;
        buffer.reset(0);
    }

    @Override
    public long commit() {
        if (done) {
            throw DecantException.internal("commit after commit or abort on " + table.id().display(), null);
        }
        buffer.writeShort(-1);
        flush();
        try {
            copy.endCopy();
            restoreKeys();
            if (options.doneMark() != null) {
                // In the table's own transaction: the rows and their "done" mark commit together or not at all.
                journal.insert(connection, options.doneMark(), rows);
            }
            connection.commit();
        } catch (SQLException e) {
            throw withKey(PgErrors.map(e, context, "COPY into " + table.id().display()));
        }
        done = true;
        PgConnector.closeQuietly(connection);
        return rows;
    }

    /** Idempotent and quiet: whatever failed first is what the caller is already reporting. */
    @Override
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            LOG.debug("cancelling COPY into {}: {}", table.id().display(), PgErrors.describe(e));
        }
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("rolling back {}: {}", table.id().display(), PgErrors.describe(e));
        }
        PgConnector.closeQuietly(connection);
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }
}
