package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.plan.ColumnPlan;
import io.decant.core.plan.TablePlan;
import io.decant.core.type.LogicalType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The second pass: keeps the rows of the differing buckets from both sides (at most
 * {@value #MAX_BUCKETS} buckets, so memory stays bounded) and compares them by key.
 * Called from two threads, one per side, each with its own hasher and map.
 */
final class TableDiffer {
    static final int MAX_BUCKETS = 64;

    private final List<String> names;
    private final List<LogicalType> types;
    private final int[] key;
    private final BitSet examined = new BitSet();
    private final int bucketCount;
    private final int maxDifferences;
    private final int differingBuckets;
    private final Side source;
    private final Side target;

    TableDiffer(TablePlan tp, List<LogicalType> types, int[] key, BitSet differ, int bucketCount, int maxDifferences) {
        this.names = tp.columns().stream().map(ColumnPlan::target).map(c -> c.name()).toList();
        this.types = types;
        this.key = key;
        this.bucketCount = bucketCount;
        this.maxDifferences = maxDifferences;
        this.differingBuckets = differ.cardinality();
        int taken = 0;
        for (int b = differ.nextSetBit(0); b >= 0 && taken < MAX_BUCKETS; b = differ.nextSetBit(b + 1)) {
            examined.set(b);
            taken++;
        }
        this.source = new Side(types, key);
        this.target = new Side(types, key);
    }

    void addSource(Object[] row) {
        source.add(row, examined, bucketCount);
    }

    void addTarget(Object[] row) {
        target.add(row, examined, bucketCount);
    }

    boolean truncated() {
        return examined.cardinality() < differingBuckets;
    }

    int bucketsExamined() {
        return examined.cardinality();
    }

    private List<RowDiff> diffs;
    private long differing;

    List<RowDiff> differences() {
        compare();
        return diffs;
    }

    long differingRows() {
        compare();
        return differing;
    }

    private void compare() {
        if (diffs != null) {
            return;
        }
        diffs = new ArrayList<>();
        RowHasher columns = new RowHasher(types);
        for (var e : source.rows.entrySet()) {
            List<Object[]> theirs = target.rows.getOrDefault(e.getKey(), List.of());
            List<Object[]> ours = new ArrayList<>(e.getValue());
            List<Object[]> left = new ArrayList<>(theirs);
            // Rows equal on both sides cancel out; what remains differs.
            for (Iterator<Object[]> it = ours.iterator(); it.hasNext(); ) {
                Object[] r = it.next();
                for (Iterator<Object[]> jt = left.iterator(); jt.hasNext(); ) {
                    if (sameRow(columns, r, jt.next())) {
                        it.remove();
                        jt.remove();
                        break;
                    }
                }
            }
            int pairs = Math.min(ours.size(), left.size());
            for (int i = 0; i < pairs; i++) {
                record(new RowDiff("changed", describeKey(ours.get(i)), columnDiffs(columns, ours.get(i), left.get(i))));
            }
            for (int i = pairs; i < ours.size(); i++) {
                record(new RowDiff("missing", describeKey(ours.get(i)), List.of()));
            }
            for (int i = pairs; i < left.size(); i++) {
                record(new RowDiff("extra", describeKey(left.get(i)), List.of()));
            }
        }
        for (var e : target.rows.entrySet()) {
            if (!source.rows.containsKey(e.getKey())) {
                for (Object[] r : e.getValue()) {
                    record(new RowDiff("extra", describeKey(r), List.of()));
                }
            }
        }
    }

    private void record(RowDiff d) {
        differing++;
        if (diffs.size() < maxDifferences) {
            diffs.add(d);
        }
    }

    private boolean sameRow(RowHasher h, Object[] a, Object[] b) {
        return Arrays.equals(h.canonical(a), h.canonical(b));
    }

    private List<RowDiff.ColumnDiff> columnDiffs(RowHasher h, Object[] a, Object[] b) {
        List<RowDiff.ColumnDiff> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!Arrays.equals(h.canonical(i, a[i]), h.canonical(i, b[i]))) {
                boolean secret = RowKeys.sensitive(names.get(i));
                out.add(new RowDiff.ColumnDiff(names.get(i), secret ? RowKeys.REDACTED : show(a[i]),
                        secret ? RowKeys.REDACTED : show(b[i])));
            }
        }
        return out;
    }

    private static String show(Object v) {
        return ErrorContext.preview(v);
    }

    private String describeKey(Object[] row) {
        StringBuilder sb = new StringBuilder();
        for (int k : key) {
            RowKeys.append(sb, names.get(k), row[k]);
        }
        return sb.toString();
    }

    /** One side's rows in the examined buckets, by canonical key. */
    private static final class Side {
        final Map<ByteBuffer, List<Object[]>> rows = new HashMap<>();
        private final RowHasher hasher;
        private final RowHasher keyBytes;
        private final int[] key;

        Side(List<LogicalType> types, int[] key) {
            this.hasher = new RowHasher(types, key);
            this.key = key;
            List<LogicalType> keyTypes = Arrays.stream(key).mapToObj(types::get).toList();
            this.keyBytes = new RowHasher(keyTypes);
        }

        void add(Object[] row, BitSet examined, int bucketCount) {
            int b = SideScan.bucketOf(hasher.keyHash(row), bucketCount);
            if (!examined.get(b)) {
                return;
            }
            Object[] k = new Object[key.length];
            for (int i = 0; i < key.length; i++) {
                k[i] = row[key[i]];
            }
            rows.computeIfAbsent(ByteBuffer.wrap(keyBytes.canonical(k)), x -> new ArrayList<>(1)).add(row);
        }
    }
}
