package io.decant.spark;

import io.decant.core.api.MigrationOptions;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.plan.TablePlan;
import io.decant.core.run.RunIds;
import io.decant.core.spec.Spec;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import java.util.HashMap;
import java.util.Map;

/**
 * One executor's side of a Spark verify: both databases opened for reading once per executor JVM, and the
 * comparison planned again here from the spec, as {@code decant verify} plans it.
 */
final class VerifyWorker implements AutoCloseable {
    private static VerifyWorker current;

    final SourceDatabase source;
    final SourceDatabase target;
    final java.util.concurrent.Semaphore permits;
    private final String id;
    private final Map<String, TablePlan> plans = new HashMap<>();

    private VerifyWorker(VerifyContext ctx) {
        this.id = ctx.id();
        SparkRequest r = ctx.request();
        Dialects dialects = Dialects.installed();
        this.source = dialects.openSource(r.from(), r.sourceOptions());
        try {
            this.target = dialects.openSource(r.to(), new OpenOptions(r.schemas(), Map.of()));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        RunIds ids = ctx.ids().rebuild(r.spec(), SnapshotSource.of(source, ctx.sourceSnapshot()));
        plan(r, source, target, ids).tables().forEach(tp -> plans.put(tp.name(), tp));
        this.permits = new java.util.concurrent.Semaphore(ctx.tasksPerExecutor(), true);
    }

    /** The comparison's plan, the same on the driver and every executor, with the run's id mappings. */
    static MigrationPlan plan(SparkRequest r, SourceDatabase source, SourceDatabase target, RunIds ids) {
        Spec spec = r.spec();
        MigrationOptions options = MigrationOptions.builder().tables(r.tables()).exclude(r.exclude())
                .naiveZone(spec.zone()).commitEvery(0).build();
        return new Planner(options, spec, ids).planComparison(source, target);
    }

    static synchronized VerifyWorker of(VerifyContext ctx) {
        if (current != null && current.id.equals(ctx.id())) {
            return current;
        }
        closeCurrent();
        current = new VerifyWorker(ctx);
        return current;
    }

    static synchronized void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    TablePlan plan(String table) {
        TablePlan tp = plans.get(table);
        if (tp == null) {
            throw io.decant.core.error.DecantException.internal("table " + table + " is not in this executor's plan", null);
        }
        return tp;
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
