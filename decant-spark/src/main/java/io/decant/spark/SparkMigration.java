package io.decant.spark;

import io.decant.core.run.MigrationOptions;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.run.MigrationResult;
import io.decant.core.plan.Planner;
import io.decant.core.run.ProgressListener;
import io.decant.core.run.RunIds;
import io.decant.core.plan.TablePlan;
import io.decant.core.run.TableResult;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
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
            MigrationPlan plan = new Planner(options, spec, RunIds.none()).plan(source, target);
            refuseUnsupported(spec, plan, target);
            return load(request, options, plan, source, target, start);
        } finally {
            if (spark.master().startsWith("local")) {
                Worker.closeCurrent(); // local mode: the executor's endpoints live in this JVM
            }
        }
    }

    private static void refuseUnsupported(Spec spec, MigrationPlan plan, TargetDatabase target) {
        if (!spec.ids().isEmpty()) {
            throw DecantException.usage("the spec's ids: are not built on Spark yet; run this migration on one machine"
                    + " (decant migrate), or remove ids: from the spec");
        }
        for (TablePlan tp : plan.tables()) {
            if (tp.finisher() != null) {
                throw DecantException.usage(tp.name() + " merges rows into another table, which needs the whole table in"
                        + " one pass; run this migration on one machine (decant migrate)");
            }
        }
        Journal.Claim probe = target.journal() == null ? null : target.journal().claim("-", "-", "-");
        if (probe == null) {
            throw DecantException.usage(target.displayUrl() + " cannot claim slices in a run journal, which a Spark run"
                    + " needs to load each slice exactly once: load a PostgreSQL target, or run on one machine");
        }
        probe.close();
    }

    private MigrationResult load(SparkRequest request, MigrationOptions options, MigrationPlan plan, SourceDatabase source,
                                 TargetDatabase target, long start) {
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
            slices.put(tp.name(), slice(source, tp, snapshot, request.sliceRows(), cores));
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
        RunContext ctx = new RunContext(request, runId, hash, snapshot, createdIds, tasksPerExecutor);
        Broadcast<RunContext> broadcast = spark.broadcast(ctx);

        Map<String, List<SliceOutcome>> outcomes = new LinkedHashMap<>();
        try {
            for (List<TablePlan> wave : waves(plan, options)) {
                List<SliceTask> tasks = new ArrayList<>();
                wave.stream().filter(tp -> slices.containsKey(tp.name())).forEach(tp -> tasks.addAll(slices.get(tp.name())));
                if (tasks.isEmpty()) {
                    continue;
                }
                wave.forEach(listener::tableStarted);
                List<SliceOutcome> done = spark.parallelize(tasks, tasks.size()).map(new SliceLoad(broadcast)).collect();
                for (SliceOutcome o : done) {
                    outcomes.computeIfAbsent(o.table(), k -> new ArrayList<>()).add(o);
                }
            }
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
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "%d slice(s)%s", os.size(), earlier == 0 ? ""
                    : ", " + earlier + " of them committed before (an earlier attempt or the interrupted run)"));
            TableResult r = new TableResult(tp.name(), tp.target().id().display(), TableResult.Status.LOADED, rows, 0,
                    seconds, null, notes);
            listener.tableFinished(tp, r);
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
        return new MigrationResult(plan.source(), plan.target(), results, (System.nanoTime() - start) / 1e9, notes);
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

    private List<SliceTask> slice(SourceDatabase source, TablePlan tp, String snapshot, long sliceRows, int cores) {
        Table t = tp.source();
        Column candidate = Slicer.splitKey(t);
        String key = source.sliceKey(t, candidate);
        SliceStats size = source.sliceStats(t, null, 0, snapshot);
        if (size == null) {
            throw DecantException.usage(source.displayUrl() + " cannot be split into slices; a Spark run reads a"
                    + " PostgreSQL, MySQL/MariaDB, SQLite or export-folder source: for another, run on one machine"
                    + " (decant migrate)");
        }
        boolean byKey = key != null && !key.isEmpty();
        int n = key == null ? 1 : Slicer.count(size.rows(), sliceRows, cores);
        SliceStats stats = n > 1 && byKey ? source.sliceStats(t, key, Slicer.sampleSize(n), snapshot) : size;
        boolean uuid = byKey && candidate != null && key.equals(candidate.name()) && candidate.type().kind() == Kind.UUID;
        List<TableSlice> slices = key == null ? List.of(TableSlice.whole()) : Slicer.slices(key, uuid, stats, n);
        String how = key == null ? "(read whole: no one-column key the source can split it by)"
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
     * otherwise (existing tables whose foreign keys are checked) a table waits for the tables it references,
     * a foreign-key cycle loading together.
     */
    private static List<List<TablePlan>> waves(MigrationPlan plan, MigrationOptions options) {
        boolean checked = !options.disableFk() && plan.tables().stream().anyMatch(t -> !t.create()
                && !t.target().foreignKeys().isEmpty());
        if (!checked) {
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
