package io.decant.cli;

import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.Map;
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
        try (SourceDatabase source = endpoints.source(SpecFile.from(from, spec), common.schemas, common.sourceSettings(spec));
             TargetDatabase target = endpoints.target(SpecFile.to(to, spec, true), common.schemas, load.targetSettings())) {
            Selected.check(source, common.schemas, options, spec, selection.allowEmpty, "migrate");
            if (source instanceof io.decant.files.folder.FolderSource folder) {
                // As import does: a cut-off file is refused before the first table, not after others committed.
                FolderFiles.check(folder, FolderFiles.selection(selection, spec), load.dryRun, cmd.commandLine().getErr());
            }
            Transfer.confirmTruncate(load, target.displayUrl());
            var ids = RunIdsFor.run(spec, common, source, target, SpecFile.to(to, spec, true), endpoints, load.dryRun,
                    cmd.commandLine().getErr(), unbuilt -> Transfer.check(source, target, options, spec, unbuilt));
            return Transfer.run(source, target, options, spec, ids, load.dryRun, common, load.report, cmd.commandLine().getOut(),
                    cmd.commandLine().getErr());
        }
    }
}
