package io.decant.core.plan;

import io.decant.core.api.SkippedTable;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.TableId;
import io.decant.core.spec.Spec;
import io.decant.core.spi.SourceDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which shaped tables receive rows, and which tables merge into them: a table with {@code into} and
 * {@code key} merges its columns into another migrated table; with {@code keep} it is split, its kept
 * columns staying in a table of its own.
 */
final class Merges {
    private final Spec spec;
    private final Map<String, Shaper.Shaped> receivers = new LinkedHashMap<>();
    private final List<Shaper.Shaped> merged = new ArrayList<>();
    private final Map<String, List<MergePart>> parts = new LinkedHashMap<>();

    Merges(Spec spec) {
        this.spec = spec;
    }

    /** Adds a shaped table, in source order: a receiver, a merged table, or both (split). */
    void add(Shaper.Shaped shaped) {
        if (shaped.tableSpec().isMerge()) {
            merged.add(shaped);
            if (!shaped.tableSpec().keep().isEmpty()) {
                Shaper.Shaped kept = keptPart(shaped);
                receivers.put(qualified(kept), kept);
            }
        } else {
            receivers.put(qualified(shaped), shaped);
        }
    }

    /**
     * Gives every merged table to its receiver, once all tables were added; a merged table that is not
     * also kept is recorded as skipped, and one whose receiver is not migrated is a problem.
     */
    void attach(SourceDatabase source, List<SkippedTable> skipped, PlanProblems problems) {
        for (Shaper.Shaped m : merged) {
            String schema = m.source().id().schema();
            Shaper.Shaped receiver = receivers.get(schema == null ? m.tableSpec().into() : schema + "." + m.tableSpec().into());
            if (receiver == null) {
                receiver = receivers.get(m.tableSpec().into());
            }
            if (receiver == null) {
                problems.add(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withTable(m.source().id().display())
                        .withLocation(spec.locate("tables." + m.source().id().display() + ".into").toString()),
                        "merges into " + m.tableSpec().into() + ", but no migrated source table becomes "
                                + m.tableSpec().into());
                continue;
            }
            parts.computeIfAbsent(qualified(receiver), k -> new ArrayList<>()).add(new MergePart(m, source));
            if (m.tableSpec().keep().isEmpty()) {
                skipped.add(new SkippedTable(m.source().id().display(), "merged into " + receiver.targetName()
                        + " by " + String.join(", ", m.tableSpec().key())));
            }
        }
    }

    /** The tables that receive rows, in source order. */
    Collection<Shaper.Shaped> receivers() {
        return receivers.values();
    }

    /** The tables merged into {@code receiver}. */
    List<MergePart> into(Shaper.Shaped receiver) {
        return parts.getOrDefault(qualified(receiver), List.of());
    }

    /** What a receiving table reports after its load: merged rows that found no row of it. */
    static TablePlan.Finisher finisher(List<MergePart> merges, TableId targetId) {
        if (merges.isEmpty()) {
            return null;
        }
        return new TablePlan.Finisher() {
            @Override
            public List<String> finish() {
                List<String> out = new ArrayList<>();
                for (MergePart m : merges) {
                    long unclaimed = m.index().unclaimed();
                    if (unclaimed > 0) {
                        out.add(unclaimed + " rows of " + m.index().tableName() + " found no row in " + targetId.display()
                                + " to merge into: " + (m.shaped().tableSpec().keep().isEmpty() ? "they were not migrated"
                                : "their merged columns " + m.columnNames() + " were not migrated (their kept columns were)"));
                    }
                }
                return out;
            }

            @Override
            public java.util.Map<String, Long> unmatched() {
                java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
                for (MergePart m : merges) {
                    if (m.index().unclaimed() > 0) {
                        out.merge(m.index().tableName(), m.index().unclaimed(), Long::sum);
                    }
                }
                return out;
            }
        };
    }

    /** A shaped table's target name within its source schema: auth.users and users are two receivers. */
    private static String qualified(Shaper.Shaped s) {
        String schema = s.source().id().schema();
        return schema == null ? s.targetName() : schema + "." + s.targetName();
    }

    /** A split table's own part: its key and the columns it keeps, under its own (naming-converted) name. */
    private Shaper.Shaped keptPart(Shaper.Shaped s) {
        var ts = s.tableSpec();
        List<ShapedColumn> cols = s.columns().stream().filter(c -> c.source() != null
                && (ts.key().contains(c.source().name()) || ts.keep().contains(c.source().name()))).toList();
        return new Shaper.Shaped(s.source(), ts.kept(), spec.naming().apply(s.source().name()), s.read(), cols, s.filter(),
                s.filterText(), List.of("split: " + ts.key() + " and " + ts.keep() + " stay here, the other columns merge"
                        + " into " + ts.into()));
    }
}
