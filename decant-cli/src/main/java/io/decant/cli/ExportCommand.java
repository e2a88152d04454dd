package io.decant.cli;

import io.decant.core.Decant;
import io.decant.core.DecantConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes every table to an export folder: manifest.json and one JSONL (or JSON) file per table.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "URL", description = "Source (default: the spec's source).")
    String from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The export folder.")
    String out;

    @Option(names = "--format", paramLabel = "jsonl|json", description = "jsonl (default) or json (arrays + metadata.json).")
    String format = "jsonl";

    @Option(names = "--dry-run", description = "List the tables in load order with row counts; write nothing.")
    boolean dryRun;

    @Option(names = "--jobs", paramLabel = "N", description = "Tables exported at once (default 1).")
    int jobs = 1;

    @Option(names = "--rows-per-file", paramLabel = "N", description = "Split a table into numbered files of at most N "
            + "rows each (default: one file per table).")
    long rowsPerFile;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        if (!format.equals("jsonl") && !format.equals("json")) {
            throw io.decant.core.error.DecantException.usage("--format must be jsonl or json, not " + format);
        }
        PrintWriter err = cmd.commandLine().getErr();
        LoadOptions load = new LoadOptions();
        load.jobs = jobs;
        DecantConfig config = Facade.configure(common, err).options(Facade.options(selection, load, true))
                .allowEmpty(selection.allowEmpty).from(from).exportFormat(format).rowsPerFile(rowsPerFile);
        if (!dryRun) {
            config.progress(Facade.progress(err, progress));
        }
        Decant decant = config.load();
        if (dryRun) {
            return Facade.print(decant.exportDryRun(), common, cmd.commandLine().getOut());
        }
        return Facade.run(() -> decant.exportTo(Path.of(out)), common, null, cmd.commandLine().getOut(), err);
    }
}
