package io.decant.core.run;

import io.decant.core.api.MigrationOptions;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.plan.ColumnPlan;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.TablePlan;
import io.decant.core.spi.Journal;
import io.decant.core.spi.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a run does with the target's journal: refuse to run over a run that was cut short (unless
 * told to resume it or to start over), or resume it, skipping the tables it committed. Deciding only
 * reads the journal; its storage is created, and a new run's start recorded, by {@link #begin()}, which the
 * run calls just before its first write (creating or emptying tables, opening the first table's sink). A run
 * refused before that (by its plan, or by the journal itself) creates nothing; a new run that fails after it
 * without committing anything removes the journal it created again ({@link #failed()}).
 */
public final class RunJournal {
    private final Journal journal;
    private final String planHash;
    private final String runId;
    private final Set<String> done;
    private final Map<String, Chunk> chunks;
    private final boolean alreadyFinished;
    /** A new run: its start is recorded by {@link #begin()}, not when it is decided. */
    private final boolean fresh;
    /** Whether the target held journal entries before this run (else this run creates the storage). */
    private boolean existed;
    private boolean begun;

    private RunJournal(Journal journal, String planHash, String runId, Set<String> done, Map<String, Chunk> chunks,
                       boolean alreadyFinished, boolean fresh) {
        this.journal = journal;
        this.planHash = planHash;
        this.runId = runId;
        this.done = done;
        this.chunks = chunks;
        this.alreadyFinished = alreadyFinished;
        this.fresh = fresh;
    }

    /**
     * Called before the run's first write, from any loading thread: creates the journal's storage if it is missing
     * and records a new run's start. Idempotent.
     */
    synchronized void begin() {
        if (journal == null || begun) {
            return;
        }
        journal.prepare();
        if (fresh) {
            journal.append(new JournalEntry(runId, planHash, JournalEntry.RUN_START, null, 0, Instant.now()));
        }
        begun = true;
    }

    /** The last chunk a run committed of a table it did not finish: rows so far, and where the read continues. */
    record Chunk(long rows, String position) {
    }

    /** With --resume: the last run of this plan finished, so there is nothing left to load. */
    boolean alreadyFinished() {
        return alreadyFinished;
    }

    /** No journal: the target cannot keep one. */
    static RunJournal none() {
        return new RunJournal(null, null, null, Set.of(), Map.of(), false, false);
    }

    boolean active() {
        return journal != null;
    }

    boolean resuming() {
        return !done.isEmpty() || !chunks.isEmpty();
    }

    /** Tables committed by the run being resumed. */
    Set<String> done() {
        return done;
    }

    /** The last chunk the run being resumed committed of {@code table}, or null: the table starts from its first row. */
    Chunk chunk(String table) {
        return done.contains(table) ? null : chunks.get(table);
    }

    /** Tables of which the run being resumed committed chunks but not the end. */
    Map<String, Chunk> partialTables() {
        Map<String, Chunk> out = new LinkedHashMap<>(chunks);
        done.forEach(out::remove);
        return out;
    }

    String runId() {
        return runId;
    }

    static RunJournal open(Journal journal, MigrationPlan plan, MigrationOptions options) {
        RunJournal j = decide(journal, plan, options);
        j.existed = !journal.read().isEmpty();
        return j;
    }

    /**
     * For a run that failed: when it created the journal and committed nothing (its start is all the journal holds),
     * the journal is removed again, so that a run refused before writing leaves nothing of decant's in the target.
     */
    synchronized void failed() {
        if (journal == null || !begun || !fresh || existed) {
            return;
        }
        List<JournalEntry> entries = journal.read();
        if (entries.stream().allMatch(e -> e.runId().equals(runId) && e.event().equals(JournalEntry.RUN_START))) {
            journal.discard();
            begun = false;
        }
    }

    private static RunJournal decide(Journal journal, MigrationPlan plan, MigrationOptions options) {
        String hash = hash(plan);
        Map<String, Partial> partial = partialRuns(journal.read());
        // A run that committed no table left nothing behind to resume or to protect: it no longer blocks.
        for (var it = partial.values().iterator(); it.hasNext(); ) {
            Partial p = it.next();
            if (p.done.isEmpty() && p.chunks.isEmpty()) {
                journal.prepare();
                journal.append(new JournalEntry(p.runId, p.planHash, JournalEntry.RUN_ABANDONED, null, 0, Instant.now()));
                it.remove();
            }
        }
        Partial same = partial.values().stream().filter(p -> p.planHash.equals(hash)).reduce((a, b) -> b).orElse(null);
        if (options.truncateFirst()) {
            for (Partial p : partial.values()) {
                journal.prepare();
                journal.append(new JournalEntry(p.runId, p.planHash, JournalEntry.RUN_ABANDONED, null, 0, Instant.now()));
            }
            return started(journal, hash);
        }
        if (options.resume()) {
            if (same == null) {
                if (!partial.isEmpty()) {
                    throw new DecantException(ErrorCode.PARTIAL_RUN, "the run cut short in this target loaded a different"
                            + " plan (the spec, the tables or the source changed); it cannot be resumed with this one. "
                            + "Rerun it as it was with --resume, or start over with --truncate-first --yes");
                }
                String finished = lastFinished(journal.read(), hash);
                if (finished != null) {
                    return new RunJournal(journal, hash, finished, Set.of(), Map.of(), true, false);
                }
                return started(journal, hash);
            }
            return new RunJournal(journal, hash, same.runId, same.done, same.chunks, false, false);
        }
        if (!partial.isEmpty()) {
            Partial p = same != null ? same : partial.values().iterator().next();
            Map<String, Chunk> part = new LinkedHashMap<>(p.chunks);
            p.done.forEach(part::remove);
            StringBuilder parts = new StringBuilder();
            part.forEach((t, c) -> parts.append(parts.length() == 0 ? "" : ", ").append(t).append(" (")
                    .append(String.format(java.util.Locale.ROOT, "%,d", c.rows())).append(" rows)"));
            throw new DecantException(ErrorCode.PARTIAL_RUN, "a previous run into this target (" + p.runId + ", started "
                    + p.started + ") stopped after " + p.done.size() + " table(s)" + (p.done.isEmpty() ? "" : " " + p.done)
                    + (part.isEmpty() ? "" : " and part of " + parts)
                    + " and did not finish; rerun with --resume to continue it, or with --truncate-first --yes to start over");
        }
        return started(journal, hash);
    }

    private static RunJournal started(Journal journal, String hash) {
        return new RunJournal(journal, hash, UUID.randomUUID().toString(), Set.of(), Map.of(), false, true);
    }

    private static String lastFinished(List<JournalEntry> entries, String hash) {
        String last = null;
        for (JournalEntry e : entries) {
            if (e.event().equals(JournalEntry.RUN_END) && e.planHash().equals(hash)) {
                last = e.runId();
            }
        }
        return last;
    }

    /** The entry a table's sink writes in the table's own transaction. */
    JournalEntry doneMark(TablePlan table) {
        return journal == null ? null
                : new JournalEntry(runId, planHash, JournalEntry.TABLE_DONE, table.name(), 0, Instant.now());
    }

    /** The entry a table's sink writes with each chunk it commits: rows of the table so far, where the read goes on. */
    JournalEntry chunkMark(TablePlan table, long rows, String position) {
        return new JournalEntry(runId, planHash, JournalEntry.CHUNK_DONE, table.name(), rows, Instant.now(), position);
    }

    /**
     * After {@code table} committed: the rows it left out on purpose, one {@link JournalEntry#TABLE_NOTE} per kind,
     * for verify to explain the counts with. Appended on their own, after the commit (see there why).
     *
     * @param rejectsWhere    where the rejected rows went, or null
     * @param mergedUnmatched per table merged into this one, its rows that found no row of it to merge into
     */
    void notes(TablePlan table, long rejected, String rejectsWhere, long orphansSkipped, long filtered,
               Map<String, Long> mergedUnmatched) {
        if (journal == null) {
            return;
        }
        Instant now = Instant.now();
        if (rejected > 0) {
            journal.append(JournalEntry.note(runId, planHash, table.name(), JournalEntry.NOTE_REJECTED, rejected,
                    rejectsWhere, now));
        }
        if (orphansSkipped > 0) {
            journal.append(JournalEntry.note(runId, planHash, table.name(), JournalEntry.NOTE_ORPHANS_SKIPPED,
                    orphansSkipped, null, now));
        }
        if (filtered > 0) {
            journal.append(JournalEntry.note(runId, planHash, table.name(), JournalEntry.NOTE_FILTERED, filtered, null, now));
        }
        mergedUnmatched.forEach((merged, rows) -> journal.append(JournalEntry.note(runId, planHash, table.name(),
                JournalEntry.NOTE_MERGED_UNMATCHED, rows, merged, now)));
    }

    void finished() {
        // A new run that wrote nothing (no table to load) has nothing to record; a resumed one closes its run.
        if (journal != null && (begun || !fresh)) {
            begin();
            journal.append(new JournalEntry(runId, planHash, JournalEntry.RUN_END, null, 0, Instant.now()));
        }
    }

    private record Partial(String runId, String planHash, Instant started, Set<String> done, Map<String, Chunk> chunks) {
    }

    /** Runs with a start and no end (nor abandonment), in the order they started. */
    private static Map<String, Partial> partialRuns(List<JournalEntry> entries) {
        Map<String, Partial> runs = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            switch (e.event()) {
                case JournalEntry.RUN_START -> runs.put(e.runId(), new Partial(e.runId(), e.planHash(), e.at(),
                        new LinkedHashSet<>(), new LinkedHashMap<>()));
                case JournalEntry.TABLE_DONE -> {
                    Partial p = runs.get(e.runId());
                    if (p != null) {
                        p.done.add(e.table());
                    }
                }
                case JournalEntry.CHUNK_DONE -> {
                    Partial p = runs.get(e.runId());
                    if (p != null) {
                        if (e.position() == null) {
                            throw new DecantException(ErrorCode.FILE_CORRUPT, "the target's journal has a chunk of "
                                    + e.table() + " without a position; it was damaged");
                        }
                        p.chunks.put(e.table(), new Chunk(e.rows(), e.position()));
                    }
                }
                case JournalEntry.TABLE_NOTE -> { } // for verify; a run's progress is in the entries above
                case JournalEntry.RUN_END, JournalEntry.RUN_ABANDONED -> runs.remove(e.runId());
                default -> throw new DecantException(ErrorCode.FILE_CORRUPT, "the target's journal has an unknown event '"
                        + e.event() + "'; it was written by a newer decant, or damaged");
            }
        }
        return runs;
    }

    /**
     * The plan's identity: source, target, and every table's columns and conversions, not its row counts.
     * Public for engines that keep the same journal (decant on Spark prefixes it with its own name).
     */
    public static String hash(MigrationPlan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append(plan.source()).append('\n').append(plan.target()).append('\n');
        for (TablePlan t : plan.tables()) {
            sb.append(t.name()).append(" -> ").append(t.target().id().display()).append(t.create() ? " create" : "")
                    .append(t.filterText() == null ? "" : " where " + t.filterText()).append('\n');
            for (ColumnPlan c : t.columns()) {
                sb.append("  ").append(c.source() == null ? "-" : c.source().name()).append(" -> ")
                        .append(c.target().name()).append(' ').append(c.target().type()).append(' ')
                        .append(c.describe()).append('\n');
            }
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
