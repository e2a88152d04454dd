package io.decant.cli;

import io.decant.core.Decant;
import io.decant.core.DecantConfig;
import io.decant.core.api.FailedRun;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.PlanView;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The command line's side of {@link Decant}: the parsed options as a configuration, and the results
 * of plan and run printed as the command line prints them.
 */
final class Facade {
    private Facade() {
    }

    /** What every command configures: the environment, the spec, schemas, mapping, the audit log, messages on stderr. */
    static DecantConfig configure(CommonOptions common, PrintWriter err) {
        DecantConfig config = Decant.configure().environment(Environment.current()).schemas(common.schemas)
                .includeExtensionTables(common.includeExtensionTables).mapping(common.mapping).audit(common.auditLog)
                .messages(m -> {
                    err.println(m);
                    err.flush();
                });
        return common.spec == null ? config : config.spec(common.spec);
    }

    /** A loading command's options, and where its rejects, report and journal go; --truncate-first asks on the terminal. */
    static DecantConfig configure(CommonOptions common, SelectionOptions selection, LoadOptions load, PrintWriter err) {
        return configure(common, err).options(options(selection, load, load.createSchema)).allowEmpty(selection.allowEmpty)
                .rejects(load.onError.equals("reject") ? load.rejects : null).report(load.report)
                .journalSchema(load.journalSchema)
                .confirmTruncate(question -> load.yes || Terminal.confirm(question, "yes"));
    }

    static MigrationOptions options(SelectionOptions sel, LoadOptions load, boolean createSchema) {
        if (load.jobs < 1) {
            throw DecantException.usage("--jobs must be at least 1");
        }
        if (load.resume && load.truncateFirst) {
            throw DecantException.usage("--resume continues a run and --truncate-first starts over: choose one");
        }
        if (!load.onError.equals("fail") && !load.onError.equals("reject")) {
            throw DecantException.usage("--on-error must be fail or reject, not " + load.onError);
        }
        if (load.commitEvery < 0) {
            throw DecantException.usage("--commit-every must be 0 (one transaction per table) or a number of rows");
        }
        if (!load.collation.equals("source") && !load.collation.equals("default")) {
            throw DecantException.usage("--collation must be source or default, not " + load.collation);
        }
        return MigrationOptions.builder().tables(sel.tables).exclude(sel.exclude).createSchema(createSchema)
                .truncateFirst(load.truncateFirst).disableFk(load.disableFk).jobs(load.jobs).resume(load.resume)
                .commitEvery(load.commitEvery).sourceCollation(load.collation.equals("source"))
                .passThrough(!load.noPassThrough).build();
    }

    static int print(PlanView view, CommonOptions common, PrintWriter out) {
        out.print(switch (common.output) {
            case JSON -> Json.write(view) + "\n";
            case MARKDOWN -> PlanMarkdown.render(view);
            case TEXT -> PlanText.render(view);
        });
        out.flush();
        return 0;
    }

    /**
     * Runs and prints the summary. A run that failed part-way or rejected rows prints what it did before
     * the error under text; under --output json the result goes out with the error, as one document.
     *
     * @param report the --report file the run writes, announced on stderr, or null
     */
    static int run(Supplier<MigrationResult> run, CommonOptions common, Path report, PrintWriter out, PrintWriter err) {
        boolean json = common.output == OutputFormat.JSON;
        MigrationResult result;
        try {
            result = run.get();
        } catch (FailedRun failed) {
            if (!json) {
                print((MigrationResult) failed.result(), common, out);
            }
            if (report != null && failed.failure().code() == ErrorCode.ROWS_REJECTED) {
                err.println("report: " + report);
            }
            throw json ? failed : failed.failure();
        }
        print(result, common, out);
        if (report != null) {
            err.println("report: " + report);
        }
        return 0;
    }

    /** A run's progress on stderr, in the mode --progress or DECANT_PROGRESS chooses. */
    static StderrProgress progress(PrintWriter err, ProgressOption option) {
        return new StderrProgress(err, StderrProgress.chosen(option.mode));
    }

    private static void print(MigrationResult result, CommonOptions common, PrintWriter out) {
        out.print(common.output == OutputFormat.JSON ? Json.write(result) + "\n" : ResultView.text(result));
        out.flush();
    }
}
