package io.decant.cli;

import io.decant.core.engine.MigrationOptions;
import io.decant.core.engine.MigrationPlan;
import io.decant.core.engine.Planner;
import io.decant.core.engine.RunIds;
import io.decant.core.engine.Sampler;
import io.decant.core.error.DecantException;
import io.decant.core.spec.Spec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code plan --sample}: the plan's conversions run over real rows, every failing value listed. */
final class SampleView {
    private SampleView() {
    }

    record Report(String source, String target, long perTable, List<Sampler.TableSample> tables, long failures) {
    }

    static int run(SourceDatabase source, TargetDatabase target, MigrationOptions options, Spec spec, RunIds ids,
                   String sample, CommonOptions common, PrintWriter out) {
        long limit;
        if (sample.equalsIgnoreCase("all")) {
            limit = Long.MAX_VALUE;
        } else {
            try {
                limit = Long.parseLong(sample);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw DecantException.usage("--sample takes a positive number of rows or 'all', not " + sample);
            }
        }
        MigrationPlan plan = new Planner(options, spec, ids).plan(source, target);
        List<Sampler.TableSample> tables = Sampler.run(plan, source, limit);
        long failures = tables.stream().mapToLong(Sampler.TableSample::failures).sum();
        Report r = new Report(plan.source(), plan.target(), limit, tables, failures);
        if (common.output == OutputFormat.JSON) {
            out.println(Json.write(r));
        } else {
            out.println("Sample: " + (limit == Long.MAX_VALUE ? "every row" : Format.count(limit) + " rows per table")
                    + " of " + plan.source() + " through the plan");
            for (Sampler.TableSample t : tables) {
                out.println(String.format(Locale.ROOT, "  %s: %s rows, %s failing value(s)%s", t.table(),
                        Format.count(t.rowsSampled()), Format.count(t.failures()),
                        t.stoppedBy() == null ? "" : " (" + t.stoppedBy() + ")"));
                for (Sampler.Failure f : t.examples()) {
                    out.println("    row " + f.row() + (f.key() == null ? "" : " (" + f.key() + ")") + " " + f.column()
                            + " = " + f.value() + ": " + f.message() + " [" + f.code() + "; rule: " + f.rule() + "]");
                }
            }
            out.println(failures == 0 ? "result: every sampled value converts" : "result: " + Format.count(failures)
                    + " value(s) would fail; fix the data or the spec before migrating");
        }
        out.flush();
        return failures == 0 ? 0 : 3;
    }
}
