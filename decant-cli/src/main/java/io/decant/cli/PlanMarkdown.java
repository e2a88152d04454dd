package io.decant.cli;

import io.decant.core.api.PlanView;
import io.decant.core.api.SkippedTable;
import io.decant.core.util.Html;

/**
 * A plan as Markdown for a pull-request comment or a CI step summary: the same {@link PlanView}
 * the text and JSON show, as a table of tables, each table's columns folded under it, then the notes.
 */
final class PlanMarkdown {
    private PlanMarkdown() {
    }

    static String render(PlanView p) {
        StringBuilder sb = new StringBuilder();
        sb.append("## decant plan: ").append(Markdown.span(p.source()))
                .append(p.target() == null ? "" : " → " + Markdown.span(p.target())).append("\n\n");
        sb.append("Source consistency: ").append(Markdown.text(p.consistency())).append("\n\n");
        sb.append("| # | table | target | rows | status |\n|---:|---|---|---:|---|\n");
        long rows = 0;
        for (PlanView.TableView t : p.tables()) {
            rows += t.rows();
            sb.append("| ").append(t.order()).append(" | ").append(Markdown.code(t.name())).append(" | ")
                    .append(Markdown.code(t.target())).append(" | ").append(Format.count(t.rows())).append(" | ")
                    .append(t.create() ? "create" : t.target() == null ? "no target" : "load")
                    .append(t.cycleGroup() == null ? "" : ", fk cycle " + t.cycleGroup()).append(" |\n");
        }
        for (PlanView.TableView t : p.tables()) {
            sb.append("\n<details><summary>").append(Html.escape(t.name())).append(": ").append(t.columns().size())
                    .append(t.columns().size() == 1 ? " column" : " columns").append("</summary>\n\n");
            sb.append("| column | source type | logical | target type | cast |\n|---|---|---|---|---|\n");
            for (PlanView.ColumnView c : t.columns()) {
                sb.append("| ").append(Markdown.code(c.name()))
                        .append(c.target().equals(c.name()) ? "" : " → " + Markdown.code(c.target())).append(" | ")
                        .append(Markdown.code(c.sourceType())).append(" | ").append(Markdown.code(c.logicalType()))
                        .append(" | ").append(Markdown.code(c.targetType())).append(" | ")
                        .append(c.cast().equals("as is") ? "" : Markdown.text(c.cast())).append(" |\n");
            }
            for (String c : t.creates()) {
                sb.append("\ncreates: ").append(Markdown.text(c)).append('\n');
            }
            for (String n : t.notes()) {
                sb.append("\nnote: ").append(Markdown.text(n)).append('\n');
            }
            sb.append("\n</details>\n");
        }
        if (!p.skipped().isEmpty() || !p.notes().isEmpty()) {
            sb.append("\n### Notes\n\n");
            for (SkippedTable s : p.skipped()) {
                sb.append("- skipped ").append(Markdown.span(s.table())).append(": ").append(Markdown.text(s.reason()))
                        .append('\n');
            }
            p.notes().forEach(n -> sb.append("- ").append(Markdown.text(n)).append('\n'));
        }
        sb.append("\n**Result:** ").append(p.tables().size()).append(p.tables().size() == 1 ? " table, " : " tables, ")
                .append(Format.count(rows)).append(rows == 1 ? " row" : " rows").append(" to copy")
                .append(p.skipped().isEmpty() ? "" : ", " + p.skipped().size() + " skipped").append('\n');
        return sb.toString();
    }
}
