package io.decant.cli;

import io.decant.core.verify.IntegrityCheck;
import io.decant.core.verify.RowDiff;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.VerifyReport;
import java.util.Locale;

/** The verify report as Markdown for a pull-request comment or a CI step summary; the same record {@link VerifyText} shows. */
final class VerifyMarkdown {
    private VerifyMarkdown() {
    }

    /** @param meta what the verification was made with, as a line under the heading; null for none */
    static String render(VerifyReport r, io.decant.core.api.ReportMeta meta) {
        StringBuilder sb = new StringBuilder();
        sb.append("## decant verify: ").append(lower(r.status())).append("\n\n").append(Markdown.span(r.source()))
                .append(" → ").append(Markdown.span(r.target())).append(r.checksums() ? ", checksums" : ", row counts only")
                .append("\n\n");
        if (meta != null) {
            sb.append(Markdown.text(VerifyText.madeWith(meta))).append("\n\n");
        }
        sb.append("| table | target | source rows | target rows | count | checksum | status |\n")
                .append("|---|---|---:|---:|---|---|---|\n");
        for (TableCheck t : r.tables()) {
            sb.append("| ").append(Markdown.code(t.table())).append(" | ").append(Markdown.code(t.target())).append(" | ")
                    .append(Format.count(t.sourceRows())).append(" | ").append(Format.count(t.targetRows())).append(" | ")
                    .append(lower(t.count())).append(" | ").append(t.checksum() == null ? "-" : lower(t.checksum()))
                    .append(" | ").append(bold(t.status())).append(" |\n");
            if (!t.migrate().isEmpty()) {
                // a row of its own under the counts it explains, in the table's first cell
                sb.append("| ↳ ").append(Markdown.text(String.join("; ",
                        t.migrate().stream().map(io.decant.core.verify.MigrateNote::text).toList())))
                        .append(" | | | | | | |\n");
            }
        }
        StringBuilder notes = new StringBuilder();
        for (TableCheck t : r.tables()) {
            for (RowDiff d : t.differences()) {
                notes.append("- ").append(Markdown.span(t.table())).append(": ").append(Markdown.text(d.kind())).append(' ')
                        .append(Markdown.span(d.key()));
                for (RowDiff.ColumnDiff c : d.columns()) {
                    notes.append("; ").append(Markdown.span(c.column())).append(": ").append(Markdown.span(c.source()))
                            .append(" → ").append(Markdown.span(c.target()));
                }
                notes.append('\n');
            }
            if (t.differingRows() > t.differences().size()) {
                notes.append("- ").append(Markdown.span(t.table())).append(": ")
                        .append(Format.count(t.differingRows() - t.differences().size())).append(" more rows differ\n");
            }
            t.notes().forEach(n -> notes.append("- ").append(Markdown.span(t.table())).append(": ")
                    .append(Markdown.text(n)).append('\n'));
        }
        for (IntegrityCheck c : r.integrity()) {
            if (c.count() > 0) {
                notes.append("- ").append(Markdown.text(c.kind())).append(": ").append(Markdown.text(c.subject())).append(": ")
                        .append(Format.count(c.count())).append(' ').append(lower(c.status()));
                c.examples().forEach(e -> notes.append("; ").append(Markdown.span(e)));
                notes.append('\n');
            }
        }
        if (!notes.isEmpty()) {
            sb.append("\n### Notes\n\n").append(notes);
        }
        long passed = r.integrity().stream().filter(c -> c.count() == 0).count();
        sb.append("\nIntegrity: ").append(passed).append(" of ").append(r.integrity().size()).append(" checks passed\n");
        sb.append("\n**Result: ").append(lower(r.status())).append("**")
                .append(String.format(Locale.ROOT, " (%.2f s)%n", r.seconds()));
        return sb.toString();
    }

    private static String bold(Enum<?> e) {
        return e.name().equals("PASS") ? lower(e) : "**" + lower(e) + "**";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
