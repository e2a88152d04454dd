package io.decant.cli.matrix;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects each cell's outcome and prints the matrix at the end. */
final class MatrixReport {
    enum Outcome { PASS, EXPECTED_ERROR, KNOWN_BUG, FAIL, SKIPPED }

    record Entry(Side from, Side to, String table, Outcome outcome, String detail) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void record(Side from, Side to, String table, Outcome outcome, String detail) {
        entries.add(new Entry(from, to, table, outcome, detail));
    }

    void print(PrintStream out, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n=== decant type round-trip matrix (").append(String.format(Locale.ROOT, "%.1f", seconds))
                .append(" s): pass / expected-error / known-bug / FAIL / skipped per source -> target\n");
        sb.append(String.format(Locale.ROOT, "%-10s", "from\\to"));
        for (Side to : Side.values()) {
            sb.append(String.format(Locale.ROOT, "%-18s", to.shortName()));
        }
        sb.append('\n');
        for (Side from : Side.values()) {
            sb.append(String.format(Locale.ROOT, "%-10s", from.shortName()));
            for (Side to : Side.values()) {
                int[] n = new int[Outcome.values().length];
                for (Entry e : entries) {
                    if (e.from == from && e.to == to) {
                        n[e.outcome.ordinal()]++;
                    }
                }
                sb.append(String.format(Locale.ROOT, "%-18s", n[0] + "/" + n[1] + "/" + n[2] + "/" + n[3] + "/" + n[4]));
            }
            sb.append('\n');
        }
        List<Entry> notable = new ArrayList<>();
        for (Entry e : entries) {
            if (e.outcome != Outcome.PASS) {
                notable.add(e);
            }
        }
        sb.append("cells (table: outcome):\n");
        for (Side from : Side.values()) {
            for (Side to : Side.values()) {
                StringBuilder line = new StringBuilder();
                for (Entry e : entries) {
                    if (e.from == from && e.to == to) {
                        line.append(' ').append(e.table).append(':').append(e.outcome.name().toLowerCase(Locale.ROOT));
                    }
                }
                if (line.length() > 0) {
                    sb.append(String.format(Locale.ROOT, "  %-8s -> %-8s", from.shortName(), to.shortName())).append(line)
                            .append('\n');
                }
            }
        }
        if (!notable.isEmpty()) {
            sb.append("details:\n");
            for (Entry e : notable) {
                sb.append("  ").append(e.outcome).append(' ').append(e.from.shortName()).append(" -> ").append(e.to.shortName())
                        .append(' ').append(e.table).append(": ").append(e.detail.replace('\n', ' ')).append('\n');
            }
        }
        out.print(sb);
        out.flush();
    }
}
