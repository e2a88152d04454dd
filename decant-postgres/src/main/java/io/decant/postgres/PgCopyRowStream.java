package io.decant.postgres;

import io.decant.core.checksum.Canonical;
import io.decant.core.checksum.CanonicalBuffer;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.CanonicalRowStream;
import io.decant.core.transform.ConversionException;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one table with {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}, in a read-only
 * REPEATABLE READ transaction of its own connection that imports the shared snapshot. Profiling the
 * cursor reader it replaced showed most of its time in pgjdbc's per-column text handling (a String
 * per value, then parsing it again); binary COPY sends each value in its
 * send form, which {@link BinaryDecoders} turns into the logical type's Java value directly, and
 * the server skips the output functions and the portal round trips.
 *
 * <p>Columns are selected as they are, except JSON (cast to json, so that jsonb arrives as text
 * too) and unsupported columns the spec reads {@code as_text} (cast to text). Primary-key columns
 * not asked for are selected as text after the requested ones, only to name the row in errors.
 */
final class PgCopyRowStream implements CanonicalRowStream {
    private final Table table;
    private final List<Column> columns;
    private final BinaryDecoders.Decoder[] decoders;
    private final List<String> keyNames = new ArrayList<>();
    private final int[] keyFields;
    private final int fieldCount;
    private final CopyOutSession session;
    private final CopyFrames frames;
    private long rows;
    private boolean finished;
    /** The checksum field writers of the columns, made on the first {@link #nextCanonical}. */
    private CanonicalFields.Writer[] writers;

    /** With a read in key order: the field holding the key (or its text form), for {@link #position()}; else -1. */
    private final int positionField;

    PgCopyRowStream(PgConnector connector, Table table, List<Column> columns, String snapshot) {
        this(connector, table, columns, snapshot, null, null, java.util.Set.of());
    }

    /**
     * @param orderKey with a read in key order: the one-column primary key, read ordered by it; else null
     * @param after    with {@code orderKey}: the key's text form to continue after, or null
     */
    PgCopyRowStream(PgConnector connector, Table table, List<Column> columns, String snapshot, Column orderKey,
                    String after, java.util.Set<io.decant.core.schema.TableId> inheritanceParents) {
        this(connector, table, columns, snapshot, orderKey, after, inheritanceParents, null);
    }

    /** @param condition without {@code orderKey}: an SQL condition the rows read must meet (a slice), or null */
    PgCopyRowStream(PgConnector connector, Table table, List<Column> columns, String snapshot, Column orderKey,
                    String after, java.util.Set<io.decant.core.schema.TableId> inheritanceParents, String condition) {
        this.table = table;
        this.columns = List.copyOf(columns);
        List<String> select = new ArrayList<>();
        List<BinaryDecoders.Decoder> decs = new ArrayList<>();
        for (Column c : columns) {
            LogicalType type = c.isSupported() ? c.type() : LogicalType.TEXT;
            select.add(selectExpression(c));
            decs.add(BinaryDecoders.forType(type));
        }
        List<String> names = columns.stream().map(Column::name).toList();
        this.keyFields = new int[table.rowKey().size()];
        for (String k : table.rowKey()) {
            int at = names.indexOf(k);
            if (at < 0) {
                select.add(PgIdentifiers.quote(k) + "::text");
                decs.add(BinaryDecoders.forType(LogicalType.TEXT));
                at = select.size() - 1;
            }
            keyFields[keyNames.size()] = at;
            keyNames.add(k);
        }
        String order = "";
        int keyAt = -1;
        if (orderKey != null) {
            keyAt = keyField(columns, orderKey);
            if (keyAt < 0) {
                select.add(orderedKey(table, orderKey) + "::text");
                decs.add(BinaryDecoders.forType(LogicalType.TEXT));
                keyAt = select.size() - 1;
            }
            order = orderClause(table, orderKey, after);
        } else if (condition != null) {
            order = " WHERE " + condition;
        }
        this.positionField = keyAt;
        this.decoders = decs.toArray(BinaryDecoders.Decoder[]::new);
        this.fieldCount = decoders.length;
        String sql = "COPY (SELECT " + String.join(", ", select) + " FROM " + PgIdentifiers.from(table.id(), inheritanceParents) + order
                + ") TO STDOUT (FORMAT binary)";
        this.session = new CopyOutSession(connector, table.id().display(), sql, fieldCount, snapshot, context());
        this.frames = session.frames();
    }

    /**
     * The selected column a read in key order takes its position from, when the key is selected and its
     * decoded value prints as PostgreSQL prints it (integers, text, uuid); else -1, and the key's text
     * form is selected for it (a cast on the server for every row, which the common keys avoid).
     */
    static int keyField(List<Column> columns, Column orderKey) {
        Kind k = orderKey.type().kind();
        if (k.isInteger() || k == Kind.TEXT || k == Kind.UUID) {
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                if (c.name().equals(orderKey.name()) && c.isSupported() && c.type().kind() == k) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The position after a row: the key field's value as text. */
    static String positionText(Object key) {
        return key == null ? null : key.toString();
    }

    /** The key column, qualified: ORDER BY would otherwise also match output columns (the key and its text form). */
    static String orderedKey(Table table, Column orderKey) {
        return PgIdentifiers.table(table.id()) + "." + PgIdentifiers.quote(orderKey.name());
    }

    /** {@code [WHERE key > position] ORDER BY key}, for a read in key order continuing after {@code after} (or from the start). */
    static String orderClause(Table table, Column orderKey, String after) {
        String k = orderedKey(table, orderKey);
        // COPY takes no parameters: the position is a literal, escaped whatever standard_conforming_strings is,
        // and untyped, so that the server reads it as the key's own type (also a domain's, which a cast would
        // have to name exactly).
        return (after == null ? "" : " WHERE " + k + " > E'" + after.replace("\\", "\\\\").replace("'", "''") + "'")
                + " ORDER BY " + k;
    }

    /**
     * The condition of a slice: {@code key >= low AND key < high} (bounds as untyped literals, read as the
     * key's own type), or {@code ctid} within blocks {@code [low, high)}; null for the whole table.
     */
    static String sliceCondition(Table table, io.decant.core.spi.TableSlice slice) {
        List<String> terms = new ArrayList<>();
        if (slice.keyColumn() == null) {
            if (slice.low() != null) {
                terms.add("ctid >= '(" + Long.parseLong(slice.low()) + ",0)'::tid");
            }
            if (slice.high() != null) {
                terms.add("ctid < '(" + Long.parseLong(slice.high()) + ",0)'::tid");
            }
        } else {
            String k = PgIdentifiers.table(table.id()) + "." + PgIdentifiers.quote(slice.keyColumn());
            if (slice.low() != null) {
                terms.add(k + " >= " + escaped(slice.low()));
            }
            if (slice.high() != null) {
                terms.add(k + " < " + escaped(slice.high()));
            }
        }
        return terms.isEmpty() ? null : String.join(" AND ", terms);
    }

    private static String escaped(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String selectExpression(Column c) {
        String q = PgIdentifiers.quote(c.name());
        if (!c.isSupported()) {
            return q + "::text";
        }
        LogicalType t = c.type();
        if (t.kind() == Kind.JSON) {
            return q + "::json";
        }
        if (t.kind() == Kind.ARRAY && t.element().kind() == Kind.JSON) {
            return q + "::json[]";
        }
        return q;
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
            if (!frames.nextRow()) {
                finish();
                return null;
            }
            byte[] b = frames.buffer();
            int[] offsets = frames.offsets();
            int[] lengths = frames.lengths();
            Object[] row = new Object[columns.size()];
            for (; i < row.length; i++) {
                int len = lengths[i];
                row[i] = len < 0 ? null : decoders[i].decode(b, offsets[i], len);
            }
            rows++;
            return row;
        } catch (ConversionException | CopyFrames.BadFrame | SQLException e) {
            throw readFailure(e, i);
        }
    }

    @Override
    public Object[] nextCanonical(CanonicalBuffer out, int[] ends, boolean[] decode) {
        if (finished) {
            return null;
        }
        if (writers == null) {
            writers = new CanonicalFields.Writer[columns.size()];
            for (int c = 0; c < writers.length; c++) {
                Column col = columns.get(c);
                writers[c] = CanonicalFields.forType(col.isSupported() ? col.type() : LogicalType.TEXT);
            }
        }
        int i = 0;
        try {
            if (!frames.nextRow()) {
                finish();
                return null;
            }
            byte[] b = frames.buffer();
            int[] offsets = frames.offsets();
            int[] lengths = frames.lengths();
            Object[] row = new Object[writers.length];
            for (; i < row.length; i++) {
                int len = lengths[i];
                if (len < 0) {
                    Canonical.writeNull(out);
                } else {
                    writers[i].write(b, offsets[i], len, out);
                    row[i] = decode[i] ? decoders[i].decode(b, offsets[i], len) : NOT_DECODED;
                }
                ends[i] = out.size();
            }
            rows++;
            return row;
        } catch (ConversionException | CopyFrames.BadFrame | SQLException e) {
            throw readFailure(e, i);
        }
    }

    /** What reading the current row's field {@code column} failed with, named by table, row and, for a value, column and key. */
    private DecantException readFailure(Exception e, int column) {
        if (e instanceof ConversionException c) {
            return new DecantException(c.code(), context().withColumn(columns.get(column).name())
                    .withRow(rows + 1, key()).withRule(c.rule()), c.getMessage(), c);
        }
        if (e instanceof SQLException s) {
            return PgErrors.map(s, context().withRow(rows + 1, null), "reading");
        }
        return new DecantException(ErrorCode.INTERNAL, context().withRow(rows + 1, null),
                "unexpected COPY data: " + e.getMessage(), e);
    }

    /** {@code id=887}, from the current row's key fields, or null when the table has no key or it cannot be shown. */
    private String key() {
        if (keyFields.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        try {
            for (int k = 0; k < keyFields.length; k++) {
                int f = keyFields[k];
                int len = frames.lengths()[f];
                Object v = len < 0 ? null : decoders[f].decode(frames.buffer(), frames.offsets()[f], len);
                RowKeys.append(sb, keyNames.get(k), v);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return sb.toString();
    }

    private void finish() throws SQLException {
        finished = true;
        session.finish();
    }

    /** The last row's key, as PostgreSQL prints it; its frame is still in the buffer until the next row is read. */
    @Override
    public String position() {
        if (positionField < 0 || rows == 0 || finished) { // (after the end the frame is gone; nothing follows anyway)
            return null;
        }
        int len = frames.lengths()[positionField];
        return len < 0 ? null : positionText(decoders[positionField].decode(frames.buffer(), frames.offsets()[positionField], len));
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    /** Closing before the end (the engine aborting) cancels the COPY: see {@link CopyOutSession}. */
    @Override
    public void close() {
        finished = true;
        session.close();
    }
}
