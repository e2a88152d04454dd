package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.EncodedRowStream;
import io.decant.core.spi.EncodedRows;
import io.decant.core.transform.ConversionException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one table's rows in binary COPY form, for a sink that takes exactly that form
 * ({@link PgWireForm}): each row's fields are copied as the server sent them, into batches of whole
 * rows, without being decoded. Read like {@link PgCopyRowStream}: {@code COPY (SELECT ...) TO STDOUT
 * (FORMAT binary)} in a read-only REPEATABLE READ transaction of its own connection that imports the
 * shared snapshot, ordered by the primary key for a read that continues after a position.
 */
final class PgEncodedRowStream implements EncodedRowStream {
    private final Table table;
    private final int width;
    private final CopyOutSession session;
    private final CopyFrames frames;
    /** With a read in key order: the field holding the key (one of the sink's, or its text form after them); else -1. */
    private final int positionField;
    private final BinaryDecoders.Decoder positionDecoder;
    private final String[] names;
    /**
     * Per column, the check that refuses what reading it as a value would refuse (infinity, BC dates,
     * 24:00, numeric NaN, arrays decant does not model), or null: rows pass through only where they
     * would also have been read.
     */
    private final BinaryDecoders.Decoder[] refusals;
    private final int[] keyFields;
    private final BinaryDecoders.Decoder[] keyDecoders;
    private long rows;
    private int lastLength = 1 << 16;
    private boolean finished;

    /**
     * @param orderKey with a read in key order: the one-column primary key; else null
     * @param after    with {@code orderKey}: the key's text form to continue after, or null
     */
    PgEncodedRowStream(PgConnector connector, Table table, List<Column> columns, String snapshot, Column orderKey,
                       String after, java.util.Set<io.decant.core.schema.TableId> inheritanceParents) {
        this.table = table;
        this.width = columns.size();
        this.names = columns.stream().map(Column::name).toArray(String[]::new);
        this.refusals = columns.stream().map(c -> BinaryDecoders.refusals(c.type())).toArray(BinaryDecoders.Decoder[]::new);
        this.keyFields = table.rowKey().stream().mapToInt(k -> columns.stream().map(Column::name).toList().indexOf(k))
                .toArray();
        this.keyDecoders = java.util.Arrays.stream(keyFields)
                .mapToObj(f -> f < 0 ? null : BinaryDecoders.forType(columns.get(f).type()))
                .toArray(BinaryDecoders.Decoder[]::new);
        List<String> select = new ArrayList<>();
        for (Column c : columns) {
            select.add(PgIdentifiers.quote(c.name()));
        }
        String order = "";
        int keyAt = -1;
        BinaryDecoders.Decoder keyDecoder = null;
        if (orderKey != null) {
            keyAt = PgCopyRowStream.keyField(columns, orderKey);
            keyDecoder = BinaryDecoders.forType(orderKey.type());
            if (keyAt < 0) {
                select.add(PgCopyRowStream.orderedKey(table, orderKey) + "::text");
                keyDecoder = BinaryDecoders.forType(io.decant.core.type.LogicalType.TEXT);
                keyAt = select.size() - 1;
            }
            order = PgCopyRowStream.orderClause(table, orderKey, after);
        }
        this.positionField = keyAt;
        this.positionDecoder = keyDecoder;
        String sql = "COPY (SELECT " + String.join(", ", select) + " FROM " + PgIdentifiers.from(table.id(), inheritanceParents) + order
                + ") TO STDOUT (FORMAT binary)";
        this.session = new CopyOutSession(connector, table.id().display(), sql, select.size(), snapshot, context());
        this.frames = session.frames();
    }

    private ErrorContext context() {
        return ErrorContext.EMPTY.withPhase("read").withTable(table.id().display());
    }

    @Override
    public EncodedRows next(int maxRows) {
        if (finished) {
            return null;
        }
        byte[] out = new byte[lastLength + (lastLength >> 3)];
        int length = 0;
        int n = 0;
        try {
            while (n < maxRows) {
                if (!frames.nextRow()) {
                    finish();
                    break;
                }
                byte[] b = frames.buffer();
                int[] offsets = frames.offsets();
                int[] lengths = frames.lengths();
                check(b, offsets, lengths, rows + n + 1);
                // The sink's fields are contiguous from the first one's length word to the end of the last one.
                int from = offsets[0] - 4;
                int to = offsets[width - 1] + Math.max(lengths[width - 1], 0);
                int need = length + 2 + (to - from);
                if (need > out.length) {
                    out = java.util.Arrays.copyOf(out, Math.max(need, out.length * 2));
                }
                out[length] = (byte) (width >>> 8);
                out[length + 1] = (byte) width;
                System.arraycopy(b, from, out, length + 2, to - from);
                length = need;
                n++;
            }
        } catch (CopyFrames.BadFrame e) {
            throw new DecantException(ErrorCode.INTERNAL, context().withRow(rows + n + 1, null),
                    "unexpected COPY data: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw PgErrors.map(e, context().withRow(rows + n + 1, null), "reading");
        }
        rows += n;
        if (n == 0) {
            return null;
        }
        lastLength = Math.max(length, 1024);
        return new EncodedRows(out, length, n);
    }

    private void check(byte[] b, int[] offsets, int[] lengths, long ordinal) {
        for (int i = 0; i < width; i++) {
            if (refusals[i] != null && lengths[i] >= 0) {
                try {
                    refusals[i].decode(b, offsets[i], lengths[i]);
                } catch (ConversionException e) {
                    throw new DecantException(e.code(), context().withColumn(names[i]).withRow(ordinal, key(b, offsets, lengths))
                            .withRule(e.rule()), e.getMessage(), e);
                }
            }
        }
    }

    /** {@code id=887}, from the key's fields among the row's, or null when the table has no key or it is not read. */
    private String key(byte[] b, int[] offsets, int[] lengths) {
        if (keyFields.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        try {
            for (int k = 0; k < keyFields.length; k++) {
                int f = keyFields[k];
                if (f < 0) {
                    return null;
                }
                Object v = lengths[f] < 0 ? null : keyDecoders[k].decode(b, offsets[f], lengths[f]);
                RowKeys.append(sb, table.rowKey().get(k), v);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return sb.toString();
    }

    /** The last row's key, as PostgreSQL prints it; its frame is still in the buffer until the next row is read. */
    @Override
    public String position() {
        if (positionField < 0 || rows == 0 || finished) {
            return null;
        }
        int len = frames.lengths()[positionField];
        return len < 0 ? null : PgCopyRowStream.positionText(
                positionDecoder.decode(frames.buffer(), frames.offsets()[positionField], len));
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    private void finish() throws SQLException {
        finished = true;
        session.finish();
    }

    /** Closing before the end cancels the COPY: see {@link CopyOutSession}. */
    @Override
    public void close() {
        finished = true;
        session.close();
    }
}
