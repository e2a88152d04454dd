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
    @Option(names = "--from", paramLabel = "URL", description = "Source (default: the spec's source).")
    String from;

    @Option(names = "--to", paramLabel = "URL", description = "Target, to show target types and check the schema.")
    String to;

    @Option(names = "--create-schema", description = "Plan creating the target tables.")
    boolean createSchema;

    @Option(names = "--sql", description = "With --create-schema: print the statements creating the target tables, their"
            + " keys, indexes and foreign keys would run (tables before the data, the rest after it), and nothing else.")
    boolean sql;

    @Option(names = "--collation", paramLabel = "source|default", description = "With --create-schema: plan created "
            + "text columns with the source's comparison rules (source, default) or the target's default collation.")
    String collation = "source";

    @Option(names = "--sample", paramLabel = "N|all", description = "Run every conversion, cast and expression over the "
            + "first N rows of each table (or all), write nothing, and list every value that would fail (exit 3 if any).")
    String sample;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        if (sample != null && common.output == OutputFormat.MARKDOWN) {
            throw io.decant.core.error.DecantException.usage("plan --sample prints text or json; use --output text or"
                    + " --output json, or drop --sample for the plan as markdown");
        }
        var spec = SpecFile.load(common.spec);
        Endpoints endpoints = Endpoints.fromEnvironment();
        LoadOptions load = new LoadOptions();
        load.createSchema = createSchema;
        load.collation = collation;
        var options = Transfer.options(selection, load, createSchema, spec);
        String targetUrl = SpecFile.to(to, spec, false);
        try (SourceDatabase source = endpoints.source(SpecFile.from(from, spec), common.schemas, common.sourceSettings(spec));
             TargetDatabase target = targetUrl == null ? null : endpoints.target(targetUrl, common.schemas, Map.of())) {
            Selected.check(source, common.schemas, options, spec, selection.allowEmpty, "plan");
            var ids = RunIdsFor.run(spec, common, source, targetUrl, endpoints, true, cmd.commandLine().getErr());
            if (sql) {
                return printSql(source, target, options, spec, ids);
            }
            if (sample != null) {
                return SampleView.run(source, target, options, spec, ids, sample, common, cmd.commandLine().getOut());
            }
            return Transfer.run(source, target, options, spec, ids, true, common, cmd.commandLine().getOut(),
                    cmd.commandLine().getErr());
        }
    }

    private int printSql(SourceDatabase source, TargetDatabase target, io.decant.core.engine.MigrationOptions options,
                         io.decant.core.spec.Spec spec, io.decant.core.engine.RunIds ids) {
        if (!createSchema || target == null) {
            throw io.decant.core.error.DecantException.usage("--sql shows what --create-schema creates: give --to URL and"
                    + " --create-schema");
        }
        var plan = new io.decant.core.engine.Planner(options, spec, ids).plan(source, target);
        var created = plan.tables().stream().filter(io.decant.core.engine.TablePlan::create)
                .map(io.decant.core.engine.TablePlan::target).toList();
        StringBuilder out = new StringBuilder();
        for (String statement : target.ddl(created)) {
            out.append(statement).append(";\n");
        }
        cmd.commandLine().getOut().print(switch (common.output) {
            case JSON -> Json.write(java.util.Map.of("statements", target.ddl(created))) + "\n";
            case MARKDOWN -> "```sql\n" + out + "```\n";
            case TEXT -> out;
        });
        cmd.commandLine().getOut().flush();
        return 0;
    }
}
