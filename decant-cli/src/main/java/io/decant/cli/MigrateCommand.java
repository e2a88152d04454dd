package io.decant.cli;

import io.decant.core.Decant;
import io.decant.core.DecantConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Streams a source into a target directly, in foreign-key order, one transaction per table.")
final class MigrateCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "URL", description = "Source: database URL or export folder (default: the spec's source).")
    String from;

    @Option(names = "--to", paramLabel = "URL", description = "Target database URL (default: the spec's target).")
    String to;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Mixin
    LoadOptions load;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Option(names = "--engine", paramLabel = "local|spark", description = "spark: run on Apache Spark through"
            + " decant-spark.jar (docs/spark.md). Default: local, this process.")
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: the Spark master (default local[*]).")
    String master;

    @Option(names = "--slice-rows", paramLabel = "N", description = "With --engine spark: rows per slice task"
            + " (default 1,000,000).")
    Long sliceRows;

    @Option(names = "--shared-storage", description = "With --engine spark on a cluster: a SQLite file or export folder"
            + " source is on storage every executor reads at the same path.")
    boolean sharedStorage;

    @Override
    public Integer call() {
        if (!engine.equals("local")) {
            return SparkHandOver.run(this);
        }
        if (sliceRows != null || sharedStorage || master != null) {
            throw io.decant.core.error.DecantException.usage((master != null ? "--master" : sliceRows != null
                    ? "--slice-rows" : "--shared-storage") + " is for --engine spark; leave it out, or add --engine spark");
        }
        PrintWriter err = cmd.commandLine().getErr();
        DecantConfig config = Facade.configure(common, selection, load, err).from(from).to(to);
        if (!load.dryRun) {
            config.progress(Facade.progress(err, progress));
        }
        Decant decant = config.load();
        if (load.dryRun) {
            return Facade.print(decant.migrateDryRun(), common, cmd.commandLine().getOut());
        }
        return Facade.run(decant::migrate, common, load.report, cmd.commandLine().getOut(), err);
    }
}
