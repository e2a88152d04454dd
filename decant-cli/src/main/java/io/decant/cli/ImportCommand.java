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
        if (load.dryRun) {
            FolderFiles.check(java.nio.file.Path.of(dir), cmd.commandLine().getErr());
        }
        try (SourceDatabase source = endpoints.source("dir:" + dir, common.schemas, Map.of());
             TargetDatabase target = endpoints.target(SpecFile.to(to, spec, true), common.schemas, Map.of())) {
            Transfer.confirmTruncate(load, target.displayUrl());
            var ids = RunIdsFor.run(spec, common, source, target, SpecFile.to(to, spec, true), endpoints, load.dryRun,
                    cmd.commandLine().getErr());
            return Transfer.run(source, target, options, spec, ids, load.dryRun, common, load.report, cmd.commandLine().getOut(),
                    cmd.commandLine().getErr());
        }
    }
}
