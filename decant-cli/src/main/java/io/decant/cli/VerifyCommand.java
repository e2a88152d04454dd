package io.decant.cli;

import io.decant.core.Decant;
import io.decant.core.api.MigrationOptions;
import io.decant.core.error.DecantException;
import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyOptions;
import io.decant.core.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compares source and target through the same plan: row counts, content checksums down to the row, "
                + "orphans, duplicates and NULLs. Exit 0 when everything matched, 1 when something differs.")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "URL|DIR", description = "Source (default: the spec's source).")
    String from;

    @Option(names = "--to", paramLabel = "URL|DIR", description = "The target; without it an export folder checks itself.")
    String to;

    @Option(names = "--skip-checksum", description = "Row counts only (fast).")
    boolean skipChecksum;

    @Option(names = "--threads", paramLabel = "N", description = "Workers that map the source's rows through the spec and"
            + " hash them (default: one per processor; 0: all on the reading thread).")
    Integer threads;

    @Option(names = "--no-pass-through", description = "Hash every row through its decoded values, even where it could be"
            + " hashed straight from PostgreSQL's binary COPY fields. Slower; the same checksums. For measuring, or for"
            + " ruling the fast path out when a result surprises you.")
    boolean noPassThrough;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the report as JSON here, and as HTML beside it.")
    Path report;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        io.decant.core.Decant decant = Facade.configure(common, err)
                .options(MigrationOptions.builder().tables(selection.tables).exclude(selection.exclude).build())
                .allowEmpty(selection.allowEmpty).report(report).from(from).to(to).load();
        VerifyReport result = decant.verify(options());
        if (common.debug) {
            for (io.decant.core.verify.IntegrityCheck c : result.integrity()) {
                err.println("sql: " + c.kind() + " " + c.subject() + ": " + c.sql());
            }
        }
        if (report != null) {
            err.println("report: " + report + " and " + Decant.htmlReport(report));
        }
        out.print(switch (common.output) {
            case JSON -> Json.write(result) + "\n";
            case MARKDOWN -> VerifyMarkdown.render(result, decant.verifyMeta());
            case TEXT -> VerifyText.render(result, decant.verifyMeta());
        });
        out.flush();
        return result.status() == Status.FAIL ? 1 : 0;
    }

    private VerifyOptions options() {
        VerifyOptions o = VerifyOptions.defaults().withChecksums(!skipChecksum).withWireChecksums(!noPassThrough);
        if (threads == null) {
            return o;
        }
        if (threads < 0) {
            throw DecantException.usage("--threads takes 0 (all on the reading thread) or a number of workers, not " + threads);
        }
        return o.withThreads(threads);
    }
}
