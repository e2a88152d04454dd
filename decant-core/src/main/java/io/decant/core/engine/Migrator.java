package io.decant.core.engine;

import io.decant.core.error.DecantException;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a plan: creates or empties target tables if asked, loads tables in foreign-key order with up
 * to {@code jobs} at once (a table starts when the tables it references are committed, unless
 * foreign keys are not checked during the load), then creates indexes and foreign keys. The first
 * failure stops the run: tables still loading are aborted and nothing half-loaded stays behind.
 */
public final class Migrator {
    private final MigrationOptions options;
    private final ProgressListener listener;

    public Migrator(MigrationOptions options, ProgressListener listener) {
        this.options = options;
        this.listener = listener;
    }

    /** Runs the plan; throws the first failure's {@link DecantException} after every table has settled. */
    public MigrationResult run(MigrationPlan plan, SourceDatabase source, TargetDatabase target) {
        long start = System.nanoTime();
        RunJournal journal = openJournal(plan, target);
        try {
            return run(plan, source, target, journal, start);
        } catch (RuntimeException e) {
            try {
                journal.failed();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private MigrationResult run(MigrationPlan plan, SourceDatabase source, TargetDatabase target, RunJournal journal,
                                long start) {
        List<TablePlan> tables = plan.tables();
        if (journal.alreadyFinished()) {
            listener.message("nothing to resume: run " + journal.runId() + " of this plan finished");
            List<TableResult> skipped = tables.stream().map(tp -> new TableResult(tp.name(), tp.target().id().display(),
                    TableResult.Status.SKIPPED, 0, 0, 0, null, List.of("loaded by run " + journal.runId()))).toList();
            return new MigrationResult(plan.source(), plan.target(), skipped, (System.nanoTime() - start) / 1e9,
                    plan.notes());
        }
        List<Table> created = tables.stream().filter(TablePlan::create).map(TablePlan::target).toList();
        List<Table> toCreate = created;
        if (journal.resuming() || options.resume()) {
            // The interrupted run created the tables (a run that committed nothing is not "resumed", but its
            // empty tables are still there): what exists now is theirs.
            java.util.Set<TableId> existing = new HashSet<>();
            target.tables().forEach(t -> existing.add(t.id()));
            toCreate = created.stream().filter(t -> !existing.contains(t.id())).toList();
            if (journal.resuming()) {
                listener.message("resuming run " + journal.runId() + ": " + journal.done().size()
                        + " table(s) were committed by it and are kept");
            }
        }
        if (!toCreate.isEmpty()) {
            listener.message("creating " + toCreate.size() + " tables");
            journal.begin();
            target.createTables(toCreate);
        }
        if (options.truncateFirst()) {
            List<Table> existing = new ArrayList<>(tables.stream().filter(t -> !t.create()).map(TablePlan::target).toList());
            Collections.reverse(existing);
            if (!existing.isEmpty()) {
                listener.message("emptying " + existing.size() + " tables, children first");
                journal.begin();
                target.truncate(existing);
            }
        }
        Map<String, TableResult> results = new LinkedHashMap<>();
        DecantException failure = load(tables, source, target, results, journal);
        if (failure == null && !created.isEmpty()) {
            listener.message("creating indexes and foreign keys");
            journal.begin();
            target.createIndexesAndForeignKeys(created);
        }
        if (failure == null) {
            journal.finished();
        }
        List<TableResult> ordered = new ArrayList<>();
        for (TablePlan tp : tables) {
            TableResult r = results.get(tp.name());
            ordered.add(r != null ? r : new TableResult(tp.name(), tp.target().id().display(),
                    TableResult.Status.CANCELLED, 0, 0, 0, "not started: an earlier table failed", List.of()));
        }
        MigrationResult result = new MigrationResult(plan.source(), plan.target(), ordered,
                (System.nanoTime() - start) / 1e9, plan.notes());
        if (failure != null) {
            throw new RunFailed(result, failure);
        }
        return result;
    }

    private RunJournal openJournal(MigrationPlan plan, TargetDatabase target) {
        var journal = target.journal();
        if (journal == null) {
            if (options.resume()) {
                throw new DecantException(io.decant.core.error.ErrorCode.USAGE, target.displayUrl()
                        + " keeps no run journal, so --resume is not available for it");
            }
            return RunJournal.none();
        }
        return RunJournal.open(journal, plan, options);
    }

    private DecantException load(List<TablePlan> tables, SourceDatabase source, TargetDatabase target,
                                 Map<String, TableResult> results, RunJournal journal) {
        Map<TablePlan, Set<TablePlan>> waitsFor = dependencies(tables);
        AtomicBoolean cancelled = new AtomicBoolean();
        TableLoader loader = new TableLoader(source, target,
                tp -> new SinkOptions(options.disableFk(), journal.doneMark(tp), tp.create(),
                        options.rejects() == null ? null : options.rejects().forTable(tp.name())), options.batchSize(), listener,
                cancelled,
                options.rejects(), journal::begin);
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread t = new Thread(r, "decant-load");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<TableResult> done = new ExecutorCompletionService<>(pool);
        Map<Future<TableResult>, TablePlan> running = new HashMap<>();
        Set<TablePlan> finished = new HashSet<>();
        List<TablePlan> pending = new ArrayList<>();
        for (TablePlan tp : tables) {
            if (journal.done().contains(tp.name())) {
                TableResult r = new TableResult(tp.name(), tp.target().id().display(), TableResult.Status.SKIPPED, 0, 0, 0,
                        null, List.of("committed by the interrupted run " + journal.runId()));
                results.put(tp.name(), r);
                listener.tableFinished(tp, r);
                finished.add(tp);
            } else {
                pending.add(tp);
            }
        }
        DecantException failure = null;
        try {
            while (!pending.isEmpty() || !running.isEmpty()) {
                if (failure == null) {
                    for (var it = pending.iterator(); it.hasNext() && running.size() < options.jobs(); ) {
                        TablePlan tp = it.next();
                        if (finished.containsAll(waitsFor.get(tp))) {
                            it.remove();
                            TableLoader.Chunking chunking = chunking(tp, source, target, journal);
                            running.put(done.submit(() -> loader.load(tp, chunking)), tp);
                        }
                    }
                } else {
                    pending.clear();
                }
                if (running.isEmpty()) {
                    break;
                }
                Future<TableResult> f = done.take();
                TablePlan tp = running.remove(f);
                try {
                    TableResult r = f.get();
                    results.put(tp.name(), r);
                    finished.add(tp);
                } catch (ExecutionException e) {
                    DecantException d = e.getCause() instanceof TableLoader.LoadFailure lf ? lf.cause
                            : TableLoader.asDecant(e.getCause(), io.decant.core.error.ErrorContext.EMPTY.withTable(tp.name()));
                    if (e.getCause() instanceof TableLoader.LoadFailure lf) {
                        results.put(tp.name(), lf.result);
                    }
                    if (failure == null) {
                        failure = d;
                        cancelled.set(true);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled.set(true);
            failure = DecantException.internal("interrupted", e);
        } finally {
            pool.shutdown();
        }
        return failure;
    }

    /**
     * Whether {@code tp} is loaded in chunks, each committed with its journal entry: a table part of
     * which the interrupted run committed continues so; otherwise a table with more rows than
     * {@code --commit-every} when the journal is kept, the target can commit in chunks and the source
     * can continue a read part-way. Not chunked: merges (their check needs the whole table in one
     * pass) and, while foreign keys are checked, tables that reference themselves (a row's parent may
     * come in a later chunk).
     */
    private TableLoader.Chunking chunking(TablePlan tp, SourceDatabase source, TargetDatabase target, RunJournal journal) {
        RunJournal.Chunk from = journal.chunk(tp.name());
        long every = options.commitEvery() == 0 ? Long.MAX_VALUE : options.commitEvery();
        if (from != null) {
            if (source.resumeOrder(tp.source()) == null) {
                throw new DecantException(io.decant.core.error.ErrorCode.PARTIAL_RUN, io.decant.core.error.ErrorContext.EMPTY
                        .withTable(tp.name()), "the interrupted run committed " + from.rows() + " rows of " + tp.name()
                        + " in chunks, and this source cannot continue a read part-way (was it read differently then?);"
                        + " rerun as it was, or start over with --truncate-first --yes");
            }
            listener.message(String.format(java.util.Locale.ROOT, "%s: continuing after the %,d rows the interrupted run"
                    + " committed (%s)", tp.name(), from.rows(), source.resumeOrder(tp.source())));
            return new TableLoader.Chunking(every, journal, from);
        }
        String order = journal.active() ? chunkOrder(tp, options, source, target) : null;
        if (order == null) {
            return null;
        }
        listener.message(String.format(java.util.Locale.ROOT, "%s: committing every %,d rows, so that --resume continues"
                + " after the last chunk (%s)", tp.name(), options.commitEvery(), order));
        return new TableLoader.Chunking(every, journal, null);
    }

    /**
     * How a fresh run would commit {@code tp} in chunks, for {@code plan}: "every 1,000,000 rows;
     * --resume continues by rowid", or null when it loads the table in one transaction.
     */
    public static String chunkNote(TablePlan tp, MigrationOptions options, SourceDatabase source, TargetDatabase target) {
        if (target == null || target.journal() == null) {
            return null;
        }
        String order = chunkOrder(tp, options, source, target);
        return order == null ? null : String.format(java.util.Locale.ROOT, "commits every %,d rows; --resume continues %s",
                options.commitEvery(), order);
    }

    /** The source's resume order when {@code tp} is loaded in chunks (the journal being kept), else null. */
    private static String chunkOrder(TablePlan tp, MigrationOptions options, SourceDatabase source, TargetDatabase target) {
        if (options.commitEvery() == 0 || !target.commitsInChunks() || tp.finisher() != null
                || (tp.sourceRows() >= 0 && tp.sourceRows() <= options.commitEvery())) {
            // (a source that cannot estimate its rows, -1, is taken to be large)
            return null;
        }
        if (!options.disableFk() && tp.target().foreignKeys().stream().anyMatch(fk -> fk.refTable().equals(tp.target().id()))) {
            return null;
        }
        return source.resumeOrder(tp.source());
    }

    /**
     * A table waits for the tables it references, when foreign keys are checked during the load.
     * When they are not (disabled, or created after the data) every table may start at once.
     */
    private Map<TablePlan, Set<TablePlan>> dependencies(List<TablePlan> tables) {
        Map<TableId, TablePlan> byTarget = new HashMap<>();
        tables.forEach(t -> byTarget.put(t.target().id(), t));
        Map<TablePlan, Set<TablePlan>> waits = new HashMap<>();
        boolean checked = !options.disableFk();
        for (TablePlan tp : tables) {
            Set<TablePlan> parents = new HashSet<>();
            if (checked && !tp.create()) {
                for (ForeignKey fk : tp.target().foreignKeys()) {
                    TablePlan p = byTarget.get(fk.refTable());
                    if (p != null && p != tp) {
                        parents.add(p);
                    }
                }
            }
            waits.put(tp, parents);
        }
        return waits;
    }

    /** A run that failed, with the results of every table so far (for the summary). */
    public static final class RunFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient MigrationResult result;
        private final DecantException failure;

        RunFailed(MigrationResult result, DecantException failure) {
            super(failure.getMessage(), failure, false, false);
            this.result = result;
            this.failure = failure;
        }

        public MigrationResult result() {
            return result;
        }

        public DecantException failure() {
            return failure;
        }
    }
}
