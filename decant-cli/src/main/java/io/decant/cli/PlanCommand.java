package io.decant.cli;

import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "The dry run: tables in load order, row counts, each column's source, logical and target type and cast.")
final class PlanCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "URL")
    String from;

    @Option(names = "--to", paramLabel = "URL", description = "Target, to show target types and check the schema.")
    String to;

    @Option(names = "--create-schema", description = "Plan creating the target tables.")
    boolean createSchema;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Endpoints endpoints = Endpoints.fromEnvironment();
        LoadOptions load = new LoadOptions();
        load.createSchema = createSchema;
        var options = Transfer.options(selection, load, createSchema);
        try (SourceDatabase source = endpoints.source(from, common.schemas, Map.of());
             TargetDatabase target = to == null ? null : endpoints.target(to, Map.of())) {
            return Transfer.run(source, target, options, true, common, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
