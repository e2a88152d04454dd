package io.decant.spark;

import io.decant.core.checksum.RowHasher;
import io.decant.core.plan.ColumnPlan;
import io.decant.core.run.RowMapper;
import io.decant.core.plan.TablePlan;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSlice;
import io.decant.core.type.LogicalType;
import io.decant.core.error.RowKeys;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * verify's tasks on one slice. The first pass ({@link Sums}) reads the slice on both sides, the source through
 * the plan as one-machine verify does, and returns each side's order-independent checksum, the same row hash
 * and sums as {@code decant verify}, so that the driver's totals are its checksums. The second pass
 * ({@link Differences}), only for slices whose checksums differ, reads them again and names each missing,
 * extra or changed row by its key, with the columns that differ (secret columns redacted).
 */
final class SliceCheck {
    private SliceCheck() {
    }

    /** One side's checksum of a slice: rows and the two 64-bit sums of the rows' 128-bit hashes. */
    record Sum(long rows, long high, long low) implements Serializable {
        private static final long serialVersionUID = 1L;

        Sum plus(Sum o) {
            return new Sum(rows + o.rows, high + o.high, low + o.low);
        }

        String hex() {
            return String.format(java.util.Locale.ROOT, "%016x%016x", high, low);
        }
    }

    record SliceSums(String table, int index, Sum source, Sum target) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A differing row: kind, key, and per differing column {@code name}, source value, target value. */
    record Difference(String kind, String key, List<List<String>> columns) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record SliceDifferences(String table, int index, long differing, List<Difference> shown) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs {@code body} on this executor's verify worker, within its connection permits; a refusal comes
     * back naming the slice.
     */
    static <T> T onWorker(VerifyContext ctx, SliceTask task, java.util.function.Function<VerifyWorker, T> body)
            throws InterruptedException {
        try {
            VerifyWorker w = VerifyWorker.of(ctx);
            w.permits.acquire();
            try {
                return body.apply(w);
            } finally {
                w.permits.release();
            }
        } catch (DecantException e) {
            throw SliceFailed.of(e, task);
        }
    }

    static final class Sums implements Function<SliceTask, SliceSums> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<VerifyContext> context;

        Sums(Broadcast<VerifyContext> context) {
            this.context = context;
        }

        @Override
        public SliceSums call(SliceTask task) throws InterruptedException {
            VerifyContext ctx = context.value();
            return onWorker(ctx, task, w -> {
                TablePlan tp = w.plan(task.table());
                List<LogicalType> types = tp.columns().stream().map(c -> c.target().type()).toList();
                long[] s = sum(types, consumer -> readSource(w, ctx, tp, task, consumer));
                long[] t = sum(types, consumer -> readTarget(w, ctx, tp, task, consumer));
                return new SliceSums(task.table(), task.index(), new Sum(s[0], s[1], s[2]), new Sum(t[0], t[1], t[2]));
            });
        }

        private static long[] sum(List<LogicalType> types, Consumer<Consumer<Object[]>> read) {
            RowHasher hasher = new RowHasher(types);
            long[] h = new long[2];
            long[] acc = new long[3];
            read.accept(row -> {
                hasher.hash(row, h);
                acc[0]++;
                acc[1] += h[0];
                acc[2] += h[1];
            });
            return acc;
        }
    }

    static final class Differences implements Function<SliceTask, SliceDifferences> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<VerifyContext> context;

        Differences(Broadcast<VerifyContext> context) {
            this.context = context;
        }

        @Override
        public SliceDifferences call(SliceTask task) throws InterruptedException {
            VerifyContext ctx = context.value();
            return onWorker(ctx, task, w -> differences(ctx, w, task));
        }

        private static SliceDifferences differences(VerifyContext ctx, VerifyWorker w, SliceTask task) {
            TablePlan tp = w.plan(task.table());
            List<LogicalType> types = tp.columns().stream().map(c -> c.target().type()).toList();
            List<String> names = tp.columns().stream().map(c -> c.target().name()).toList();
            int[] key = keyIndexes(tp);
            RowHasher keys = new RowHasher(Arrays.stream(key).mapToObj(types::get).toList());
            Map<ByteBuffer, List<Object[]>> source = new HashMap<>();
            Map<ByteBuffer, List<Object[]>> target = new HashMap<>();
            readSource(w, ctx, tp, task, row -> source.computeIfAbsent(keyOf(keys, key, row), k -> new ArrayList<>(1))
                    .add(row));
            readTarget(w, ctx, tp, task, row -> target.computeIfAbsent(keyOf(keys, key, row), k -> new ArrayList<>(1))
                    .add(row));
            return compare(task, new RowHasher(types), names, key, source, target, ctx.maxDifferences());
        }
    }

    private static ByteBuffer keyOf(RowHasher keys, int[] key, Object[] row) {
        Object[] k = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            k[i] = row[key[i]];
        }
        return ByteBuffer.wrap(keys.canonical(k));
    }

    private static SliceDifferences compare(SliceTask task, RowHasher columns, List<String> names, int[] key,
                                            Map<ByteBuffer, List<Object[]>> source, Map<ByteBuffer, List<Object[]>> target,
                                            int max) {
        List<Difference> shown = new ArrayList<>();
        long[] differing = new long[1];
        Consumer<Difference> record = d -> {
            differing[0]++;
            if (shown.size() < max) {
                shown.add(d);
            }
        };
        for (var e : source.entrySet()) {
            List<Object[]> ours = new ArrayList<>(e.getValue());
            List<Object[]> left = new ArrayList<>(target.getOrDefault(e.getKey(), List.of()));
            for (Iterator<Object[]> it = ours.iterator(); it.hasNext(); ) {
                Object[] r = it.next();
                for (Iterator<Object[]> jt = left.iterator(); jt.hasNext(); ) {
                    if (Arrays.equals(columns.canonical(r), columns.canonical(jt.next()))) {
                        it.remove();
                        jt.remove();
                        break;
                    }
                }
            }
            int pairs = Math.min(ours.size(), left.size());
            for (int i = 0; i < pairs; i++) {
                List<List<String>> cols = new ArrayList<>();
                for (int c = 0; c < names.size(); c++) {
                    Object a = ours.get(i)[c];
                    Object b = left.get(i)[c];
                    if (!Arrays.equals(columns.canonical(c, a), columns.canonical(c, b))) {
                        boolean secret = RowKeys.sensitive(names.get(c));
                        cols.add(List.of(names.get(c), secret ? RowKeys.REDACTED : ErrorContext.preview(a),
                                secret ? RowKeys.REDACTED : ErrorContext.preview(b)));
                    }
                }
                record.accept(new Difference("changed", describeKey(names, key, ours.get(i)), cols));
            }
            for (int i = pairs; i < ours.size(); i++) {
                record.accept(new Difference("missing", describeKey(names, key, ours.get(i)), List.of()));
            }
            for (int i = pairs; i < left.size(); i++) {
                record.accept(new Difference("extra", describeKey(names, key, left.get(i)), List.of()));
            }
        }
        for (var e : target.entrySet()) {
            if (!source.containsKey(e.getKey())) {
                e.getValue().forEach(r -> record.accept(new Difference("extra", describeKey(names, key, r), List.of())));
            }
        }
        return new SliceDifferences(task.table(), task.index(), differing[0], shown);
    }

    private static String describeKey(List<String> names, int[] key, Object[] row) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < key.length; k++) {
            String name = names.get(key[k]);
            sb.append(k > 0 ? ", " : "").append(name).append('=')
                    .append(RowKeys.sensitive(name) ? RowKeys.REDACTED : ErrorContext.keyValue(row[key[k]]));
        }
        return sb.toString();
    }

    /** The target's key among the written columns, as one-machine verify takes it; all columns when there is none. */
    static int[] keyIndexes(TablePlan tp) {
        List<String> names = tp.columns().stream().map(c -> c.target().name()).toList();
        List<String> key = tp.target().rowKey();
        if (!key.isEmpty() && names.containsAll(key)) {
            return key.stream().mapToInt(names::indexOf).toArray();
        }
        return java.util.stream.IntStream.range(0, names.size()).toArray();
    }

    /**
     * The target column holding the source's split key unchanged (copied as it is), so that one key range
     * means the same rows on both sides; null when there is none (the table is then checked in one slice).
     */
    static String targetKey(TablePlan tp, String sourceKey) {
        int read = -1;
        for (int i = 0; i < tp.sourceColumns().size(); i++) {
            if (tp.sourceColumns().get(i).name().equals(sourceKey)) {
                read = i;
            }
        }
        for (ColumnPlan c : tp.columns()) {
            if (c.value() instanceof io.decant.core.run.ValueSource.FromColumn f && f.index() == read
                    && c.conversion().isIdentity() && tp.target().rowKey().equals(List.of(c.target().name()))) {
                return c.target().name();
            }
        }
        return null;
    }

    private static void readSource(VerifyWorker w, VerifyContext ctx, TablePlan tp, SliceTask task, Consumer<Object[]> sink) {
        RowMapper mapper = new RowMapper(tp);
        try (RowStream rs = w.source.readSlice(tp.source(), tp.sourceColumns(), task.slice(), ctx.sourceSnapshot())) {
            Object[] row;
            while ((row = rs.next()) != null) {
                Object[] out = mapper.map(row, rs.rowsRead());
                if (out != null) {
                    sink.accept(out);
                }
            }
        }
    }

    private static void readTarget(VerifyWorker w, VerifyContext ctx, TablePlan tp, SliceTask task, Consumer<Object[]> sink) {
        TableSlice slice = task.slice();
        TableSlice onTarget = slice.isWhole() ? slice : new TableSlice(targetKey(tp, slice.keyColumn()), slice.low(), slice.high());
        List<Column> columns = tp.columns().stream().map(ColumnPlan::target).toList();
        SourceDatabase target = w.target;
        try (RowStream rs = target.readSlice(tp.target(), columns, onTarget, ctx.targetSnapshot())) {
            Object[] row;
            while ((row = rs.next()) != null) {
                sink.accept(row);
            }
        }
    }
}
