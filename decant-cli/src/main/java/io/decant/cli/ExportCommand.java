package io.decant.cli;

import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.Map;
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
        var spec = SpecFile.load(common.spec);
        Endpoints endpoints = Endpoints.fromEnvironment();
        LoadOptions load = new LoadOptions();
        load.jobs = jobs;
        load.createSchema = true;
        var options = Transfer.options(selection, load, true, spec).withReplaceTables(true);
        try (SourceDatabase source = endpoints.source(SpecFile.from(from, spec), common.schemas, common.sourceSettings(spec))) {
            if (!dryRun && rowsPerFile < 0) {
                throw io.decant.core.error.DecantException.usage("--rows-per-file must be positive");
            }
            boolean empty = Selected.check(source, common.schemas, options, spec, selection.allowEmpty, "export").isEmpty();
            var ids = RunIdsFor.run(spec, common, source, null, null, endpoints, dryRun, cmd.commandLine().getErr(),
                    unbuilt -> Transfer.check(source, null, options, spec, unbuilt));
            if (dryRun) {
                return Transfer.run(source, null, options, spec, ids, true, common, cmd.commandLine().getOut(),
                        cmd.commandLine().getErr());
            }
            Map<String, String> settings = rowsPerFile > 0
                    ? Map.of("format", format, "source", source.displayUrl(), "rowsPerFile", Long.toString(rowsPerFile))
                    : Map.of("format", format, "source", source.displayUrl());
            try (TargetDatabase target = endpoints.target("dir:" + endpoints.expand(out, "--out"), settings)) {
                if (empty) {
                    // An allowed export of no table is still an export folder: its manifest lists no table, so a later
                    // import or verify (with --allow-empty) reads it instead of finding no folder. The run creates none.
                    target.createTables(java.util.List.of());
                }
                return Transfer.run(source, target, options, spec, ids, false, common, cmd.commandLine().getOut(),
                        cmd.commandLine().getErr());
            }
        }
    }
}
