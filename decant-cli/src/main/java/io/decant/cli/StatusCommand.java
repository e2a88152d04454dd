package io.decant.cli;

import io.decant.core.api.StatusView;
import io.decant.core.api.StatusView.RunView;
import io.decant.core.api.StatusView.TableView;
import java.io.PrintWriter;
import java.util.Locale;
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

    @Override
    public Integer call() {
        StatusView view = Facade.configure(common, cmd.commandLine().getErr()).journalSchema(journalSchema).to(to).load()
                .status();
        PrintWriter out = cmd.commandLine().getOut();
        out.print(common.output == OutputFormat.JSON ? Json.write(view) + "\n" : text(view));
        out.flush();
        return 0;
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
