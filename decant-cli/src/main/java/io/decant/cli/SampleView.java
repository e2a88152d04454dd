package io.decant.cli;

import io.decant.core.api.SampleFailure;
import io.decant.core.api.SampleReport;
import io.decant.core.api.TableSample;
import io.decant.core.error.DecantException;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code plan --sample}: the plan's conversions run over real rows, every failing value listed. */
final class SampleView {
    private SampleView() {
    }

    /** {@code --sample N|all} as a number of rows per table. */
    static long limit(String sample) {
        if (sample.equalsIgnoreCase("all")) {
            return Long.MAX_VALUE;
        }
        long limit;
        try {
            limit = Long.parseLong(sample);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1) {
            throw DecantException.usage("--sample takes a positive number of rows or 'all', not " + sample);
        }
        return limit;
    }

    /** Prints the sample; exit 3 when a value would fail. */
    static int print(SampleReport r, CommonOptions common, PrintWriter out) {
        if (common.output == OutputFormat.JSON) {
            out.println(Json.write(r));
        } else {
            out.println("Sample: " + (r.perTable() == Long.MAX_VALUE ? "every row" : Format.count(r.perTable())
                    + " rows per table") + " of " + r.source() + " through the plan");
            for (TableSample t : r.tables()) {
                out.println(String.format(Locale.ROOT, "  %s: %s rows, %s failing value(s)%s", t.table(),
                        Format.count(t.rowsSampled()), Format.count(t.failures()),
                        t.stoppedBy() == null ? "" : " (" + t.stoppedBy() + ")"));
                for (SampleFailure f : t.examples()) {
                    out.println("    row " + f.row() + (f.key() == null ? "" : " (" + f.key() + ")") + " " + f.column()
                            + " = " + f.value() + ": " + f.message() + " [" + f.code() + "; rule: " + f.rule() + "]");
                }
            }
            out.println(r.failures() == 0 ? "result: every sampled value converts" : "result: "
                    + Format.count(r.failures()) + " value(s) would fail; fix the data or the spec before migrating");
        }
        out.flush();
        return r.failures() == 0 ? 0 : 3;
    }
}
