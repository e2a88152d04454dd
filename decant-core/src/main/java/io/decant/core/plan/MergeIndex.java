package io.decant.core.plan;

import io.decant.core.checksum.RowHasher;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.run.RowMapper;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a table merged into another (spec: {@code into} with {@code key}), held by key so
 * that each row of the receiving table can pick up its merged columns. The merged table is read
 * once, on first use, into memory: merged tables are per-user side tables (settings, wallets), and
 * the plan says so. A key that appears twice is a data error; merged rows that no receiving row
 * claims are {@link #unclaimed()}.
 */
final class MergeIndex {
    private final SourceDatabase source;
    private final Table table;
    private final List<Column> read;
    private final int[] keyIndexes;
    private final RowMapper shape;
    private final RowHasher keyHasher;
    private Map<ByteBuffer, Object[]> rows;
    private final Set<ByteBuffer> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param shape      turns a merged row as read into the merged columns' values, in order
     * @param keyIndexes positions of the key columns among {@code read}
     */
    MergeIndex(SourceDatabase source, Table table, List<Column> read, int[] keyIndexes, RowMapper shape) {
        this.source = source;
        this.table = table;
        this.read = read;
        this.keyIndexes = keyIndexes;
        this.shape = shape;
        List<LogicalType> keyTypes = java.util.Arrays.stream(keyIndexes).mapToObj(i -> read.get(i).type()).toList();
        this.keyHasher = new RowHasher(keyTypes);
    }

    String tableName() {
        return table.id().display();
    }

    /** The merged values for a key (values in the key columns' types), or null when none was merged for it. */
    synchronized Object[] lookup(Object[] key) {
        if (rows == null) {
            load();
        }
        ByteBuffer k = ByteBuffer.wrap(keyHasher.canonical(key)); // one hasher: this method is synchronized
        Object[] found = rows.get(k);
        if (found != null) {
            claimed.add(k);
        }
        return found;
    }

    /** How many merged rows found no receiving row (call after the receiving table was read). */
    synchronized long unclaimed() {
        if (rows == null) {
            load();
        }
        return rows.size() - claimed.size();
    }

    private void load() {
        Map<ByteBuffer, Object[]> out = new HashMap<>();
        Set<ByteBuffer> seen = new HashSet<>();
        try (RowStream rs = source.read(table, read)) {
            Object[] row;
            while ((row = rs.next()) != null) {
                Object[] key = new Object[keyIndexes.length];
                for (int i = 0; i < keyIndexes.length; i++) {
                    key[i] = row[keyIndexes[i]];
                }
                ByteBuffer k = ByteBuffer.wrap(keyHasher.canonical(key));
                if (!seen.add(k)) {
                    throw new DecantException(ErrorCode.CONSTRAINT_VIOLATION, ErrorContext.EMPTY.withPhase("merge")
                            .withTable(tableName()).withRow(rs.rowsRead(), shape.describeKey(row)),
                            "two rows have the same merge key, so neither can be merged unambiguously");
                }
                Object[] values = shape.map(row, rs.rowsRead());
                if (values != null) {
                    out.put(k, values);
                }
            }
        }
        rows = out;
    }
}
