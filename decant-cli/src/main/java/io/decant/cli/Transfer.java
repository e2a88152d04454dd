package io.decant.cli;

import io.decant.core.engine.MigrationOptions;
import io.decant.core.engine.MigrationPlan;
import io.decant.core.engine.MigrationResult;
import io.decant.core.engine.Migrator;
import io.decant.core.engine.Planner;
import io.decant.core.engine.TablePlan;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.io.PrintWriter;

/** What migrate, export, import and demo share: plan, confirm, run, print the summary. */
final class Transfer {
    private Transfer() {
    }

    static MigrationOptions options(SelectionOptions sel, LoadOptions load, boolean createSchema,
                                    io.decant.core.spec.Spec spec) {
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
        return new MigrationOptions(sel.tables, sel.exclude, createSchema, load.truncateFirst, load.disableFk, load.jobs,
                1000, spec.zone(), load.resume && createSchema, load.resume,
                load.onError.equals("reject") ? new RejectFiles(load.rejects, load.resume) : null, load.commitEvery,
                load.collation.equals("source"),
                // DECANT_JAVA_OPTS=-Ddecant.passthrough=false reads every row as values (docs/benchmarks.md: pg.decant_values);
                // read here, not in core, so that a library caller sets MigrationOptions.passThrough instead.
                !"false".equals(System.getProperty("decant.passthrough")));
    }

    static void confirmTruncate(LoadOptions load, String target) {
        if (!load.truncateFirst || load.yes || load.dryRun) {
            return;
        }
        if (!Terminal.confirm("--truncate-first will DELETE every row of the planned tables in " + target + ".", "yes")) {
            throw new DecantException(ErrorCode.CONFIRMATION_REQUIRED,
                    "--truncate-first deletes data in the target: add --yes to confirm (no terminal to ask at)");
        }
    }

    /**
     * Plans the run with {@code ids} and throws what the plan refuses, writing nothing: called with
     * the mappings before they are built, so that a refused run has created no user and no file.
     */
    static void check(SourceDatabase source, TargetDatabase target, MigrationOptions options, io.decant.core.spec.Spec spec,
                      io.decant.core.engine.RunIds ids) {
        if (target == null) {
            new Planner(options, spec, ids).plan(source);
        } else {
            new Planner(options, spec, ids).plan(source, target);
        }
    }

    /** Plans and (unless dry run) runs; prints the plan or the summary on {@code out}. Returns the exit code. */
    static int run(SourceDatabase source, TargetDatabase target, MigrationOptions options, io.decant.core.spec.Spec spec,
                   io.decant.core.engine.RunIds ids, boolean dryRun, CommonOptions common, PrintWriter out, PrintWriter err) {
        return run(source, target, options, spec, ids, dryRun, common, null, out, err);
    }

    /** @param report where to write the result as JSON, or null */
    static int run(SourceDatabase source, TargetDatabase target, MigrationOptions options, io.decant.core.spec.Spec spec,
                   io.decant.core.engine.RunIds ids, boolean dryRun, CommonOptions common, java.nio.file.Path report,
                   PrintWriter out, PrintWriter err) {
        MigrationPlan plan = new Planner(options, spec, ids).plan(source, target);
        if (dryRun) {
            PlanView view = PlanView.of(plan, tp -> rows(source, tp), tp -> Migrator.chunkNote(tp, options, source, target));
            AuditLog audit = AuditLog.of(common);
            if (audit != null) {
                audit.event("plan", java.util.Map.of("source", plan.source(), "target", String.valueOf(plan.target()),
                        "tables", plan.tables().stream().map(TablePlan::name).toList(), "skipped", plan.skipped().size()));
            }
            out.print(switch (common.output) {
                case JSON -> Json.write(view) + "\n";
                case MARKDOWN -> PlanMarkdown.render(view);
                case TEXT -> view.text();
            });
            out.flush();
            return 0;
        }
        io.decant.core.engine.ProgressListener progress = new StderrProgress(err, StderrProgress.chosen());
        AuditLog audit = AuditLog.of(common);
        if (audit != null) {
            progress = audit.listener(progress);
            audit.event("run-start", java.util.Map.of("source", plan.source(), "target", String.valueOf(plan.target()),
                    "tables", plan.tables().size()));
        }
        boolean json = common.output == OutputFormat.JSON;
        MigrationResult result;
        try {
            result = new Migrator(options, progress).run(plan, source, target);
        } catch (Migrator.RunFailed failed) {
            if (!json) {
                print(failed.result(), common, out);
            }
            if (report != null) {
                ReportFiles.writeOwnerOnly(report, Json.write(failed.result()) + "\n");
            }
            if (audit != null) {
                audit.event("run-end", java.util.Map.of("status", "failed", "error", failed.failure().getMessage(),
                        "exit", failed.failure().exitCode()));
            }
            // under --output json the result goes out with the error, as one document
            throw json ? new Failed(failed.failure(), failed.result()) : failed.failure();
        } finally {
            if (options.rejects() instanceof RejectFiles r) {
                r.close();
            }
        }
        long rejected = options.rejects() instanceof RejectFiles r ? r.total() : 0;
        if (!json || rejected == 0) {
            print(result, common, out);
        }
        if (report != null) {
            ReportFiles.writeOwnerOnly(report, Json.write(result) + "\n");
            err.println("report: " + report);
        }
        if (audit != null) {
            audit.event("run-end", java.util.Map.of("status", rejected > 0 ? "rejected rows" : "ok", "rows", result.rows(),
                    "rejected", rejected, "seconds", result.seconds()));
        }
        if (rejected > 0) {
            DecantException d = new DecantException(io.decant.core.error.ErrorCode.ROWS_REJECTED, rejected + " row(s) were "
                    + "rejected and not loaded; each is in " + ((RejectFiles) options.rejects()).dir() + "/<table>.jsonl with "
                    + "its reason");
            throw json ? new Failed(d, result) : d;
        }
        return 0;
    }

    static long rows(SourceDatabase source, TablePlan tp) {
        return source.countRows(tp.source());
    }

    private static void print(MigrationResult result, CommonOptions common, PrintWriter out) {
        out.print(common.output == OutputFormat.JSON ? Json.write(result) + "\n" : ResultView.text(result));
        out.flush();
    }
}
