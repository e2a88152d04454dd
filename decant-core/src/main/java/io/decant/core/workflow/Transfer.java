package io.decant.core.workflow;

import io.decant.core.api.AuditSink;
import io.decant.core.api.FailedRun;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.PlanView;
import io.decant.core.api.ProgressListener;
import io.decant.core.api.ResultJson;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.plan.TablePlan;
import io.decant.core.run.Migrator;
import io.decant.core.run.RunIds;
import io.decant.core.spec.Spec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.nio.file.Path;
import java.util.Map;

/** What migrate, export and import share once their endpoints are open: plan, then show the plan or run it. */
public final class Transfer {
    private Transfer() {
    }

    /**
     * Plans the run with {@code ids} and throws what the plan refuses, writing nothing: called with
     * the mappings before they are built, so that a refused run has created no user and no file.
     */
    public static void check(SourceDatabase source, TargetDatabase target, MigrationOptions options, Spec spec, RunIds ids) {
        if (target == null) {
            new Planner(options, spec, ids).plan(source);
        } else {
            new Planner(options, spec, ids).plan(source, target);
        }
    }

    /** The dry run: the plan as shown, with each table's row count; recorded as a {@code plan} event. */
    public static PlanView plan(SourceDatabase source, TargetDatabase target, MigrationOptions options, Spec spec,
                                RunIds ids, AuditSink audit) {
        MigrationPlan plan = new Planner(options, spec, ids).plan(source, target);
        PlanView view = PlanView.of(plan, tp -> source.countRows(tp.source()),
                tp -> Migrator.chunkNote(tp, options, source, target));
        if (audit != null) {
            audit.event("plan", Map.of("source", plan.source(), "target", String.valueOf(plan.target()),
                    "tables", plan.tables().stream().map(TablePlan::name).toList(), "skipped", plan.skipped().size()));
        }
        return view;
    }

    /**
     * Plans and runs. A run that fails part-way, or that rejected rows, throws {@link FailedRun} with
     * the result so far; the report (when asked) and the audit's {@code run-end} are written either way.
     *
     * @param report where to write the result as JSON (owner-only), or null
     */
    public static MigrationResult run(SourceDatabase source, TargetDatabase target, MigrationOptions options, Spec spec,
                                      RunIds ids, ProgressListener listener, AuditSink audit, Path report) {
        MigrationPlan plan = new Planner(options, spec, ids).plan(source, target);
        ProgressListener progress = listener;
        if (audit != null) {
            progress = AuditLog.listener(audit, progress);
            audit.event("run-start", Map.of("source", plan.source(), "target", String.valueOf(plan.target()),
                    "tables", plan.tables().size()));
        }
        MigrationResult result;
        try {
            result = new Migrator(options, progress).run(plan, source, target);
        } catch (Migrator.RunFailed failed) {
            if (report != null) {
                ReportFiles.writeOwnerOnly(report, ResultJson.write(failed.result()) + "\n");
            }
            if (audit != null) {
                audit.event("run-end", Map.of("status", "failed", "error", failed.failure().getMessage(),
                        "exit", failed.failure().exitCode()));
            }
            throw new FailedRun(failed.failure(), failed.result());
        } finally {
            if (options.rejects() instanceof RejectFiles r) {
                r.close();
            }
        }
        long rejected = options.rejects() instanceof RejectFiles r ? r.total() : 0;
        if (report != null) {
            ReportFiles.writeOwnerOnly(report, ResultJson.write(result) + "\n");
        }
        if (audit != null) {
            audit.event("run-end", Map.of("status", rejected > 0 ? "rejected rows" : "ok", "rows", result.rows(),
                    "rejected", rejected, "seconds", result.seconds()));
        }
        if (rejected > 0) {
            throw new FailedRun(new DecantException(ErrorCode.ROWS_REJECTED, rejected + " row(s) were rejected and not"
                    + " loaded; each is in " + ((RejectFiles) options.rejects()).dir() + "/<table>.jsonl with its reason"),
                    result);
        }
        return result;
    }
}
