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

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Loads an export folder into a target, in foreign-key order, one transaction per table.")
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "DIR", description = "The export folder.")
    String in;

    @Option(names = "--to", paramLabel = "URL", description = "Target (default: the spec's target).")
    String to;

    @Option(names = "--verify-files", description = "Before loading, check every file's SHA-256 and row count against"
            + " manifest.json as well as its size (reads each file once more; --dry-run always does).")
    boolean verifyFiles;

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

    @Override
    public Integer call() {
        PrintWriter err = cmd.commandLine().getErr();
        DecantConfig config = Facade.configure(common, selection, load, err).to(to).verifyFiles(verifyFiles);
        if (!load.dryRun) {
            config.progress(Facade.progress(err, progress));
        }
        Decant decant = config.load();
        if (load.dryRun) {
            return Facade.print(decant.importDryRun(Path.of(in)), common, cmd.commandLine().getOut());
        }
        return Facade.run(() -> decant.importFrom(Path.of(in)), common, load.report, cmd.commandLine().getOut(), err);
    }
}
