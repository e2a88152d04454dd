package io.decant.cli;

import io.decant.core.api.MigrationResult;
import io.decant.core.api.TableResult;
import java.util.Locale;

/** The summary table printed at the end of migrate, export and import. */
final class ResultView {
    private ResultView() {
    }

    static String text(MigrationResult r) {
        int w = Math.max(5, r.tables().stream().mapToInt(t -> t.source().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder();
        sb.append(Format.pad("table", w)).append(String.format(Locale.ROOT, "  %12s  %10s  %8s  %10s  %s%n",
                "rows", "bytes", "seconds", "rows/s", "status"));
        for (TableResult t : r.tables()) {
            sb.append(Format.pad(t.source(), w)).append(String.format(Locale.ROOT, "  %12s  %10s  %8.2f  %10s  %s%n",
                    Format.count(t.rows()), Format.bytes(t.bytes()), t.seconds(), Format.count((long) t.rowsPerSecond()),
                    t.status().name().toLowerCase(Locale.ROOT)));
        }
        long bytes = r.tables().stream().mapToLong(TableResult::bytes).sum();
        sb.append(Format.pad("total", w)).append(String.format(Locale.ROOT, "  %12s  %10s  %8.2f  %10s  %s%n",
                Format.count(r.rows()), Format.bytes(bytes), r.seconds(),
                Format.count((long) (r.rows() / Math.max(r.seconds(), 1e-9))), r.ok() ? "ok" : "failed"));
        io.decant.core.api.Phases p = r.phases();
        if (p.keys() + p.indexes() + p.foreignKeys() > 0) {
            // work seconds summed over the tables: with tables and indexes built at once, more than the wall clock
            sb.append(String.format(Locale.ROOT, "phases: load %.2f s, keys %.2f s, indexes %.2f s, foreign keys %.2f s"
                    + " (summed over tables)%n", p.load(), p.keys(), p.indexes(), p.foreignKeys()));
        }
        for (TableResult t : r.tables()) {
            for (String n : t.notes()) {
                sb.append("note: ").append(t.source()).append(": ").append(n).append('\n');
            }
        }
        for (String n : r.notes()) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString();
    }
}
