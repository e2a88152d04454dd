package io.decant.core.run;

import io.decant.core.api.MigrationOptions;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import io.decant.core.plan.TablePlan;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.spi.TargetDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The indexes of tables created in this run, each built as soon as its table's rows are committed,
 * on the run's job pool (one connection per index being built), so that they build while other
 * tables load and a table's several indexes build at once. Each index commits on its own; if the
 * run fails before its foreign keys are added, the indexes built so far are dropped again, so that
 * the step after the data stays whole or absent, as when it runs in one transaction, and
 * {@code --resume} builds it from the target's names.
 */
final class IndexBuilds {
    private final TargetDatabase target;
    private final ExecutorService pool;
    private final AtomicBoolean cancelled;
    private final List<Future<?>> running = new ArrayList<>();
    private final Map<String, Double> seconds = new ConcurrentHashMap<>();
    private final AtomicReference<DecantException> failure = new AtomicReference<>();
    private final List<Map.Entry<Table, Index>> built = java.util.Collections.synchronizedList(new ArrayList<>());

    IndexBuilds(TargetDatabase target, ExecutorService pool, AtomicBoolean cancelled) {
        this.target = target;
        this.pool = pool;
        this.cancelled = cancelled;
    }

    /**
     * Whether a run builds its indexes this way: more than one job, a target that can, a fresh run (a
     * resumed one creates what the target lacks, in one step), and every index of the created tables
     * named, so that what exists after a failure can be told from what does not.
     */
    static boolean applies(MigrationOptions options, TargetDatabase target, List<Table> created, boolean resuming) {
        return options.jobs() > 1 && !resuming && !created.isEmpty() && target.buildsIndexesAtOnce()
                && created.stream().allMatch(t -> t.indexes().stream().allMatch(i -> i.name() != null));
    }

    /** The indexes built after the data (unique constraints come with the table). */
    static List<Index> afterData(Table t) {
        return t.indexes().stream().filter(i -> !(i.unique() && i.constraint())).toList();
    }

    /** {@code tp}'s rows are committed: its indexes go to the pool. */
    void loaded(TablePlan tp) {
        if (!tp.create()) {
            return;
        }
        for (Index ix : afterData(tp.target())) {
            running.add(pool.submit(() -> build(tp, ix)));
        }
    }

    private void build(TablePlan tp, Index ix) {
        if (cancelled.get()) {
            return;
        }
        long start = System.nanoTime();
        try {
            target.createIndex(tp.target(), ix);
            built.add(Map.entry(tp.target(), ix));
        } catch (RuntimeException e) {
            DecantException d = TableLoader.asDecant(e, ErrorContext.EMPTY.withTable(tp.name()));
            if (failure.compareAndSet(null, d)) {
                cancelled.set(true);
            }
        } finally {
            seconds.merge(tp.name(), (System.nanoTime() - start) / 1e9, Double::sum);
        }
    }

    /** The first index that failed, or null; the run stops loading when one fails. */
    DecantException failure() {
        return failure.get();
    }

    /** Waits for every index submitted so far. */
    void await() throws InterruptedException {
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure.compareAndSet(null, DecantException.internal("building an index", e.getCause()));
            }
        }
    }

    /**
     * After a failure: drops the indexes built so far (after {@link #await}). One that cannot be
     * dropped stays, and the run's note lists it among those that exist.
     */
    void undo() {
        synchronized (built) {
            for (Map.Entry<Table, Index> e : built) {
                try {
                    target.dropIndex(e.getKey(), e.getValue());
                } catch (RuntimeException ignored) {
                    // the note that follows reads the target and lists it as existing
                }
            }
            built.clear();
        }
    }

    double seconds(String table) {
        return seconds.getOrDefault(table, 0.0);
    }
}
