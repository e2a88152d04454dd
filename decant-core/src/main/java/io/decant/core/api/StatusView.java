package io.decant.core.api;

import io.decant.core.spi.JournalEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code status}: what the run journal in a target says: each run, its state, the tables it committed
 * and the chunks of a table it was in the middle of, and what {@code --resume} would do with the last
 * run that did not end. Its JSON shape is API.
 */
public record StatusView(String target, List<RunView> runs, String resume) {
    /** A table a run committed whole, or the part of one it committed in chunks. */
    public record TableView(String table, long rows, String state) {
    }

    public record RunView(String run, String plan, Instant started, Instant ended, String state, List<TableView> tables) {
    }

    public static StatusView of(String target, List<JournalEntry> entries) {
        Map<String, List<JournalEntry>> byRun = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            byRun.computeIfAbsent(e.runId(), k -> new ArrayList<>()).add(e);
        }
        List<RunView> runs = new ArrayList<>();
        for (Map.Entry<String, List<JournalEntry>> run : byRun.entrySet()) {
            runs.add(run(run.getKey(), run.getValue()));
        }
        RunView last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        String resume;
        if (last == null) {
            resume = "the journal is empty: no run has written to this target";
        } else if (!last.state().equals("interrupted")) {
            resume = "nothing to resume: the last run " + last.state();
        } else {
            List<String> done = new ArrayList<>();
            List<String> partial = new ArrayList<>();
            for (TableView t : last.tables()) {
                if (t.state().equals("loaded")) {
                    done.add(t.table());
                } else {
                    partial.add(String.format(Locale.ROOT, "%s after its first %,d rows", t.table(), t.rows()));
                }
            }
            resume = "migrate (or import) --resume with the same source, spec and options (plan " + last.plan() + ") keeps "
                    + (done.isEmpty() ? "no table" : String.join(", ", done)) + " as loaded"
                    + (partial.isEmpty() ? "" : ", continues " + String.join(", ", partial))
                    + ", and loads every other table of the plan; a different plan is refused";
        }
        return new StatusView(target, runs, resume);
    }

    private static RunView run(String id, List<JournalEntry> entries) {
        Instant started = null;
        Instant ended = null;
        String state = "interrupted";
        String plan = "";
        Map<String, TableView> tables = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            plan = e.planHash() == null ? "" : e.planHash().substring(0, Math.min(12, e.planHash().length()));
            switch (e.event()) {
                case JournalEntry.RUN_START -> started = e.at();
                case JournalEntry.TABLE_DONE -> tables.put(e.table(), new TableView(e.table(), e.rows(), "loaded"));
                case JournalEntry.CHUNK_DONE -> tables.put(e.table(), new TableView(e.table(), e.rows(), "partly loaded"));
                case JournalEntry.RUN_END -> {
                    ended = e.at();
                    state = "finished";
                }
                case JournalEntry.RUN_ABANDONED -> {
                    ended = e.at();
                    state = "was abandoned (started over)";
                }
                default -> { }
            }
        }
        return new RunView(id, plan, started, ended, state, List.copyOf(tables.values()));
    }
}
