package io.decant.spark;

import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.run.RunIds;
import io.decant.core.plan.TablePlan;
import io.decant.core.plan.TargetView;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * One executor's side of a run: the source and target opened once per executor JVM (not per task), the
 * plan made again here from the spec (a plan holds compiled conversions, which do not travel) with the run's
 * id mappings (sent, or made again here from the source for those that are a function of it), checked
 * against the driver's by its hash, and the permits that keep this executor's tasks under the connection
 * cap. The current run's worker is kept; a new run closes the previous one's.
 */
final class Worker implements AutoCloseable {
    private static Worker current;

    final SourceDatabase source;
    final TargetDatabase target;
    final Semaphore permits;
    private final Map<String, TablePlan> plans = new java.util.LinkedHashMap<>();
    private final String runId;

    private Worker(RunContext ctx) {
        this.runId = ctx.runId();
        SparkRequest r = ctx.request();
        Dialects dialects = Dialects.installed();
        this.source = dialects.openSource(r.from(), r.sourceOptions());
        TargetDatabase t = null;
        try {
            // A task's connections are counted against --max-connections: none may stay open, idle, beyond its task.
            Map<String, String> settings = new java.util.HashMap<>(r.settings());
            settings.put(OpenOptions.KEEP_IDLE_CONNECTIONS, "false");
            t = r.to() == null ? null : dialects.openTarget(r.to(), new OpenOptions(r.schemas(), settings));
            this.target = t;
            if (t != null) {
                plan(ctx, source, t);
            }
        } catch (RuntimeException e) {
            source.close();
            if (t != null) {
                t.close();
            }
            throw e;
        }
        this.permits = new Semaphore(ctx.tasksPerExecutor(), true);
    }

    /** This executor's worker for the run of {@code ctx}, opened on the first task. */
    static synchronized Worker of(RunContext ctx) {
        if (current != null && current.runId.equals(ctx.runId())) {
            return current;
        }
        closeCurrent();
        current = new Worker(ctx);
        return current;
    }

    /** Closes the current worker, if any (the driver calls it after a run in local mode, where executors are its own JVM). */
    static synchronized void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Every table of this executor's plan. */
    List<TablePlan> plans() {
        return List.copyOf(plans.values());
    }

    TablePlan plan(String table) {
        TablePlan tp = plans.get(table);
        if (tp == null) {
            throw DecantException.internal("table " + table + " is not in this executor's plan", null);
        }
        return tp;
    }

    private void plan(RunContext ctx, SourceDatabase s, TargetDatabase t) {
        SparkRequest r = ctx.request();
        var spec = r.spec();
        Set<TableId> created = new HashSet<>();
        for (List<String> id : ctx.created()) {
            created.add(new TableId(id.get(0).isEmpty() ? null : id.get(0), id.get(1)));
        }
        // What the plan reads itself (a keep/uuid5 mapping's keys, a merged table's rows) it reads in the run's snapshot.
        SourceDatabase inSnapshot = SnapshotSource.of(s, ctx.snapshot());
        RunIds ids = ctx.ids().rebuild(spec, inSnapshot);
        MigrationPlan plan = new Planner(r.options(spec), spec, ids).plan(inSnapshot, asBefore(t, created));
        String hash = PlanHash.of(plan);
        if (!hash.equals(ctx.planHash())) {
            throw new DecantException(ErrorCode.SCHEMA_MISMATCH, "an executor planned the run otherwise than the driver"
                    + " (plan " + hash + ", driver's " + ctx.planHash() + "): the source's or the target's tables changed"
                    + " after the run started, or the executors run another decant; rerun when the schemas stay put");
        }
        plan.tables().forEach(tp -> plans.put(tp.name(), tp));
    }

    /** The target as the driver saw it when it planned: without the tables it created since. */
    static TargetView asBefore(TargetDatabase t, Set<TableId> created) {
        return new io.decant.core.plan.ForwardingTargetView(t) {
            @Override
            public List<Table> tables() {
                return super.tables().stream().filter(x -> !created.contains(x.id())).toList();
            }
        };
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }
}
