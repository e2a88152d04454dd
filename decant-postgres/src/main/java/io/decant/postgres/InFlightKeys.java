package io.decant.postgres;

import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import io.decant.core.spi.EncodedRows;
import java.util.ArrayDeque;
import java.util.List;

/**
 * PostgreSQL reports a COPY error by line, often rows after that row was written (the data is in
 * flight), so the keys of the last {@value #RECENT} rows are kept to name it: for rows written one
 * by one, the key values (references only); for rows passed through in binary COPY form, the last
 * batches, whose key columns are decoded only when a row has to be named.
 * Rows are counted from 1 over the whole sink, across chunks.
 */
final class InFlightKeys {
    static final int RECENT = 1 << 16;

    private final List<Column> columns;
    private final int[] keyIndexes;
    /**
     * Key values of recent rows written one by one, row {@code ordinal}'s at
     * {@code ((ordinal - 1) % RECENT) * keyIndexes.length}: one flat array, so remembering a row
     * allocates nothing (an array per row was a sixth of the writer's CPU). Allocated on first use.
     */
    private Object[] recentKeys;
    /** The last batches passed through, holding at least the last {@value #RECENT} rows. */
    private final ArrayDeque<EncodedRows> recentBatches = new ArrayDeque<>();
    private long recentFirstRow = 1;
    private long recentRows;

    InFlightKeys(List<Column> columns, int[] keyIndexes) {
        this.columns = columns;
        this.keyIndexes = keyIndexes;
    }

    /** The row's key ("id=887"), or null when the table has no row key. */
    String key(Object[] row) {
        if (keyIndexes.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k : keyIndexes) {
            RowKeys.append(sb, columns.get(k).name(), row[k]);
        }
        return sb.toString();
    }

    /** Remembers the key of row {@code ordinal}, written one by one. */
    void remember(Object[] row, long ordinal) {
        if (keyIndexes.length == 0) {
            return;
        }
        if (recentKeys == null) {
            recentKeys = new Object[RECENT * keyIndexes.length];
        }
        int at = (int) ((ordinal - 1) & (RECENT - 1)) * keyIndexes.length;
        for (int j = 0; j < keyIndexes.length; j++) {
            recentKeys[at + j] = row[keyIndexes[j]];
        }
    }

    /** Remembers a batch passed through whose first row is row {@code firstOrdinal}. */
    void remember(EncodedRows batch, long firstOrdinal) {
        if (keyIndexes.length == 0) {
            return;
        }
        if (recentBatches.isEmpty()) {
            recentFirstRow = firstOrdinal;
        }
        recentBatches.addLast(batch);
        recentRows += batch.rows();
        while (recentRows - recentBatches.peekFirst().rows() >= RECENT) {
            EncodedRows gone = recentBatches.removeFirst();
            recentRows -= gone.rows();
            recentFirstRow += gone.rows();
        }
    }

    /** The key of row {@code ordinal} if it is among the recent rows of the {@code rows} written, else null. */
    String keyOf(long ordinal, long rows) {
        if (!recentBatches.isEmpty()) {
            return encodedKeyOf(ordinal);
        }
        if (recentKeys == null || ordinal < 1 || ordinal > rows || rows - ordinal >= RECENT) {
            return null;
        }
        int at = (int) ((ordinal - 1) & (RECENT - 1)) * keyIndexes.length;
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < keyIndexes.length; j++) {
            RowKeys.append(sb, columns.get(keyIndexes[j]).name(), recentKeys[at + j]);
        }
        return sb.toString();
    }

    /** The key of row {@code ordinal} if it is in a batch passed through recently, else null. */
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
}
