package io.decant.spark;

import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.TablePlan;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.run.RunIds;
import io.decant.core.spec.Spec;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SliceStats;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSlice;
import io.decant.core.verify.RowDiff;
import io.decant.core.verify.Status;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.VerifyReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * verify on Spark: plans the comparison as {@code decant verify} does, splits each table by its source key
 * (both sides read the same key range, each in a snapshot of its own side held for the whole check), lets a
 * task checksum each slice on both sides, adds the slices' checksums up on the driver into each table's
 * (equal to one-machine verify's, row hash for row hash), and reads again only the slices whose checksums
 * differ, to name their rows. Counts and checksums only: the integrity checks of one-machine verify (orphans,
 * duplicates, NULLs) are not run here.
 */
public final class SparkVerify {
    /** Rows named per table, as one-machine verify's default. */
    static final int MAX_DIFFERENCES = 100;

    private final JavaSparkContext spark;
    private final Consumer<String> log;

    public SparkVerify(JavaSparkContext spark, Consumer<String> log) {
        this.spark = spark;
        this.log = log;
    }

    public VerifyReport verify(SparkRequest request) {
        long start = System.nanoTime();
        if (request.to() == null) {
            throw DecantException.usage("verify on Spark needs --to");
        }
        Spec spec = request.spec();
        Dialects dialects = Dialects.installed();
        try (SourceDatabase source = dialects.openSource(request.from(), request.sourceOptions());
             SourceDatabase target = dialects.openSource(request.to(), new OpenOptions(request.schemas(), Map.of()))) {
            // As decant verify: the source side is remapped through the mapping file the migration wrote (keep and
            // uuid5 made again); executors get the mappings as a Spark migrate's do.
            RunIds ids = spec.ids().isEmpty() ? RunIds.none() : RunIds.load(spec, source, request.mappingPath());
            ShippedIds shipped = ShippedIds.of(ids, request.maxBroadcastIds());
            MigrationPlan plan = VerifyWorker.plan(request, source, target, ids);
            String sourceSnapshot = source.exportSnapshot();
            String targetSnapshot = target.exportSnapshot();
            int cores = spark.defaultParallelism();
            List<SliceTask> tasks = new ArrayList<>();
            for (TablePlan tp : plan.tables()) {
                tasks.addAll(slices(source, target, tp, sourceSnapshot, request.sliceRows(), cores));
            }
            VerifyContext ctx = new VerifyContext(UUID.randomUUID().toString(), request, sourceSnapshot, targetSnapshot,
                    MAX_DIFFERENCES, tasksPerExecutor(request, cores), shipped);
            Broadcast<VerifyContext> broadcast = spark.broadcast(ctx);
            try {
                List<SliceCheck.SliceSums> sums = spark.parallelize(tasks, Math.max(1, tasks.size()))
                        .map(new SliceCheck.Sums(broadcast)).collect();
                List<SliceTask> differing = new ArrayList<>();
                for (SliceCheck.SliceSums s : sums) {
                    if (!s.source().equals(s.target())) {
                        tasks.stream().filter(t -> t.table().equals(s.table()) && t.index() == s.index())
                                .forEach(differing::add);
                    }
                }
                List<SliceCheck.SliceDifferences> diffs = differing.isEmpty() ? List.of()
                        : spark.parallelize(differing, differing.size()).map(new SliceCheck.Differences(broadcast)).collect();
                return report(plan, sums, diffs, start);
            } catch (Exception e) { // Spark's SparkException is checked, and thrown undeclared
                if (e instanceof DecantException own) {
                    throw own;
                }
                DecantException d = SliceFailed.find(e);
                throw d != null ? d : new DecantException(ErrorCode.INTERNAL, io.decant.core.error.ErrorContext.EMPTY,
                        "the Spark job failed: " + e.getMessage(), e);
            } finally {
                broadcast.destroy();
            }
        } finally {
            if (spark.master().startsWith("local")) {
                VerifyWorker.closeCurrent();
            }
        }
    }

    /**
     * Tasks one executor may run at once under {@code maxConnections} per database: a task reads one connection
     * on each side; each executor keeps a catalog connection to each; the driver a catalog connection and the
     * snapshot's on each.
     */
    static int tasksPerExecutor(SparkRequest request, int cores) {
        int e = request.executors();
        int total = request.maxConnections() - 2 - e;
        if (total < e) {
            throw DecantException.usage("--max-connections " + request.maxConnections() + " leaves no connection for a"
                    + " task on each of " + e + " executor(s); allow at least " + (2 + 2 * e));
        }
        return Math.max(1, Math.min(total / e, Math.max(1, cores / e)));
    }

    /**
     * Both sides are cut at the same key values, so the key must order alike on both: integers always, text only
     * between two databases of the same kind (MySQL's collations do not sort as PostgreSQL's).
     */
    private List<SliceTask> slices(SourceDatabase source, SourceDatabase target, TablePlan tp, String snapshot,
                                   long sliceRows, int cores) {
        Column key = Slicer.splitKey(tp.source());
        boolean alike = key != null && (key.type().kind().isInteger() || source.getClass() == target.getClass());
        if (!alike || !key.name().equals(source.sliceKey(tp.source(), key)) || SliceCheck.targetKey(tp, key.name()) == null) {
            log.accept(tp.name() + ": checked in one slice (no key that both sides share unchanged and order alike)");
            return List.of(new SliceTask(tp.name(), 1, 1, TableSlice.whole()));
        }
        SliceStats size = source.sliceStats(tp.source(), null, 0, snapshot);
        int n = Slicer.count(size.rows(), sliceRows, cores);
        SliceStats stats = n > 1 ? source.sliceStats(tp.source(), key.name(), Slicer.sampleSize(n), snapshot) : size;
        List<TableSlice> slices = Slicer.slices(key, stats, n);
        log.accept(tp.name() + ": checked in " + slices.size() + " slice(s) by " + key.name());
        List<SliceTask> out = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            out.add(new SliceTask(tp.name(), i + 1, slices.size(), slices.get(i)));
        }
        return out;
    }

    private static VerifyReport report(MigrationPlan plan, List<SliceCheck.SliceSums> sums,
                                       List<SliceCheck.SliceDifferences> diffs, long start) {
        Map<String, SliceCheck.Sum[]> totals = new LinkedHashMap<>();
        for (SliceCheck.SliceSums s : sums) {
            SliceCheck.Sum[] t = totals.computeIfAbsent(s.table(), k -> new SliceCheck.Sum[] {
                    new SliceCheck.Sum(0, 0, 0), new SliceCheck.Sum(0, 0, 0)});
            t[0] = t[0].plus(s.source());
            t[1] = t[1].plus(s.target());
        }
        List<TableCheck> checks = new ArrayList<>();
        Status status = Status.PASS;
        for (TablePlan tp : plan.tables()) {
            SliceCheck.Sum[] t = totals.get(tp.name());
            SliceCheck.Sum s = t[0];
            SliceCheck.Sum g = t[1];
            Status count = s.rows() == g.rows() ? Status.PASS : Status.FAIL;
            Status sum = s.equals(g) ? Status.PASS : Status.FAIL;
            List<RowDiff> rows = new ArrayList<>();
            long differing = 0;
            for (SliceCheck.SliceDifferences d : diffs) {
                if (!d.table().equals(tp.name())) {
                    continue;
                }
                differing += d.differing();
                for (SliceCheck.Difference x : d.shown()) {
                    if (rows.size() < MAX_DIFFERENCES) {
                        rows.add(new RowDiff(x.kind(), x.key(), x.columns().stream()
                                .map(c -> new RowDiff.ColumnDiff(c.get(0), c.get(1), c.get(2))).toList()));
                    }
                }
            }
            List<String> notes = new ArrayList<>();
            long slices = sums.stream().filter(x -> x.table().equals(tp.name())).count();
            notes.add(slices + " slice(s) on Spark; integrity checks (orphans, duplicates, NULLs) are run by decant verify");
            Status st = count.worst(sum);
            checks.add(new TableCheck(tp.name(), tp.target().id().display(), st, s.rows(), g.rows(), count, sum, s.hex(),
                    g.hex(), differing, rows, notes));
            status = status.worst(st);
        }
        return new VerifyReport(plan.source(), plan.target(), status, true, checks, List.of(),
                (System.nanoTime() - start) / 1e9);
    }
}
