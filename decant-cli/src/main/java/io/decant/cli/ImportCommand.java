package io.decant.cli;

import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.Map;
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
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Mixin
    LoadOptions load;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        var spec = SpecFile.load(common.spec);
        Endpoints endpoints = Endpoints.fromEnvironment();
        var options = Transfer.options(selection, load, load.createSchema, spec);
        String dir = endpoints.expand(in, "--in");
        try (SourceDatabase source = endpoints.source("dir:" + dir, common.schemas, Map.of())) {
            Selected.check(source, common.schemas, options, spec, selection.allowEmpty, "import");
            // Before the target is opened: a cut-off or changed file is refused before any table is created or loaded.
            if (source instanceof io.decant.files.folder.FolderSource folder) {
                FolderFiles.check(folder, FolderFiles.selection(selection, spec), load.dryRun || verifyFiles,
                        cmd.commandLine().getErr());
            }
            return load(source, endpoints, spec, options);
        }
    }

    private int load(SourceDatabase source, Endpoints endpoints, io.decant.core.spec.Spec spec,
                     io.decant.core.engine.MigrationOptions options) {
        try (TargetDatabase target = endpoints.target(SpecFile.to(to, spec, true), common.schemas, load.targetSettings())) {
            Transfer.confirmTruncate(load, target.displayUrl());
            var ids = RunIdsFor.run(spec, common, source, target, SpecFile.to(to, spec, true), endpoints, load.dryRun,
                    cmd.commandLine().getErr(), unbuilt -> Transfer.check(source, target, options, spec, unbuilt));
            return Transfer.run(source, target, options, spec, ids, load.dryRun, common, load.report, cmd.commandLine().getOut(),
                    cmd.commandLine().getErr());
        }
    }
}
