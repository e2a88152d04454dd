package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.EncodedRows;
import io.decant.core.spi.RowEncoding;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.transform.ConversionException;
import java.sql.Connection;
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
 *
 * <p>Why a little over 400 lines: it is the COPY lifecycle and only that (open, write values or encoded
 * batches, checkpoint a chunk with its journal mark, commit, abort), and each of those paths must see the
 * same connection and COPY state; what can stand alone already does (DeferredKeys, InFlightKeys,
 * TextInputRows, IsolatingCopy).
 */
final class PgTableSink implements TableSink {
    private static final Logger LOG = LoggerFactory.getLogger(PgTableSink.class);
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};

    private final Table table;
    private final List<Column> columns;
    private final ErrorContext context;
    /** Names the row of a COPY error from the recent rows' keys. */
    private final InFlightKeys inFlight;
    /** The keys dropped for the load of a table created by this run, or null. */
    private final DeferredKeys deferredKeys;
    private final Connection connection;
    private final BinaryEncoders.Encoder[] encoders;
    private final CopyBuffer buffer = new CopyBuffer();
    private CopyIn copy;
    private long rows;
    private long bytes;
    private boolean done;
    private final SinkOptions options;
    private final PgJournal journal;
    /** {@code --on-error reject}: batches in savepoints, refused rows set aside; null: one COPY for the table. */
    private final IsolatingCopy isolating;
    private final List<String> names;
    private final String copySql;
    private final PgUrl url;
    private final PgConnector connectorForSide;
    private final IdleConnections connections;

    /** @param connections where the sink's connection comes from and, after a commit, goes back to */
    PgTableSink(PgConnector connector, IdleConnections connections, Table table, List<Column> columns,
                SinkOptions options, PgJournal journal) {
        this.options = options;
        this.journal = journal;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.context = ErrorContext.EMPTY.withPhase("load").withTable(table.id().display());
        List<String> names = columns.stream().map(Column::name).toList();
        this.names = names;
        this.inFlight = new InFlightKeys(this.columns,
                table.rowKey().stream().mapToInt(names::indexOf).filter(i -> i >= 0).toArray());
        String copySql = "COPY " + PgIdentifiers.table(table.id()) + " (" + PgIdentifiers.columnList(names) + ") FROM STDIN (FORMAT binary)";
        this.copySql = copySql;
        this.url = connector.url();
        this.connectorForSide = connector;
        this.connections = connections;
        this.connection = connections.take();
        // (with rejects the keys stay: a duplicate is then refused at its row, not when the key is built)
        this.deferredKeys = options.createdByRun() && options.rejector() == null ? new DeferredKeys(connection, table) : null;
        try {
            connection.setAutoCommit(false);
            this.encoders = encoders();
            if (options.disableForeignKeys()) {
                disableForeignKeys(connector.url());
            }
            if (deferredKeys != null) {
                deferredKeys.drop();
            }
            if (options.rejector() == null) {
                isolating = null;
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
                buffer.writeBytes(HEADER, 0, HEADER.length);
            } else {
                isolating = new IsolatingCopy(connection, connection.unwrap(PGConnection.class).getCopyAPI(), copySql,
                        HEADER, buffer, this::refused);
            }
        } catch (SQLException e) {
            DecantException mapped = PgErrors.map(e, context, "starting COPY");
            abort();
            throw mapped;
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Commits the rows so far with their chunk mark; the next rows go to a new COPY in a new transaction. */
    @Override
    public void checkpoint(io.decant.core.spi.JournalEntry mark) {
        if (done) {
            throw DecantException.internal("checkpoint after commit or abort on " + table.id().display(), null);
        }
        drainTextRows();
        try {
            if (isolating == null) {
                buffer.writeShort(-1);
                flush();
                copy.endCopy();
            } else {
                isolating.finish();
            }
            // The engine counts the rows it handed over; rows the server refused (--on-error reject) are not loaded.
            journal.insert(connection, mark, mark.rows() - (isolating == null ? 0 : isolating.refused()));
            connection.commit();
            if (options.disableForeignKeys()) {
                disableForeignKeys(url); // SET LOCAL lasts one transaction
            }
            if (isolating == null) {
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
                buffer.writeBytes(HEADER, 0, HEADER.length);
                copyStartRow = rows;
            }
        } catch (SQLException e) {
            DecantException mapped = PgErrors.map(e, context, "committing a chunk of " + table.id().display());
            throw isolating == null ? withKey(mapped) : mapped;
        }
    }

    /** Rows waiting for their text-input columns ({@link PgTextInput}); null when no column needs them. */
    private TextInputRows textRows;

    /** Each target column's type as {@link PgWireForm} identifies it (null: it cannot take rows passed through). */
    private final Map<String, String> wireTypes = new HashMap<>();

    /**
     * The target columns' actual types, looked up on this connection: the table may have been created
     * just now. Plan has checked every column of an existing table through {@link PgWriteMapping#problems};
     * the same check here is an assertion (the table changed since plan, or a created table's type).
     */
    private BinaryEncoders.Encoder[] encoders() throws SQLException {
        Map<String, PgWriteMapping.Attribute> actual = PgWriteMapping.lookup(connection, table);
        actual.forEach((name, a) -> wireTypes.put(name, a.wireType()));
        BinaryEncoders.Encoder[] out = new BinaryEncoders.Encoder[columns.size()];
        PgTextInput[] textInputs = new PgTextInput[columns.size()];
        for (int i = 0; i < out.length; i++) {
            Column c = columns.get(i);
            PgWriteMapping.Attribute a = actual.get(c.name());
            String problem = PgWriteMapping.problem(c, a);
            if (problem != null) {
                throw new DecantException(a != null ? ErrorCode.SCHEMA_MISMATCH : ErrorCode.UNKNOWN_COLUMN,
                        context.withColumn(c.name()), problem);
            }
            out[i] = BinaryEncoders.find(a.type(), c.type());
            if (out[i] == null) {
                // PgWriteMapping.readsText: the target's input function reads the text (plan allowed it)
                textInputs[i] = PgTextInput.of(connection, a.oid(), context.withColumn(c.name()));
                out[i] = TextInputRows::encodeRaw;
            }
        }
        textRows = TextInputRows.of(textInputs, connectorForSide, columns, context);
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
        if (textRows != null) {
            if (textRows.add(row)) {
                drainTextRows();
            }
            return;
        }
        writeNow(row);
    }

    private final TextInputRows.Out afterTextInput = new TextInputRows.Out() {
        @Override
        public void write(Object[] row) {
            writeNow(row);
        }

        @Override
        public void refuse(ConversionException e, Object[] row, int column) {
            reject(valueError(e.code(), e.rule(), e.getMessage(), row, column, e), row);
        }
    };

    /** Writes the rows waiting for their text-input columns. */
    private void drainTextRows() {
        if (textRows != null) {
            textRows.drain(afterTextInput);
        }
    }

    private void writeNow(Object[] row) {
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
            reject(valueError(e.code(), e.rule(), e.getMessage(), row, i, e), row);
            return;
        } catch (ClassCastException e) {
            buffer.reset(rowStart);
            reject(valueError(ErrorCode.VALUE_INVALID, null, "value of " + row[i].getClass().getSimpleName()
                    + " where column type " + columns.get(i).type() + " expects " + columns.get(i).type().kind().javaType().getSimpleName(), row, i, e), row);
            return;
        }
        if (isolating != null) {
            rows++;
            try {
                isolating.add(row, rows);
            } catch (SQLException e) {
                throw PgErrors.map(e, context, "COPY into " + table.id().display());
            }
            return;
        }
        rows++;
        inFlight.remember(row, rows);
        if (buffer.position() >= CopyBuffer.FLUSH_AT) {
            flush();
        }
    }

    /**
     * Rows of a source of the same major version and the same built-in column types pass through in
     * binary COPY form; not with {@code --on-error reject}, which needs each row to set it aside.
     */
    @Override
    public RowEncoding encoding() {
        if (isolating != null) {
            return null;
        }
        try {
            return PgWireForm.encoding(PgWireForm.format(connection), names, wireTypes);
        } catch (SQLException e) {
            throw PgErrors.map(e, context, "reading the server version");
        }
    }

    @Override
    public void writeEncoded(EncodedRows batch) {
        if (done || isolating != null) {
            throw DecantException.internal("encoded rows after commit or abort, or with rejects, on " + table.id().display(), null);
        }
        flush(); // the header, or values written before
        inFlight.remember(batch, rows + 1);
        rows += batch.rows();
        try {
            copy.writeToCopy(batch.bytes(), 0, batch.length());
        } catch (SQLException e) {
            throw withKey(PgErrors.map(e, context, "COPY into " + table.id().display()));
        }
        bytes += batch.length();
    }

    /** A row that cannot be encoded: the table fails, or with rejects the row is set aside. */
    private void reject(DecantException e, Object[] row) {
        if (isolating == null) {
            throw e;
        }
        rows++;
        options.rejector().reject(rows, e, names, row);
    }

    /** A row the server refused ({@code --on-error reject}), named by its key, with the value the server named. */
    private void refused(long ordinal, Object[] row, SQLException why) {
        DecantException reason = PgErrors.refusedRow(why, context.withRow(ordinal, inFlight.key(row)));
        int column = names.indexOf(reason.context().column());
        if (column >= 0) {
            reason = reason.within(ErrorContext.EMPTY.withValue(row[column]));
        }
        options.rejector().reject(ordinal, reason, names, row);
    }

    /** Adds the failing row's key, when the error names a row the sink still remembers. */
    private DecantException withKey(DecantException e) {
        Long line = e.context().rowOrdinal();
        if (line == null) {
            return e;
        }
        long at = line + copyStartRow; // the server counts the rows of the current COPY, which a chunk restarts
        String key = e.context().rowKey() != null ? e.context().rowKey() : inFlight.keyOf(at, rows);
        if (at == line && java.util.Objects.equals(key, e.context().rowKey())) {
            return e;
        }
        DecantException out = new DecantException(e.code(), e.context().withRow(at, key), e.detail(), e.getCause());
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    /** Rows of this sink written before the current COPY (the chunks committed before it). */
    private long copyStartRow;

    private DecantException valueError(ErrorCode code, String rule, String message, Object[] row, int column, Exception cause) {
        ErrorContext ctx = context.withColumn(columns.get(column).name()).withRow(rows + 1, inFlight.key(row)).withValue(row[column]);
        return new DecantException(code, rule == null ? ctx : ctx.withRule(rule), message, cause);
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

    private double keySeconds;

    @Override
    public double keySeconds() {
        return keySeconds;
    }

    @Override
    public long commit() {
        if (done) {
            throw DecantException.internal("commit after commit or abort on " + table.id().display(), null);
        }
        drainTextRows();
        if (isolating == null) {
            buffer.writeShort(-1);
            flush();
        }
        long loaded;
        try {
            if (isolating == null) {
                copy.endCopy();
            } else {
                isolating.finish();
            }
            loaded = isolating == null ? rows : isolating.accepted();
            long keysStart = System.nanoTime();
            if (deferredKeys != null) {
                deferredKeys.restore();
            }
            keySeconds = (System.nanoTime() - keysStart) / 1e9;
            if (options.doneMark() != null) {
                // In the table's own transaction: the rows and their "done" mark commit together or not at all.
                journal.insert(connection, options.doneMark(), loaded);
            }
            connection.commit();
        } catch (SQLException e) {
            DecantException mapped = PgErrors.map(e, context, "COPY into " + table.id().display());
            throw isolating == null ? withKey(mapped) : mapped;
        }
        done = true;
        if (isolating == null) {
            connections.give(connection);
        } else {
            PgConnector.closeQuietly(connection); // its savepoints and cancelled statements: not worth reusing
        }
        if (textRows != null) {
            textRows.close();
        }
        return loaded;
    }

    /** Idempotent and quiet: whatever failed first is what the caller is already reporting. */
    @Override
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        if (isolating != null) {
            isolating.cancel();
        }
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
        if (textRows != null) {
            textRows.close();
        }
    }

    @Override
    public long bytesWritten() {
        return isolating == null ? bytes : isolating.bytes();
    }
}
