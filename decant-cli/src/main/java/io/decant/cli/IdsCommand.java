package io.decant.cli;

import io.decant.core.ids.IdsResults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code decant ids build|show|lookup}: the id mapping without moving data. */
@Command(name = "ids", mixinStandardHelpOptions = true,
        description = "Builds or inspects an id mapping without moving data.",
        subcommands = {IdsCommand.Build.class, IdsCommand.Show.class, IdsCommand.Lookup.class})
final class IdsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Runs every ids: strategy of the spec (creating users through http where asked, resuming an "
                    + "interrupted run) and writes the mapping file, owner-only.")
    static final class Build implements Callable<Integer> {
        @Option(names = "--from", paramLabel = "URL", description = "Source (default: the spec's source).")
        String from;

        @Option(names = "--to", paramLabel = "URL", description = "Target, for strategy match (default: the spec's target).")
        String to;

        @Mixin
        CommonOptions common;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Override
        public Integer call() {
            PrintWriter out = cmd.commandLine().getOut();
            IdsResults.Build r = Facade.configure(common, cmd.commandLine().getErr()).from(from).to(to).load().ids().build();
            if (common.output == OutputFormat.JSON) {
                out.println(Json.write(r));
            } else {
                out.println("mapping: " + r.file() + " (generated " + r.generatedAt() + ", retain until "
                        + r.retainUntil() + ")");
                for (IdsResults.TableBuilt t : r.tables()) {
                    out.println(String.format(Locale.ROOT, "  %s.%s (%s): %s ids, %s new, %s reused, %s unmatched",
                            t.table(), t.key(), t.strategy(), Format.count(t.entries()), Format.count(t.created()),
                            Format.count(t.reused()), Format.count(t.unmatched())));
                    t.unmatchedSample().forEach(u -> out.println("    unmatched: " + u));
                    t.warnings().forEach(w -> out.println("    warning: " + w));
                }
                r.warnings().forEach(w -> out.println("warning: " + w));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Counts per table, generatedAt, retainUntil.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--mapping", required = true, paramLabel = "FILE")
        Path mapping;

        @Option(names = "--output", paramLabel = "text|json")
        OutputFormat output = OutputFormat.TEXT;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Override
        public Integer call() {
            IdsResults.Show r = io.decant.core.Decant.configure().load().ids().show(mapping);
            PrintWriter out = cmd.commandLine().getOut();
            if (output == OutputFormat.JSON) {
                out.println(Json.write(r));
            } else {
                out.println("mapping: " + r.file() + " (" + r.layout() + ")");
                out.println("generated: " + r.generatedAt() + ", retain until: " + r.retainUntil()
                        + (r.retentionPassed() ? "  -- retention has passed: delete this file" : ""));
                for (IdsResults.TableShown t : r.tables()) {
                    out.println(String.format(Locale.ROOT, "  %s.%s: %s entries (%s -> %s, %s)", t.table(), t.key(),
                            Format.count(t.entries()), t.oldType(), t.newType(), t.strategy()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "lookup", mixinStandardHelpOptions = true,
            description = "The new id of an old one, or the old id of a new one (or by email), for support cases.")
    static final class Lookup implements Callable<Integer> {
        @Option(names = "--mapping", required = true, paramLabel = "FILE")
        Path mapping;

        @Option(names = "--table", paramLabel = "TABLE")
        String table;

        @Option(names = "--output", paramLabel = "text|json")
        OutputFormat output = OutputFormat.TEXT;

        @Parameters(paramLabel = "VALUE", description = "An old id, a new id, or a key field such as an email.")
        String value;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Override
        public Integer call() {
            IdsResults.Lookup r = io.decant.core.Decant.configure().load().ids().lookup(mapping, table, value);
            PrintWriter out = cmd.commandLine().getOut();
            if (output == OutputFormat.JSON) {
                out.println(Json.write(r));
            } else if (r.hits().isEmpty()) {
                out.println("no entry for " + value);
            } else {
                r.hits().forEach(h -> out.println(h.table() + ": old " + h.oldId() + " -> new " + h.newId()
                        + " (matched by " + h.matchedBy() + ")" + (h.extras().isEmpty() ? "" : " " + h.extras())
                        + (h.migratedAt() == null ? "" : ", migrated " + h.migratedAt())));
            }
            out.flush();
            return r.hits().isEmpty() ? 1 : 0;
        }
    }
}
