package io.decant.core.api;

import io.decant.core.plan.ColumnPlan;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;

/** A plan as users see it: what {@code plan} and a dry run show, as text, JSON or Markdown. Its JSON shape is API. */
public record PlanView(String source, String target, String consistency, List<TableView> tables,
                List<SkippedTable> skipped, List<String> notes) {

    /**
     * @param unique  the keys the spec declares unique in the target (terms per key), which verify checks
     * @param creates the indexes and constraints decant creates on the table, under the names it gives them
     */
    public record TableView(int order, String name, String target, long rows, boolean create, Integer cycleGroup,
                     List<ColumnView> columns, List<String> notes, List<List<String>> unique, List<String> creates) {
    }

    public record ColumnView(String name, String sourceType, String logicalType, String target, String targetType,
                      String targetLogicalType, String cast) {
    }

    public static PlanView of(MigrationPlan plan, java.util.function.ToLongFunction<TablePlan> rows) {
        return of(plan, rows, tp -> null);
    }

    /** @param chunks how a table is committed in chunks, a note for the plan, or null */
    public static PlanView of(MigrationPlan plan, java.util.function.ToLongFunction<TablePlan> rows,
                       java.util.function.Function<TablePlan, String> chunks) {
        List<TableView> tables = new ArrayList<>();
        int order = 0;
        int cycle = 0;
        for (List<TablePlan> group : plan.groups()) {
            Integer groupId = group.size() > 1 ? ++cycle : null;
            for (TablePlan tp : group) {
                List<ColumnView> cols = new ArrayList<>();
                for (ColumnPlan c : tp.columns()) {
                    cols.add(new ColumnView(c.source() == null ? "(computed)" : c.source().name(),
                            c.source() == null ? null : c.source().sourceType(),
                            c.source() == null ? null : c.source().type().toString(),
                            c.target().name(), c.targetType(), c.target().type().toString(),
                            c.describe()));
                }
                List<List<String>> unique = plan.uniquesOf(tp.target().id()).stream()
                        .map(k -> k.terms().stream().map(Object::toString).toList()).toList();
                tables.add(new TableView(++order, tp.name(), plan.target() == null ? null : tp.target().id().display(),
                        rows.applyAsLong(tp), tp.create(), groupId, cols, withNote(tp.notes(), chunks.apply(tp)), unique,
                        tp.create() ? creates(tp.target()) : List.of()));
            }
        }
        return new PlanView(plan.source(), plan.target(), plan.consistency(), tables, plan.skipped(), plan.notes());
    }

    /**
     * {@code unique index users_email_key (email)}, {@code unique constraint t_code_key (code) NULLS NOT DISTINCT
     * DEFERRABLE INITIALLY DEFERRED}, {@code foreign key orders_user_fk (user_id) -> users (id)}.
     */
    private static List<String> creates(io.decant.core.schema.Table t) {
        List<String> out = new ArrayList<>();
        if (!t.primaryKey().isEmpty()) {
            out.add("primary key (" + String.join(", ", t.primaryKey()) + ")");
        }
        for (io.decant.core.schema.Index ix : t.indexes()) {
            // NULLS NOT DISTINCT and a deferral are here only when the target keeps them (CreatedTable notes it otherwise)
            out.add((ix.unique() ? ix.constraint() ? "unique constraint " : "unique index " : "index ")
                    + (ix.name() == null ? "" : ix.name() + " ") + ix.shown()
                    + (ix.unique() && ix.nullsNotDistinct() && ix.definition() == null ? " NULLS NOT DISTINCT" : "")
                    + (ix.deferral() == null ? "" : " " + ix.deferral()));
        }
        for (io.decant.core.schema.ForeignKey fk : t.foreignKeys()) {
            out.add("foreign key " + (fk.name() == null ? "" : fk.name() + " ") + "(" + String.join(", ", fk.columns())
                    + ") -> " + fk.refTable().display() + " (" + String.join(", ", fk.refColumns()) + ")"
                    + action("DELETE", fk.onDelete()) + action("UPDATE", fk.onUpdate())
                    + (!fk.deferrable() ? "" : fk.initiallyDeferred() ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE"));
        }
        return out;
    }

    /** {@code " ON DELETE CASCADE"}, or nothing for no action. */
    private static String action(String event, String action) {
        String a = action == null ? "" : action.strip().toUpperCase(java.util.Locale.ROOT).replace('_', ' ');
        return a.isEmpty() || a.equals("NO ACTION") ? "" : " ON " + event + " " + a;
    }

    private static List<String> withNote(List<String> notes, String note) {
        if (note == null) {
            return notes;
        }
        List<String> out = new ArrayList<>(notes);
        out.add(note);
        return out;
    }
}
