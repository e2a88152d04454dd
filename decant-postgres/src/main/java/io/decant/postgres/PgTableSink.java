package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
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
 */
final class PgTableSink implements TableSink {
    private static final Logger LOG = LoggerFactory.getLogger(PgTableSink.class);
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};

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
    /** {@code --on-error reject}: batches in savepoints, refused rows set aside; null: one COPY for the table. */
    private final IsolatingCopy isolating;
    private final List<String> names;
    private final String copySql;
    private final PgUrl url;
    private final PgConnector connectorForSide;

    PgTableSink(PgConnector connector, Table table, List<Column> columns, SinkOptions options, PgJournal journal) {
        this.options = options;
        this.journal = journal;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.context = ErrorContext.EMPTY.withPhase("load").withTable(table.id().display());
        List<String> names = columns.stream().map(Column::name).toList();
        this.names = names;
        this.keyIndexes = table.rowKey().stream().mapToInt(names::indexOf).filter(i -> i >= 0).toArray();
        String copySql = "COPY " + PgNames.table(table.id()) + " (" + PgNames.columnList(names) + ") FROM STDIN (FORMAT binary)";
        this.copySql = copySql;
        this.url = connector.url();
        this.connectorForSide = connector;
        this.connection = connector.open();
        try {
            connection.setAutoCommit(false);
            this.encoders = encoders();
            if (java.util.Arrays.stream(textInputs).anyMatch(java.util.Objects::nonNull)) {
                pending = new java.util.ArrayList<>(TEXT_INPUT_BATCH);
            }
            if (options.disableForeignKeys()) {
                disableForeignKeys(connector.url());
            }
            if (options.createdByRun() && options.rejector() == null) {
                // (with rejects the keys stay: a duplicate is then refused at its row, not when the key is built)
                deferKeys();
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
        if (options.createdByRun() && options.rejector() == null) {
            addMissingKeys();
        }
    }

    /**
     * A table loaded in chunks by a run that was cut short lost its keys in that run's first chunk
     * (they were dropped there, to be built after the last one): the run that continues it builds
     * them from the table's definition, as decant created it.
     */
    private void addMissingKeys() throws SQLException {
        java.util.Set<String> present = new java.util.HashSet<>(); // "p", and "u:" + columns for each unique constraint
        try (var ps = connection.prepareStatement("SELECT c.contype::text, (SELECT string_agg(a.attname, ','"
                + " ORDER BY array_position(c.conkey, a.attnum)) FROM pg_attribute a WHERE a.attrelid = c.conrelid"
                + " AND a.attnum = ANY (c.conkey)) FROM pg_constraint c WHERE c.conrelid = ?::regclass"
                + " AND c.contype IN ('p', 'u')")) {
            ps.setString(1, PgNames.table(table.id()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1).equals("p") ? "p" : "u:" + rs.getString(2));
                }
            }
        }
        try (var st = connection.createStatement()) {
            String alter = "ALTER TABLE " + PgNames.table(table.id()) + " ADD ";
            if (!table.primaryKey().isEmpty() && !present.contains("p")) {
                st.execute(alter + "PRIMARY KEY (" + PgNames.columnList(table.primaryKey()) + ")");
            }
            for (io.decant.core.schema.Index i : table.indexes()) {
                if (i.unique() && i.constraint() && !present.contains("u:" + String.join(",", i.columns()))) {
                    st.execute(alter + (i.name() == null ? "" : "CONSTRAINT " + PgNames.quote(i.name()) + " ")
                            + "UNIQUE (" + PgNames.columnList(i.columns()) + ")");
                }
            }
        }
    }

    /** Commits the rows so far with their chunk mark; the next rows go to a new COPY in a new transaction. */
    @Override
    public void checkpoint(io.decant.core.spi.JournalEntry mark) {
        if (done) {
            throw DecantException.internal("checkpoint after commit or abort on " + table.id().display(), null);
        }
        drainPending();
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
        textInputs = new PgTextInput[columns.size()];
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
                out[i] = PgTableSink::raw;
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

    /** Per column, the route of text into a type decant does not model ({@link PgTextInput}), or null. */
    private PgTextInput[] textInputs;
    /** Rows waiting for their text-input columns to be converted, a batch at a time; null when no column needs them. */
    private java.util.List<Object[]> pending;
    /** The connection that runs the text-input conversions (the sink's own is inside its COPY). */
    private Connection side;
    private static final int TEXT_INPUT_BATCH = 1000;

    /** A value already in the target type's binary form. */
    record Raw(byte[] bytes, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static void raw(Object v, CopyBuffer out) {
        byte[] b = ((Raw) v).bytes();
        out.writeInt(b.length);
        out.writeBytes(b, 0, b.length);
    }

    @Override
    public void write(Object[] row) {
        if (done) {
            throw DecantException.internal("write after commit or abort on " + table.id().display(), null);
        }
        if (pending != null) {
            pending.add(row.clone());
            if (pending.size() >= TEXT_INPUT_BATCH) {
                drainPending();
            }
            return;
        }
        writeNow(row);
    }

    /** Converts the pending rows' text-input columns in one query per column, then writes the rows in order. */
    private void drainPending() {
        if (pending == null || pending.isEmpty()) {
            return;
        }
        List<Object[]> batch = pending;
        pending = new java.util.ArrayList<>(TEXT_INPUT_BATCH);
        Object[] failure = new Object[batch.size()]; // per row: the ConversionException of its first refused value
        int[] failedColumn = new int[batch.size()];
        for (int col = 0; col < textInputs.length; col++) {
            if (textInputs[col] != null) {
                convertColumn(batch, col, failure, failedColumn);
            }
        }
        for (int r = 0; r < batch.size(); r++) {
            Object[] row = batch.get(r);
            if (failure[r] != null) {
                ConversionException e = (ConversionException) failure[r];
                reject(valueError(e.code(), e.rule(), e.getMessage(), row, failedColumn[r], e), row);
            } else {
                writeNow(row);
            }
        }
    }

    private void convertColumn(List<Object[]> batch, int col, Object[] failure, int[] failedColumn) {
        PgTextInput input = textInputs[col];
        List<Integer> at = new java.util.ArrayList<>();
        for (int r = 0; r < batch.size(); r++) {
            if (batch.get(r)[col] != null && failure[r] == null) {
                at.add(r);
            }
        }
        if (at.isEmpty()) {
            return;
        }
        String[] texts = new String[at.size()];
        for (int k = 0; k < texts.length; k++) {
            texts[k] = (String) batch.get(at.get(k))[col];
        }
        try {
            if (side == null) {
                side = connectorForSide.open();
            }
            byte[][] bytes;
            try {
                bytes = input.convert(side, texts);
            } catch (SQLException refused) {
                bytes = null;
            }
            for (int k = 0; k < texts.length; k++) {
                int r = at.get(k);
                byte[] b = bytes != null ? bytes[k] : null;
                if (b == null) {
                    try {
                        b = input.convertOne(side, texts[k]);
                    } catch (SQLException e) {
                        if (!PgErrors.refusesRow(e)) {
                            throw e;
                        }
                        failure[r] = ConversionException.invalid("the target's " + input.typeName + " input",
                                io.decant.core.error.ErrorContext.preview(texts[k]) + " is not a valid " + input.typeName
                                        + ": " + PgErrors.describe(e));
                        failedColumn[r] = col;
                        continue;
                    }
                }
                batch.get(r)[col] = new Raw(b, texts[k]);
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, context.withColumn(columns.get(col).name()), "reading text into " + input.typeName);
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
        rememberKey(row);
        rows++;
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
        rememberBatch(batch);
        rows += batch.rows();
        try {
            copy.writeToCopy(batch.bytes(), 0, batch.length());
        } catch (SQLException e) {
            throw withKey(PgErrors.map(e, context, "COPY into " + table.id().display()));
        }
        bytes += batch.length();
    }

    /** The last batches passed through, holding at least the last {@value #RECENT} rows, to name a failing row. */
    private final java.util.ArrayDeque<EncodedRows> recentBatches = new java.util.ArrayDeque<>();
    private long recentFirstRow = 1;
    private long recentRows;

    private void rememberBatch(EncodedRows batch) {
        if (keyIndexes.length == 0) {
            return;
        }
        if (recentBatches.isEmpty()) {
            recentFirstRow = rows + 1; // called before the batch is counted
        }
        recentBatches.addLast(batch);
        recentRows += batch.rows();
        while (recentRows - recentBatches.peekFirst().rows() >= RECENT) {
            EncodedRows gone = recentBatches.removeFirst();
            recentRows -= gone.rows();
            recentFirstRow += gone.rows();
        }
    }

    /** The key of row {@code ordinal} (1-based) if it is in a batch passed through recently, else null. */
    private String encodedKeyOf(long ordinal) {
        long first = recentFirstRow;
        for (EncodedRows b : recentBatches) {
            if (ordinal < first + b.rows()) {
                return ordinal < first ? null : keyInFrames(b, (int) (ordinal - first));
            }
            first += b.rows();
        }
        return null;
    }

    /** Decodes the key columns of row {@code index} of a batch in binary COPY form. */
    private String keyInFrames(EncodedRows b, int index) {
        byte[] a = b.bytes();
        int p = 0;
        for (int r = 0; r < index; r++) {
            int fields = BinaryDecoders.u16(a, p);
            p += 2;
            for (int f = 0; f < fields; f++) {
                p += 4 + Math.max(BinaryDecoders.i32(a, p), 0);
            }
        }
        p += 2;
        int[] offsets = new int[columns.size()];
        int[] lengths = new int[columns.size()];
        for (int f = 0; f < offsets.length; f++) {
            lengths[f] = BinaryDecoders.i32(a, p);
            offsets[f] = p + 4;
            p += 4 + Math.max(lengths[f], 0);
        }
        StringBuilder sb = new StringBuilder();
        try {
            for (int k : keyIndexes) {
                Column c = columns.get(k);
                Object v = lengths[k] < 0 ? null : BinaryDecoders.forType(c.type()).decode(a, offsets[k], lengths[k]);
                RowKeys.append(sb, c.name(), v);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return sb.toString();
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
        DecantException reason = PgErrors.refusedRow(why, context.withRow(ordinal, describeKey(row)));
        int column = names.indexOf(reason.context().column());
        if (column >= 0) {
            reason = reason.within(ErrorContext.EMPTY.withValue(row[column]));
        }
        options.rejector().reject(ordinal, reason, names, row);
    }

    private String describeKey(Object[] row) {
        if (keyIndexes.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k : keyIndexes) {
            RowKeys.append(sb, columns.get(k).name(), row[k]);
        }
        return sb.toString();
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
        if (!recentBatches.isEmpty()) {
            return encodedKeyOf(ordinal);
        }
        if (recentKeys == null || ordinal < 1 || ordinal > rows || rows - ordinal >= RECENT) {
            return null;
        }
        Object[] k = recentKeys[(int) ((ordinal - 1) & (RECENT - 1))];
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < keyIndexes.length; j++) {
            RowKeys.append(sb, columns.get(keyIndexes[j]).name(), k[j]);
        }
        return sb.toString();
    }

    /** Adds the failing row's key, when the error names a row the sink still remembers. */
    private DecantException withKey(DecantException e) {
        Long line = e.context().rowOrdinal();
        if (line == null) {
            return e;
        }
        long at = line + copyStartRow; // the server counts the rows of the current COPY, which a chunk restarts
        String key = e.context().rowKey() != null ? e.context().rowKey() : keyOf(at);
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
        ErrorContext ctx = context.withColumn(columns.get(column).name()).withRow(rows + 1, key(row)).withValue(row[column]);
        return new DecantException(code, rule == null ? ctx : ctx.withRule(rule), message, cause);
    }

    private String key(Object[] row) {
        if (keyIndexes.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k : keyIndexes) {
            RowKeys.append(sb, columns.get(k).name(), row[k]);
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
        drainPending();
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
            restoreKeys();
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
        PgConnector.closeQuietly(connection);
        PgConnector.closeQuietly(side);
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
        PgConnector.closeQuietly(side);
    }

    @Override
    public long bytesWritten() {
        return isolating == null ? bytes : isolating.bytes();
    }
}
