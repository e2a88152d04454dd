package io.decant.cli;

import io.decant.core.api.ReportMeta;
import io.decant.core.verify.IntegrityCheck;
import io.decant.core.verify.RowDiff;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.VerifyReport;
import java.util.Locale;

/** The verify report as text for a terminal. */
final class VerifyText {
    private VerifyText() {
    }

    static String render(VerifyReport r) {
        return render(r, null);
    }

    /** @param meta what the verification was made with, shown under its first line; null for none */
    static String render(VerifyReport r, ReportMeta meta) {
        StringBuilder sb = new StringBuilder();
        sb.append("Verify: ").append(r.source()).append(" -> ").append(r.target()).append('\n');
        if (meta != null) {
            sb.append(madeWith(meta)).append('\n');
        }
        int w = Math.max(5, r.tables().stream().mapToInt(t -> t.table().length()).max().orElse(5));
        sb.append(Format.pad("table", w)).append(String.format(Locale.ROOT, "  %12s  %12s  %-8s  %-8s  %s%n",
                "source", "target", "count", "checksum", "status"));
        for (TableCheck t : r.tables()) {
            sb.append(Format.pad(t.table(), w)).append(String.format(Locale.ROOT, "  %12s  %12s  %-8s  %-8s  %s%n",
                    Format.count(t.sourceRows()), Format.count(t.targetRows()), lower(t.count()),
                    t.checksum() == null ? "-" : lower(t.checksum()), lower(t.status())));
            // next to the counts they explain, before the rows that differ
            t.migrate().forEach(n -> sb.append("    migrate: ").append(n.text()).append('\n'));
            for (RowDiff d : t.differences()) {
                sb.append("    ").append(d.kind()).append(' ').append(d.key()).append('\n');
                for (RowDiff.ColumnDiff c : d.columns()) {
                    sb.append("      ").append(c.column()).append(": ").append(c.source()).append(" -> ")
                            .append(c.target()).append('\n');
                }
            }
            if (t.differingRows() > t.differences().size()) {
                sb.append("    ... ").append(t.differingRows() - t.differences().size()).append(" more rows differ\n");
            }
            t.notes().forEach(n -> sb.append("    note: ").append(n).append('\n'));
        }
        for (IntegrityCheck c : r.integrity()) {
            if (c.count() > 0) {
                sb.append(c.kind()).append(": ").append(c.subject()).append(": ").append(Format.count(c.count()))
                        .append(" ").append(lower(c.status())).append('\n');
                c.examples().forEach(e -> sb.append("    ").append(e).append('\n'));
            }
        }
        long passed = r.integrity().stream().filter(c -> c.count() == 0).count();
        sb.append("integrity: ").append(passed).append(" of ").append(r.integrity().size()).append(" checks passed\n");
        sb.append("result: ").append(lower(r.status())).append(String.format(Locale.ROOT, " (%.2f s)%n", r.seconds()));
        return sb.toString();
    }

    /** "decant 0.1.0, 2026-12-06T22:00:00Z, spec sha256:..., id mapping id-mapping.json": as the report files record it. */
    static String madeWith(ReportMeta m) {
        return "decant " + m.version() + ", " + m.time() + ", " + (m.specHash() == null ? "no spec" : "spec " + m.specHash())
                + (m.mapping() == null ? "" : ", id mapping " + m.mapping());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
