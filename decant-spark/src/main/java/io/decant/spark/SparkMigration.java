package io.decant.spark;

import io.decant.core.api.FailedRun;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.ProgressListener;
import io.decant.core.api.TableResult;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.plan.TablePlan;
import io.decant.core.plan.TargetView;
import io.decant.core.run.RunIds;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.Spec;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.Journal;
import io.decant.core.spi.JournalEntry;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SliceStats;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSlice;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.Kind;
import io.decant.core.workflow.RejectFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * migrate on Spark, the driver's part: plans as one machine does, exports the source's snapshot and holds it,
 * splits every table into slices inside it (a source or target that cannot do its part is refused before
 * anything is written), records the run in the target's journal, creates the tables (or empties them), lets
 * Spark run one task per slice ({@link SliceLoad}), then moves sequences, records each table and
 * creates indexes and foreign keys: the same target steps, through the same target methods, as the
 * one-machine run. Tables load all at once when foreign keys are created after the data or not checked;
 * otherwise one Spark job per step of the load order.
 *
 * <p>Over the usual size because it is the driver's whole sequence, kept in one place so that its order
 * (refusals and slicing before the first write, the journal before the tables, the slices' outcomes
 * before the after-data steps) can be read top to bottom; what a task does is in {@link SliceLoad}, the
 * id mappings shipped to executors in {@link ShippedIds}.
 */
public final class SparkMigration {
    private final JavaSparkContext spark;
    private final ProgressListener listener;

    public SparkMigration(JavaSparkContext spark, ProgressListener listener) {
        this.spark = spark;
        this.listener = listener;
    }

    public MigrationResult run(SparkRequest request) {
        long start = System.nanoTime();
        Spec spec = request.spec();
        MigrationOptions options = request.options(spec);
        Dialects dialects = Dialects.installed();
        if (request.to() == null) {
            throw DecantException.usage("migrate needs --to");
        }
        try (SourceDatabase source = dialects.openSource(request.from(), request.sourceOptions());
             TargetDatabase target = dialects.openTarget(request.to(), new OpenOptions(request.schemas(), request.settings()))) {
            RunIds ids = RunIds.none();
            if (!spec.ids().isEmpty()) {
                // As decant migrate: the plan is checked with the mappings' shapes before an id is made, a user
                // created or the mapping file written; then they are built on the driver, once.
                ids = ids(request, spec, options, source, target);
            }
            MigrationPlan plan = new Planner(options, spec, ids).plan(source, target);
            refuseUnsupported(plan, target);
            ShippedIds shipped = ShippedIds.of(ids, request.maxBroadcastIds());
            if (!ids.isEmpty()) {
                listener.message(String.format(Locale.ROOT, "id mappings: %s; %,d entries go to the executors in the"
                        + " run's broadcast, %s made again on each from the source's keys",
                        String.join(", ", ids.tables()), shipped.shippedEntries(), shipped.deterministic().isEmpty()
                                ? "none" : String.join(", ", shipped.deterministic().keySet())));
            }
            return load(request, options, plan, shipped, source, target, start);
        } finally {
            if (spark.master().startsWith("local")) {
                Worker.closeCurrent(); // local mode: the executor's endpoints live in this JVM
            }
        }
    }

    /** The run's id mappings, built as {@code decant migrate} builds them, on the driver. */
    private RunIds ids(SparkRequest request, Spec spec, MigrationOptions options, SourceDatabase source,
                       TargetDatabase target) {
        boolean match = spec.ids().values().stream().anyMatch(i -> i.strategy() == IdStrategy.MATCH);
        Dialects dialects = Dialects.installed();
        try (SourceDatabase read = match ? dialects.openSource(request.to(), new OpenOptions(List.of(), Map.of())) : null) {
            RunIds unbuilt = RunIds.unbuilt(spec, source, read, TargetView.of(target), request.mappingPath());
            refuseUnsupported(new Planner(options, spec, unbuilt).plan(source, target), target);
            Map<String, Table> byName = new LinkedHashMap<>();
            source.tables().forEach(t -> byName.put(t.id().display(), t));
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String name : spec.ids().keySet()) {
                Table t = byName.get(name);
                SliceStats size = t == null ? null : source.sliceStats(t, null, 0, null);
                rows.put(name, t == null ? 0 : size != null ? size.rows() : source.countRows(t));
            }
            ShippedIds.checkSize(rows, request.maxBroadcastIds());
            return RunIds.build(spec, source, read, TargetView.of(target), request.mappingPath(), System.getenv(),
                    listener::message);
        }
    }

    private static void refuseUnsupported(MigrationPlan plan, TargetDatabase target) {
        Journal.Claim probe = target.journal() == null ? null : target.journal().claim("-", "-", "-");
        if (probe == null) {
            throw DecantException.usage(target.displayUrl() + " cannot claim slices in a run journal, which a Spark run"
                    + " needs to load each slice exactly once: load a PostgreSQL target, or run on one machine");
        }
        probe.close();
    }

    private MigrationResult load(SparkRequest request, MigrationOptions options, MigrationPlan plan, ShippedIds ids,
                                 SourceDatabase source, TargetDatabase target, long start) {
        List<TablePlan> tables = plan.tables();
        // The snapshot and the slices first: a source that cannot be split is refused before anything is written.
        int cores = spark.defaultParallelism();
        int tasksPerExecutor = tasksPerExecutor(request, cores);
        // an export folder's files, present and of their manifest's size, before anything is written (as on one machine)
        source.checkFiles(io.decant.core.workflow.Selection.byKey(options, request.spec()), false, listener::message);
        String snapshot = source.exportSnapshot();
        listener.message(snapshot == null ? "the source shares no snapshot between slices: each slice reads the rows of"
                + " its own moment, so the copy is consistent only if the source takes no writes during the run (a"
                + " replica with replication stopped, or a maintenance window)"
                : "every slice reads the source's snapshot " + snapshot + ", held until the last slice ends");
        Map<String, List<SliceTask>> slices = new LinkedHashMap<>();
        for (TablePlan tp : tables) {
            slices.put(tp.name(), slice(source, tp, snapshot, request.sliceRows(), cores, request.rejects() != null));
        }
        String hash = PlanHash.of(plan);
        Journal journal = target.journal();
        List<JournalEntry> entries = journal.read();
        Map<String, String> unfinished = unfinished(entries);
        String runId = null;
        if (request.resume()) {
            for (Map.Entry<String, String> e : unfinished.entrySet()) {
                if (e.getValue().equals(hash)) {
                    runId = e.getKey();
                }
            }
            if (runId == null && !unfinished.isEmpty()) {
                throw new DecantException(ErrorCode.PARTIAL_RUN, "the run cut short in this target loaded a different plan"
                        + " (the spec, the tables or the source changed, or it was not a Spark run); it cannot be resumed"
                        + " with this one. Rerun it as it was with --resume, or start over with --truncate-first --yes");
            }
        } else if (!unfinished.isEmpty()) {
            if (!request.truncateFirst()) {
                String other = unfinished.keySet().iterator().next();
                throw new DecantException(ErrorCode.PARTIAL_RUN, "a previous run into this target (" + other + ") did not"
                        + " finish; rerun with --resume to continue it, or with --truncate-first --yes to start over");
            }
            for (Map.Entry<String, String> e : unfinished.entrySet()) {
                journal.append(new JournalEntry(e.getKey(), e.getValue(), JournalEntry.RUN_ABANDONED, null, 0, Instant.now()));
            }
        }
        boolean resuming = runId != null;
        Set<String> tablesDone = new HashSet<>();
        if (resuming) {
            String id = runId;
            entries.stream().filter(e -> e.runId().equals(id) && e.event().equals(JournalEntry.TABLE_DONE))
                    .forEach(e -> tablesDone.add(e.table()));
            listener.message("resuming run " + runId + ": " + tablesDone.size() + " table(s) and the slices it recorded"
                    + " are kept");
        } else {
            runId = UUID.randomUUID().toString();
            journal.prepare();
            journal.append(new JournalEntry(runId, hash, JournalEntry.RUN_START, null, 0, Instant.now()));
        }

        List<Table> created = tables.stream().filter(TablePlan::create).map(TablePlan::target).toList();
        List<Table> toCreate = created;
        if (resuming) {
            Set<TableId> existing = new HashSet<>();
            target.tables().forEach(t -> existing.add(t.id()));
            toCreate = created.stream().filter(t -> !existing.contains(t.id())).toList();
        }
        if (!toCreate.isEmpty()) {
            listener.message("creating " + toCreate.size() + " tables");
            try {
                target.createTables(toCreate);
            } catch (DecantException e) {
                if (!resuming) {
                    // nothing was created (one transaction): the run leaves nothing to resume
                    journal.append(new JournalEntry(runId, hash, JournalEntry.RUN_ABANDONED, null, 0, Instant.now()));
                }
                throw e;
            }
        }
        if (request.truncateFirst()) {
            List<Table> existing = new ArrayList<>(tables.stream().filter(t -> !t.create()).map(TablePlan::target).toList());
            Collections.reverse(existing);
            if (!existing.isEmpty()) {
                listener.message("emptying " + existing.size() + " tables, children first");
                target.truncate(existing);
            }
        }

        slices.keySet().removeIf(tablesDone::contains);
        List<List<String>> createdIds = created.stream().map(t -> List.of(t.id().schema() == null ? "" : t.id().schema(),
                t.id().name())).toList();
        RunContext ctx = new RunContext(request, runId, hash, snapshot, createdIds, tasksPerExecutor, ids);
        Broadcast<RunContext> broadcast = spark.broadcast(ctx);

        Map<String, List<SliceOutcome>> outcomes = new LinkedHashMap<>();
        RejectFiles rejectFiles = request.rejects() == null ? null : new RejectFiles(Path.of(request.rejects()), resuming);
        Set<String> rejectedKeys = new LinkedHashSet<>();
        List<String> rejectNotes = new ArrayList<>();
        try {
            for (List<TablePlan> wave : waves(plan, options, rejectFiles != null)) {
                List<SliceTask> tasks = new ArrayList<>();
                wave.stream().filter(tp -> slices.containsKey(tp.name())).forEach(tp -> tasks.addAll(slices.get(tp.name())));
                if (tasks.isEmpty()) {
                    continue;
                }
                wave.forEach(tp -> listener.tableStarted(tp.view()));
                Broadcast<List<String>> keys = spark.broadcast(List.copyOf(rejectedKeys));
                List<SliceOutcome> done;
                try {
                    done = spark.parallelize(tasks, tasks.size()).map(new SliceLoad(broadcast, keys)).collect();
                } finally {
                    keys.destroy();
                }
                long rejectedHere = 0;
                for (SliceOutcome o : done) {
                    outcomes.computeIfAbsent(o.table(), k -> new ArrayList<>()).add(o);
                    if (rejectFiles != null) {
                        o.rejected().lines().forEach(line -> rejectFiles.append(o.table(), line));
                        rejectedKeys.addAll(o.rejected().keys());
                        rejectedHere += o.rejected().lines().size();
                        if (o.rejected().note() != null) {
                            rejectNotes.add(o.rejected().note());
                            listener.message(o.rejected().note());
                        }
                    }
                }
                String within = referencesWithin(wave);
                if (rejectedHere > 0 && within != null) {
                    String note = within + ": a row whose parent row was rejected in another table of its foreign-key"
                            + " cycle, in a slice loading at the same time, is not rejected with it (on one machine, one"
                            + " whose parent was rejected before it was read is): a foreign key checked during the load"
                            + " refuses it with its own reason, one created after the data fails on it, naming the"
                            + " constraint; without either"
                            + " (--disable-fk) it is loaded, and decant verify names it as an orphan. To have such rows"
                            + " follow their parents, run on one machine";
                    rejectNotes.add(note);
                    listener.message(note);
                }
            }
        } catch (Exception e) { // Spark's SparkException is checked, and thrown undeclared
            RunningTasks.stopAndWait(spark, 120_000, listener::message);
            if (e instanceof DecantException own) {
                throw own;
            }
            DecantException d = SliceFailed.find(e);
            throw d != null ? d : new DecantException(ErrorCode.INTERNAL, io.decant.core.error.ErrorContext.EMPTY,
                    "the Spark job failed: " + e.getMessage(), e);
        } finally {
            broadcast.destroy();
            if (rejectFiles != null) {
                rejectFiles.close();
            }
        }

        List<TableResult> results = new ArrayList<>();
        for (TablePlan tp : tables) {
            if (tablesDone.contains(tp.name())) {
                results.add(new TableResult(tp.name(), tp.target().id().display(), TableResult.Status.SKIPPED, 0, 0, 0, null,
                        List.of("committed by the interrupted run " + runId)));
                continue;
            }
            List<SliceOutcome> os = outcomes.getOrDefault(tp.name(), List.of());
            long rows = os.stream().mapToLong(SliceOutcome::rows).sum();
            long earlier = os.stream().filter(SliceOutcome::alreadyDone).count();
            double seconds = os.stream().mapToDouble(SliceOutcome::seconds).max().orElse(0);
            target.afterLoad(tp.target());
            journal.append(new JournalEntry(runId, hash, JournalEntry.TABLE_DONE, tp.name(), rows, Instant.now()));
            String unknown = writeNotes(journal, runId, hash, tp, os, rejectFiles);
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "%d slice(s)%s", os.size(), earlier == 0 ? ""
                    : ", " + earlier + " of them committed before (an earlier attempt or the interrupted run)"));
            os.forEach(o -> notes.addAll(o.notes()));
            long rejectedRows = os.stream().mapToLong(o -> o.rejected().lines().size()).sum();
            if (rejectedRows > 0) {
                long orphaned = os.stream().mapToLong(o -> o.rejected().dependants()).sum();
                notes.add(rejectedRows + " rows rejected (--on-error reject)" + (orphaned == 0 ? ""
                        : ", " + orphaned + " of them because their parent row was rejected"));
            }
            if (unknown != null) {
                notes.add(unknown);
            }
            TableResult r = new TableResult(tp.name(), tp.target().id().display(), TableResult.Status.LOADED, rows, 0,
                    seconds, null, notes);
            listener.tableFinished(tp.view(), r);
            results.add(r);
        }
        List<String> notes = new ArrayList<>(plan.notes());
        if (!created.isEmpty()) {
            List<Table> todo = resuming ? io.decant.core.run.Migrator.missing(created, target) : created;
            if (todo.stream().anyMatch(t -> !t.indexes().isEmpty() || !t.foreignKeys().isEmpty())) {
                String phase = "creating indexes and foreign keys";
                listener.phaseStarted(phase);
                long phaseStart = System.nanoTime();
                target.createIndexesAndForeignKeys(todo);
                listener.phaseFinished(phase, (System.nanoTime() - phaseStart) / 1e9, true);
            }
        }
        journal.append(new JournalEntry(runId, hash, JournalEntry.RUN_END, null, 0, Instant.now()));
        notes.add("run " + runId + " on Spark (" + spark.master() + ", " + cores + " cores, at most " + tasksPerExecutor
                + " task(s) per executor under " + request.maxConnections() + " connections per database)");
        notes.addAll(rejectNotes);
        MigrationResult result = new MigrationResult(plan.source(), plan.target(), results,
                (System.nanoTime() - start) / 1e9, notes);
        long rejected = rejectFiles == null ? 0 : rejectFiles.total();
        if (rejected > 0) {
            // as decant migrate: the run is done, and says so with the rows it set aside
            throw new FailedRun(new DecantException(ErrorCode.ROWS_REJECTED, rejected + " row(s) were rejected and not"
                    + " loaded; each is in " + rejectFiles.dir() + "/<table>.jsonl with its reason"), result);
        }
        return result;
    }

    /**
     * After a table is recorded done: the rows its slices left out on purpose, one {@link JournalEntry#TABLE_NOTE}
     * per kind as one machine writes them, so that {@code decant verify} explains the counts. Returns a note for the
     * result when slices committed by an earlier attempt were not read again, so their rows left out are not counted;
     * null otherwise.
     */
    private static String writeNotes(Journal journal, String runId, String hash, TablePlan tp, List<SliceOutcome> os,
                                     RejectFiles rejectFiles) {
        Instant now = Instant.now();
        long rejected = rejectFiles == null ? 0 : rejectFiles.count(tp.name());
        if (rejected > 0) {
            journal.append(JournalEntry.note(runId, hash, tp.name(), JournalEntry.NOTE_REJECTED, rejected,
                    rejectFiles.place(tp.name()), now));
        }
        long skipped = os.stream().mapToLong(o -> o.left().skipped()).sum();
        if (skipped > 0) {
            journal.append(JournalEntry.note(runId, hash, tp.name(), JournalEntry.NOTE_ORPHANS_SKIPPED, skipped, null, now));
        }
        long filtered = os.stream().mapToLong(o -> o.left().filtered()).sum();
        if (filtered > 0) {
            journal.append(JournalEntry.note(runId, hash, tp.name(), JournalEntry.NOTE_FILTERED, filtered, null, now));
        }
        Map<String, Long> unmatched = new LinkedHashMap<>();
        os.forEach(o -> o.left().unmatched().forEach((merged, rows) -> unmatched.merge(merged, rows, Long::sum)));
        unmatched.forEach((merged, rows) -> journal.append(JournalEntry.note(runId, hash, tp.name(),
                JournalEntry.NOTE_MERGED_UNMATCHED, rows, merged, now)));
        long lost = os.stream().filter(o -> !o.left().known()).count();
        return lost == 0 || tp.rowsOnly() == null && tp.finisher() == null ? null : lost + " slice(s) committed by an earlier attempt were not read again: the rows they left out"
                + " (orphans, where:) are not in the journal's notes, so decant verify may not explain all of the counts";
    }

    /**
     * The tables of a load step whose rows reference rows of another table of the same step (a foreign-key
     * cycle), for the note on rejects that cannot follow across slices; null when none. (A table that references
     * itself is one slice with rejects: its rows follow within its read.)
     */
    private static String referencesWithin(List<TablePlan> wave) {
        Set<TableId> ids = new HashSet<>();
        wave.forEach(tp -> ids.add(tp.target().id()));
        List<String> names = wave.stream().filter(tp -> tp.target().foreignKeys().stream()
                .anyMatch(fk -> ids.contains(fk.refTable()) && !fk.refTable().equals(tp.target().id())))
                .map(TablePlan::name).toList();
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /**
     * Tasks one executor may run at once so that no database sees more than {@code maxConnections} of this run:
     * a task holds one source connection (its read) and two target connections (its claim and its sink); each
     * executor keeps one catalog connection to each; the driver holds two on the source (catalog, snapshot)
     * and one on the target.
     */
    static int tasksPerExecutor(SparkRequest request, int cores) {
        int e = request.executors();
        int cap = request.maxConnections();
        int bySource = cap - 2 - e;
        int byTarget = (cap - 1 - e) / 2;
        int total = Math.min(bySource, byTarget);
        if (total < e) {
            int needed = Math.max(2 + e + e, 1 + e + 2 * e);
            throw DecantException.usage("--max-connections " + cap + " leaves no connection for a task on each of " + e
                    + " executor(s); allow at least " + needed);
        }
        int perExecutor = total / e;
        return Math.max(1, Math.min(perExecutor, Math.max(1, cores / e)));
    }

    private List<SliceTask> slice(SourceDatabase source, TablePlan tp, String snapshot, long sliceRows, int cores,
                                  boolean rejecting) {
        Table t = tp.source();
        Column candidate = Slicer.splitKey(t);
        String key = source.sliceKey(t, candidate);
        SliceStats size = source.sliceStats(t, null, 0, snapshot);
        if (size == null) {
            throw DecantException.usage(source.displayUrl() + " cannot be split into slices; a Spark run reads a"
                    + " PostgreSQL, MySQL/MariaDB, SQLite or export-folder source: for another, run on one machine"
                    + " (decant migrate)");
        }
        // A table other tables' rows merge into is read in one slice: the task that reads it holds the merged rows
        // (as one machine does, in memory) and counts those no row of it claimed, which slices could not add up.
        boolean merges = tp.finisher() != null;
        // With rejects, a table that references itself is read in one slice too: its rows follow their rejected
        // parents in the order of its read, as on one machine, which slices loading at once could not do.
        boolean followsItself = rejecting && tp.target().foreignKeys().stream()
                .anyMatch(fk -> fk.refTable().equals(tp.target().id()));
        boolean byKey = key != null && !key.isEmpty();
        int n = key == null || merges || followsItself ? 1 : Slicer.count(size.rows(), sliceRows, cores);
        SliceStats stats = n > 1 && byKey ? source.sliceStats(t, key, Slicer.sampleSize(n), snapshot) : size;
        boolean uuid = byKey && candidate != null && key.equals(candidate.name()) && candidate.type().kind() == Kind.UUID;
        List<TableSlice> slices = key == null ? List.of(TableSlice.whole()) : Slicer.slices(key, uuid, stats, n);
        String how = merges ? "(rows of other tables merge into it)"
                : followsItself ? "(it references itself: its rejects follow within one read)"
                : key == null ? "(read whole: no one-column key the source can split it by)"
                : byKey ? "by " + key : slices.size() > 1 ? "by block ranges" : "";
        listener.message(String.format(Locale.ROOT, "%s: %,d rows%s in %d slice(s) %s", tp.name(), size.rows(),
                size.exact() ? "" : " (estimated)", slices.size(), how));
        List<SliceTask> out = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            out.add(new SliceTask(tp.name(), i + 1, slices.size(), slices.get(i)));
        }
        return out;
    }

    /**
     * Tables that may load at once: all of them when foreign keys are created after the data or not checked;
     * otherwise (existing tables whose foreign keys are checked), and with {@code --on-error reject} (a parent's
     * rejected rows must be known before its children are read, to reject them too), a table waits for the
     * tables it references, a foreign-key cycle loading together.
     */
    private static List<List<TablePlan>> waves(MigrationPlan plan, MigrationOptions options, boolean rejecting) {
        boolean checked = !options.disableFk() && plan.tables().stream().anyMatch(t -> !t.create()
                && !t.target().foreignKeys().isEmpty());
        if (!checked && !rejecting) {
            return List.of(plan.tables());
        }
        return plan.groups();
    }

    /** Runs with a start and no end (nor abandonment): run id to plan hash, in the order they started. */
    static Map<String, String> unfinished(List<JournalEntry> entries) {
        Map<String, String> runs = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            if (e.event().equals(JournalEntry.RUN_START)) {
                runs.put(e.runId(), e.planHash());
            } else if (e.event().equals(JournalEntry.RUN_END) || e.event().equals(JournalEntry.RUN_ABANDONED)) {
                runs.remove(e.runId());
            }
        }
        Set<String> withWork = new LinkedHashSet<>();
        for (JournalEntry e : entries) {
            if (e.event().equals(JournalEntry.TABLE_DONE) || e.event().equals(JournalEntry.CHUNK_DONE)) {
                withWork.add(e.runId());
            }
        }
        // A run that committed nothing left nothing to resume or protect, as on one machine; a Spark run counts
        // as work once it created tables, so its start alone still blocks: it may have created them.
        runs.keySet().removeIf(id -> !withWork.contains(id) && !runs.get(id).startsWith("spark-"));
        return runs;
    }
}
