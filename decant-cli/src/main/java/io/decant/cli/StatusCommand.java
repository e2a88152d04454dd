package io.decant.cli;

import io.decant.core.spi.Journal;
import io.decant.core.spi.JournalEntry;
import io.decant.core.spi.TargetDatabase;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code decant status --to URL}: what the run journal in a target says, read without writing
 * anything (a target without a journal gets none): each run, its state, the tables it committed and
 * the chunks of a table it was in the middle of, and what {@code --resume} would do with the last
 * run that did not end.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the runs decant's journal in a target records, and what --resume would continue.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--to", paramLabel = "URL", description = "Target database URL (default: DECANT_TO, then the spec's target).")
    String to;

    @Option(names = "--journal-schema", paramLabel = "NAME", description = "PostgreSQL: the schema of the run journal (default decant).")
    String journalSchema;

    @Mixin
    CommonOptions common;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    /** A table a run committed whole, or the part of one it committed in chunks. */
    record TableView(String table, long rows, String state) {
    }

    record RunView(String run, String plan, Instant started, Instant ended, String state, List<TableView> tables) {
    }

    record StatusView(String target, List<RunView> runs, String resume) {
    }

    @Override
    public Integer call() {
        var spec = SpecFile.load(common.spec);
        String url = SpecFile.to(to, spec, true);
        Endpoints endpoints = Endpoints.fromEnvironment();
        String absent = endpoints.absentTarget(url);
        StatusView view;
        if (absent != null) {
            view = new StatusView(io.decant.core.util.Redactor.global().redact(endpoints.expand(url, "--to")), List.of(),
                    absent + "; no run has written to it, so there is nothing to resume");
        } else {
            Map<String, String> settings = journalSchema == null ? Map.of()
                    : Map.of(io.decant.core.spi.OpenOptions.JOURNAL_SCHEMA, journalSchema);
            try (TargetDatabase target = endpoints.target(url, settings)) {
                Journal journal = target.journal();
                view = journal == null
                        ? new StatusView(target.displayUrl(), List.of(), "this target keeps no run journal; --resume is refused for it")
                        : of(target.displayUrl(), journal.read());
            }
        }
        PrintWriter out = cmd.commandLine().getOut();
        out.print(common.output == OutputFormat.JSON ? Json.write(view) + "\n" : text(view));
        out.flush();
        return 0;
    }

    static StatusView of(String target, List<JournalEntry> entries) {
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

    static String text(StatusView v) {
        StringBuilder sb = new StringBuilder("Target: ").append(v.target()).append('\n');
        if (v.runs().isEmpty()) {
            sb.append("No runs recorded.\n");
        }
        for (RunView r : v.runs()) {
            sb.append(String.format(Locale.ROOT, "run %s (plan %s): started %s, %s%s%n", r.run(), r.plan(), r.started(),
                    r.state(), r.ended() == null ? "" : " at " + r.ended()));
            for (TableView t : r.tables()) {
                sb.append(String.format(Locale.ROOT, "  %-30s %,12d rows  %s%n", t.table(), t.rows(), t.state()));
            }
        }
        return sb.append("Resume: ").append(v.resume()).append('\n').toString();
    }
}
