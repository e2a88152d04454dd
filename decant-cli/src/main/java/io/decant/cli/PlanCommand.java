package io.decant.cli;

import io.decant.core.Decant;
import java.io.PrintWriter;
import java.util.List;
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
        LoadOptions load = new LoadOptions();
        load.createSchema = createSchema;
        load.collation = collation;
        Decant decant = Facade.configure(common, cmd.commandLine().getErr())
                .options(Facade.options(selection, load, createSchema)).allowEmpty(selection.allowEmpty)
                .from(from).to(to).load();
        PrintWriter out = cmd.commandLine().getOut();
        if (sql) {
            List<String> statements = decant.planSql();
            StringBuilder text = new StringBuilder();
            for (String statement : statements) {
                text.append(statement).append(";\n");
            }
            out.print(switch (common.output) {
                case JSON -> Json.write(java.util.Map.of("statements", statements)) + "\n";
                case MARKDOWN -> "```sql\n" + text + "```\n";
                case TEXT -> text;
            });
            out.flush();
            return 0;
        }
        if (sample != null) {
            return SampleView.print(decant.sample(SampleView.limit(sample)), common, out);
        }
        return Facade.print(decant.plan(), common, out);
    }
}
