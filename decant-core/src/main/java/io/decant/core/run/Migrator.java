package io.decant.core.run;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.ProgressListener;
import io.decant.core.api.TableResult;
import io.decant.core.error.DecantException;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.TablePlan;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a plan: creates or empties target tables if asked, loads tables in foreign-key order with up
 * to {@code jobs} at once (a table starts when the tables it references are committed, unless
 * foreign keys are not checked during the load), then creates indexes and foreign keys. The first
 * failure stops the run: tables still loading are aborted and nothing half-loaded stays behind.
 *
 * <p>Over 400 lines because the run's order and its failure handling are one story told here: what
 * is created, the load's scheduling, the step after the data (also when {@link IndexBuilds} built the
 * indexes during the load), and the note that tells what exists after a failure. Chunking and the
 * journal live in {@link RunJournal} and {@link TableLoader}; the index builds in {@link IndexBuilds}.
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
        boolean resuming = journal.resuming() || options.resume();
        IndexBuilds[] builds = {null};
        DecantException failure = load(tables, plan.groups(), source, target, results, journal,
                IndexBuilds.applies(options, target, created, resuming), builds);
        List<String> notes = new ArrayList<>(plan.notes());
        Map<TableId, double[]> afterData = new ConcurrentHashMap<>();
        if (failure != null && builds[0] != null) {
            builds[0].undo();
        }
        if (failure != null && builds[0] != null && failure == builds[0].failure()) {
            failedNote(created, target, created, notes, results.values().stream()
                    .allMatch(r -> r.status() == TableResult.Status.LOADED || r.status() == TableResult.Status.SKIPPED)
                    && results.size() == tables.size());
        }
        if (failure == null && !created.isEmpty()) {
            journal.begin();
            failure = afterTheData(created, target, resuming, notes, builds[0],
                    (id, fk, secs) -> afterData.computeIfAbsent(id, k -> new double[2])[fk ? 1 : 0] += secs);
        }
        if (failure == null) {
            journal.finished();
        }
        List<TableResult> ordered = new ArrayList<>();
        for (TablePlan tp : tables) {
            TableResult r = results.get(tp.name());
            if (r != null && tp.create()) {
                double[] after = afterData.getOrDefault(tp.target().id(), new double[2]);
                r = r.withAfterData(after[0] + (builds[0] == null ? 0 : builds[0].seconds(tp.name())), after[1]);
            }
            ordered.add(r != null ? r : new TableResult(tp.name(), tp.target().id().display(),
                    TableResult.Status.CANCELLED, 0, 0, 0, "not started: an earlier table failed", List.of()));
        }
        MigrationResult result = new MigrationResult(plan.source(), plan.target(), ordered,
                (System.nanoTime() - start) / 1e9, notes);
        if (failure != null) {
            throw new RunFailed(result, failure);
        }
        return result;
    }

    /**
     * The last step of {@code --create-schema}: the indexes and foreign keys of the created tables,
     * after the data. When resuming, only what the target lacks is created (a target whose DDL is not
     * transactional, MySQL, may hold part of it). If the step fails, the rows stay committed and the
     * journal unfinished: the summary lists what exists and what is missing, and {@code --resume}
     * finishes it. When {@code builds} built the indexes during the load, only the foreign keys are left.
     */
    private DecantException afterTheData(List<Table> created, TargetDatabase target, boolean resuming, List<String> notes,
                                         IndexBuilds builds, TargetDatabase.AfterDataTimes times) {
        List<Table> todo = resuming && builds == null ? missing(created, target) : created;
        if (todo.stream().allMatch(t -> t.indexes().isEmpty() && t.foreignKeys().isEmpty())) {
            return null;
        }
        String phase = "creating indexes and foreign keys";
        listener.phaseStarted(phase);
        long phaseStart = System.nanoTime();
        if (builds != null) {
            // the indexes still building, then the foreign keys alone
            try {
                builds.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                listener.phaseFinished(phase, (System.nanoTime() - phaseStart) / 1e9, false);
                builds.undo();
                return DecantException.internal("interrupted", e);
            }
            if (builds.failure() != null) {
                listener.phaseFinished(phase, (System.nanoTime() - phaseStart) / 1e9, false);
                builds.undo();
                failedNote(created, target, created, notes, true);
                return builds.failure();
            }
            todo = created.stream().map(Migrator::foreignKeysOnly).toList();
        }
        try {
            target.createIndexesAndForeignKeys(todo, times);
            listener.phaseFinished(phase, (System.nanoTime() - phaseStart) / 1e9, true);
            return null;
        } catch (DecantException e) {
            listener.phaseFinished(phase, (System.nanoTime() - phaseStart) / 1e9, false);
            if (builds != null) {
                builds.undo();
            }
            failedNote(created, target, todo, notes, true);
            return e;
        }
    }

    /** {@code t} with its foreign keys and no index (those were built during the load or came with the table). */
    private static Table foreignKeysOnly(Table t) {
        return new Table(t.id(), t.columns(), t.primaryKey(), List.of(), t.foreignKeys(), t.rowEstimate());
    }

    /** The note of a failed after-data step: what of it exists in the target, what is missing, how to finish. */
    private static void failedNote(List<Table> created, TargetDatabase target, List<Table> todo, List<String> notes,
                                   boolean allRows) {
        List<Table> left;
        try {
            left = missing(created, target);
        } catch (DecantException unreadable) {
            left = todo;
        }
        List<String> exist = new ArrayList<>();
        List<String> lack = new ArrayList<>();
        for (Table t : created) {
            Table l = left.stream().filter(x -> x.id().equals(t.id())).findFirst().orElse(null);
            for (Index ix : t.indexes()) {
                boolean withTable = ix.unique() && ix.constraint(); // created with the table
                (l != null && l.indexes().contains(ix) && !withTable ? lack : exist).add(describe(t, ix));
            }
            for (ForeignKey fk : t.foreignKeys()) {
                (l != null && l.foreignKeys().contains(fk) ? lack : exist).add(describe(t, fk));
            }
        }
        notes.add((allRows ? "every table's rows are committed" : "the tables loaded so far are committed")
                + "; of the indexes and foreign keys created after the data, "
                + (exist.isEmpty() ? "none exists" : "these exist: " + String.join(", ", exist))
                + "; missing: " + String.join(", ", lack) + ". Fix the cause and rerun with --resume to create what is"
                + " missing");
    }

    /**
     * The created tables with only the indexes and foreign keys the target does not have (by name): what
     * resuming a run that created them still has to create.
     */
    public static List<Table> missing(List<Table> created, TargetDatabase target) {
        Map<TableId, Table> now = new HashMap<>();
        target.tables().forEach(t -> now.put(t.id(), t));
        List<Table> out = new ArrayList<>();
        for (Table t : created) {
            Table have = now.get(t.id());
            Set<String> names = new HashSet<>();
            if (have != null) {
                have.indexes().forEach(i -> names.add(String.valueOf(i.name()).toLowerCase(java.util.Locale.ROOT)));
                have.foreignKeys().forEach(f -> names.add(String.valueOf(f.name()).toLowerCase(java.util.Locale.ROOT)));
            }
            List<Index> ix = t.indexes().stream().filter(i -> !(i.unique() && i.constraint()))
                    .filter(i -> i.name() == null || !names.contains(i.name().toLowerCase(java.util.Locale.ROOT))).toList();
            List<Index> kept = new ArrayList<>(t.indexes().stream().filter(i -> i.unique() && i.constraint()).toList());
            kept.addAll(ix);
            List<ForeignKey> fks = t.foreignKeys().stream()
                    .filter(f -> f.name() == null || !names.contains(f.name().toLowerCase(java.util.Locale.ROOT))).toList();
            out.add(new Table(t.id(), t.columns(), t.primaryKey(), kept, fks, t.rowEstimate()));
        }
        return out;
    }

    private static String describe(Table t, Index ix) {
        return (ix.unique() ? "unique index " : "index ") + (ix.name() == null ? "" : ix.name() + " ") + "on "
                + t.id().display() + " " + ix.shown();
    }

    private static String describe(Table t, ForeignKey fk) {
        return "foreign key " + (fk.name() == null ? "" : fk.name() + " ") + t.id().display() + " ("
                + String.join(", ", fk.columns()) + ") -> " + fk.refTable().display();
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

    /** Rows the target refuses go to the rejects, and their keys to {@code rejected}, for their dependants. */
    private io.decant.core.spi.RowRejector sinkRejects(TablePlan tp, RejectedRows rejected) {
        io.decant.core.spi.RowRejector to = options.rejects().forTable(tp.name());
        return (ordinal, reason, columns, row) -> {
            to.reject(ordinal, reason, columns, row);
            rejected.rejected(tp, columns, row);
        };
    }

    private DecantException load(List<TablePlan> tables, List<List<TablePlan>> groups, SourceDatabase source,
                                 TargetDatabase target, Map<String, TableResult> results, RunJournal journal,
                                 boolean buildIndexes, IndexBuilds[] builds) {
        Map<TablePlan, Set<TablePlan>> waitsFor = dependencies(tables, groups);
        AtomicBoolean cancelled = new AtomicBoolean();
        RejectedRows rejected = options.rejects() == null ? null : new RejectedRows(tables);
        TableLoader loader = new TableLoader(source, target,
                tp -> new SinkOptions(options.disableFk(), journal.doneMark(tp), tp.create(),
                        options.rejects() == null ? null : sinkRejects(tp, rejected)), options.batchSize(), listener,
                cancelled,
                options.rejects(), rejected, journal::begin, options.passThrough());
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread t = new Thread(r, "decant-load");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<TableResult> done = new ExecutorCompletionService<>(pool);
        builds[0] = buildIndexes ? new IndexBuilds(target, pool, cancelled) : null;
        Map<Future<TableResult>, TablePlan> running = new HashMap<>();
        Set<TablePlan> finished = new HashSet<>();
        List<TablePlan> pending = new ArrayList<>();
        for (TablePlan tp : tables) {
            if (journal.done().contains(tp.name())) {
                TableResult r = new TableResult(tp.name(), tp.target().id().display(), TableResult.Status.SKIPPED, 0, 0, 0,
                        null, List.of("committed by the interrupted run " + journal.runId()));
                results.put(tp.name(), r);
                listener.tableFinished(tp.view(), r);
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
                    if (r.status() == TableResult.Status.LOADED) {
                        long rejectedRows = options.rejects() == null ? 0 : options.rejects().count(tp.name());
                        journal.notes(tp, rejectedRows, rejectedRows == 0 ? null : options.rejects().place(tp.name()),
                                tp.issues().skipped(), tp.issues().filtered(),
                                tp.finisher() == null ? Map.of() : tp.finisher().unmatched());
                    }
                    if (builds[0] != null && r.status() == TableResult.Status.LOADED) {
                        builds[0].loaded(tp);
                    }
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
                if (failure == null && builds[0] != null && builds[0].failure() != null) {
                    failure = builds[0].failure();
                }
            }
            if (builds[0] != null && failure != null) {
                builds[0].await(); // before the failure is reported: no index still building behind it
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
     * A table waits for the tables it references, when foreign keys are checked during the load, and
     * with {@code --on-error reject} (a parent's rejected rows must be known before its children are
     * read, to reject them too), except for the tables of its own foreign-key cycle. Otherwise
     * (foreign keys disabled, or created after the data) every table may start at once.
     */
    private Map<TablePlan, Set<TablePlan>> dependencies(List<TablePlan> tables, List<List<TablePlan>> groups) {
        Map<TableId, TablePlan> byTarget = new HashMap<>();
        tables.forEach(t -> byTarget.put(t.target().id(), t));
        Map<TablePlan, List<TablePlan>> cycleOf = new HashMap<>();
        for (List<TablePlan> g : groups) {
            g.forEach(t -> cycleOf.put(t, g));
        }
        Map<TablePlan, Set<TablePlan>> waits = new HashMap<>();
        boolean checked = !options.disableFk();
        boolean rejecting = options.rejects() != null;
        for (TablePlan tp : tables) {
            Set<TablePlan> parents = new HashSet<>();
            if (checked && !tp.create() || rejecting) {
                for (ForeignKey fk : tp.target().foreignKeys()) {
                    TablePlan p = byTarget.get(fk.refTable());
                    if (p != null && p != tp && !cycleOf.getOrDefault(tp, List.of()).contains(p)) {
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
