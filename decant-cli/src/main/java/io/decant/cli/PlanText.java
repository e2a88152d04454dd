package io.decant.cli;

import io.decant.core.api.PlanView;
import io.decant.core.api.PlanView.ColumnView;
import io.decant.core.api.PlanView.TableView;
import io.decant.core.api.SkippedTable;
import java.util.Locale;

/** A plan as text, as {@code plan} and a dry run print it. */
final class PlanText {
    private PlanText() {
    }

    static String render(PlanView v) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan: ").append(v.source()).append(v.target() == null ? "" : " -> " + v.target()).append('\n');
        sb.append("Source consistency: ").append(v.consistency()).append('\n');
        sb.append("Load order (").append(v.tables().size()).append(v.tables().size() == 1 ? " table" : " tables").append("):\n");
        for (TableView t : v.tables()) {
            sb.append(String.format(Locale.ROOT, "%3d. %s", t.order(), t.name()));
            if (t.target() != null && !t.target().equals(t.name())) {
                sb.append(" -> ").append(t.target());
            }
            sb.append("  ").append(Format.count(t.rows())).append(t.rows() == 1 ? " row" : " rows");
            if (t.create()) {
                sb.append("  [create]");
            }
            if (t.cycleGroup() != null) {
                sb.append("  [fk cycle ").append(t.cycleGroup()).append(']');
            }
            sb.append('\n');
            int w = t.columns().stream().mapToInt(c -> c.name().length()).max().orElse(4);
            for (ColumnView c : t.columns()) {
                sb.append("       ").append(Format.pad(c.name(), w)).append("  ").append(c.sourceType())
                        .append(" -> ").append(c.logicalType());
                if (c.targetType() != null) {
                    sb.append(" -> ").append(c.targetType());
                    if (!c.target().equals(c.name())) {
                        sb.append(" as ").append(c.target());
                    }
                }
                if (!c.cast().equals("as is")) {
                    sb.append("   [").append(c.cast()).append(']');
                }
                sb.append('\n');
            }
            for (String c : t.creates()) {
                sb.append("       creates: ").append(c).append('\n');
            }
            for (String n : t.notes()) {
                sb.append("       note: ").append(n).append('\n');
            }
            if (!t.unique().isEmpty()) {
                sb.append("       unique (checked by verify): ").append(t.unique().stream()
                        .map(k -> k.size() == 1 ? k.get(0) : "(" + String.join(", ", k) + ")")
                        .collect(java.util.stream.Collectors.joining(", "))).append('\n');
            }
        }
        for (SkippedTable s : v.skipped()) {
            sb.append("skipped: ").append(s.table()).append(" (").append(s.reason()).append(")\n");
        }
        for (String n : v.notes()) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString();
    }
}
