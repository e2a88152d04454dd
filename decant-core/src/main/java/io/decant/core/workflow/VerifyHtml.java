package io.decant.core.workflow;

import io.decant.core.api.ReportMeta;
import io.decant.core.verify.IntegrityCheck;
import io.decant.core.verify.MigrateNote;
import io.decant.core.verify.RowDiff;
import io.decant.core.verify.Status;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.VerifyReport;
import java.util.Locale;

/**
 * The verify report as one self-contained HTML page: no scripts, fonts or images from anywhere,
 * so it can be mailed or archived. Every value is escaped.
 */
public final class VerifyHtml {
    private VerifyHtml() {
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d2430;max-width:1100px}
            h1{font-size:1.5rem;margin:0 0 .25rem} h2{font-size:1.1rem;margin:2rem 0 .5rem}
            .meta{color:#5b6472;margin-bottom:1rem}
            .badge{display:inline-block;padding:.15rem .6rem;border-radius:1rem;font-weight:600;font-size:.85rem}
            .pass{background:#e3f6e8;color:#17612e} .warn{background:#fff4d6;color:#7a5300} .fail{background:#fde4e4;color:#a11d1d}
            table{border-collapse:collapse;width:100%;margin:.5rem 0} th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #e6e8ec}
            th{background:#f5f6f8;font-weight:600} td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.failrow td{background:#fff5f5} code{font:12px ui-monospace,monospace;background:#f5f6f8;padding:.05rem .25rem;border-radius:3px}
            .bar{height:.6rem;border-radius:.3rem;background:#7aa7e0;display:block;margin:.1rem 0} .bar.t{background:#9bd0a5}
            tr.migrate td{color:#5b6472;font-size:.9rem;border-bottom:none;padding-top:0}
            .chart td{border:none;padding:.15rem .6rem} .legend span{margin-right:1rem}
            """;

    public static String render(VerifyReport r, ReportMeta meta) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>decant verification report</title>")
                .append("<style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>Verification report ").append(badge(r.status())).append("</h1>");
        h.append("<div class=\"meta\">").append(esc(r.source())).append(" &rarr; ").append(esc(r.target()))
                .append(String.format(Locale.ROOT, " &middot; %.2f s", r.seconds()))
                .append(r.checksums() ? " &middot; checksums" : " &middot; row counts only").append("</div>");
        h.append("<div class=\"meta\">decant ").append(esc(meta.version())).append(" &middot; ").append(esc(meta.time()))
                .append(meta.specHash() == null ? " &middot; no spec" : " &middot; spec <code>" + esc(meta.specHash()) + "</code>")
                .append(meta.mapping() == null ? "" : " &middot; id mapping <code>" + esc(meta.mapping()) + "</code>")
                .append("</div>");
        chart(h, r);
        h.append("<h2>Tables</h2><table><tr><th>table</th><th>target</th><th>source rows</th><th>target rows</th>")
                .append("<th>count</th><th>checksum</th><th>status</th></tr>");
        for (TableCheck t : r.tables()) {
            h.append(t.status() == Status.FAIL ? "<tr class=\"failrow\">" : "<tr>")
                    .append("<td>").append(esc(t.table())).append("</td><td>").append(esc(t.target())).append("</td>")
                    .append("<td class=\"num\">").append(count(t.sourceRows())).append("</td>")
                    .append("<td class=\"num\">").append(count(t.targetRows())).append("</td>")
                    .append("<td>").append(badge(t.count())).append("</td><td>")
                    .append(t.checksum() == null ? "&ndash;" : badge(t.checksum())).append("</td><td>")
                    .append(badge(t.status())).append("</td></tr>");
            for (MigrateNote n : t.migrate()) {
                // under the counts it explains
                h.append("<tr class=\"migrate\"><td></td><td colspan=\"6\">migrate: ").append(esc(n.text()))
                        .append("</td></tr>");
            }
            for (String n : t.notes()) {
                h.append("<tr class=\"migrate\"><td></td><td colspan=\"6\">note: ").append(esc(n)).append("</td></tr>");
            }
        }
        h.append("</table>");
        for (TableCheck t : r.tables()) {
            if (t.differences().isEmpty()) {
                continue;
            }
            h.append("<h2>Rows that differ in ").append(esc(t.table())).append(" (").append(count(t.differingRows()))
                    .append(")</h2><table><tr><th>kind</th><th>key</th><th>column</th><th>source</th><th>target</th></tr>");
            for (RowDiff d : t.differences()) {
                if (d.columns().isEmpty()) {
                    h.append("<tr class=\"failrow\"><td>").append(esc(d.kind())).append("</td><td><code>").append(esc(d.key()))
                            .append("</code></td><td colspan=\"3\"></td></tr>");
                }
                for (RowDiff.ColumnDiff c : d.columns()) {
                    h.append("<tr class=\"failrow\"><td>").append(esc(d.kind())).append("</td><td><code>").append(esc(d.key()))
                            .append("</code></td><td>").append(esc(c.column())).append("</td><td><code>").append(esc(c.source()))
                            .append("</code></td><td><code>").append(esc(c.target())).append("</code></td></tr>");
                }
            }
            h.append("</table>");
        }
        h.append("<h2>Integrity of the target</h2><table><tr><th>check</th><th>subject</th><th>found</th><th>status</th>")
                .append("<th>examples</th></tr>");
        for (IntegrityCheck c : r.integrity()) {
            h.append(c.status() == Status.FAIL ? "<tr class=\"failrow\">" : "<tr>").append("<td>").append(esc(c.kind()))
                    .append("</td><td>").append(esc(c.subject())).append("<br><code>").append(esc(c.sql())).append("</code></td>")
                    .append("<td class=\"num\">").append(count(c.count())).append("</td><td>").append(badge(c.status()))
                    .append("</td><td>").append(esc(String.join("; ", c.examples()))).append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }

    private static void chart(StringBuilder h, VerifyReport r) {
        long max = 1;
        for (TableCheck t : r.tables()) {
            max = Math.max(max, Math.max(t.sourceRows(), t.targetRows()));
        }
        h.append("<h2>Row counts</h2><div class=\"legend\"><span><span class=\"bar\" style=\"width:2rem;display:inline-block\">")
                .append("</span> source</span><span><span class=\"bar t\" style=\"width:2rem;display:inline-block\"></span> target")
                .append("</span></div><table class=\"chart\">");
        for (TableCheck t : r.tables()) {
            h.append("<tr><td>").append(esc(t.table())).append("</td><td style=\"width:70%\">")
                    .append("<span class=\"bar\" style=\"width:").append(pct(t.sourceRows(), max)).append("%\"></span>")
                    .append("<span class=\"bar t\" style=\"width:").append(pct(t.targetRows(), max)).append("%\"></span>")
                    .append("</td><td class=\"num\">").append(count(t.sourceRows())).append(" / ")
                    .append(count(t.targetRows())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String pct(long v, long max) {
        return String.format(Locale.ROOT, "%.1f", v == 0 ? 0.0 : Math.max(0.5, 100.0 * v / max));
    }

    private static String badge(Status s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return "<span class=\"badge " + n + "\">" + n + "</span>";
    }

    public static String esc(String s) {
        return io.decant.core.util.Html.escape(s);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
