package io.decant.core.plan;

import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.Spec;
import io.decant.core.spec.UniqueKey;
import io.decant.core.type.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys the spec declares that the databases do not: {@code unique} keys and id references, in
 * the target's names, for verify to check.
 */
final class DeclaredKeys {
    private DeclaredKeys() {
    }

    /**
     * The table's {@code unique} keys over the target table's own column names (the spec checked the
     * names against the columns it shapes; a target read back may spell them in its own case). A
     * function needs a text column in the target too.
     */
    static void uniques(Spec spec, Shaper.Shaped s, Table target, PlanProblems problems,
                        List<MigrationPlan.DeclaredUnique> out) {
        for (UniqueKey key : s.tableSpec().unique()) {
            boolean ok = true;
            for (UniqueKey.Term term : key.terms()) {
                ErrorContext where = ErrorContext.EMPTY.withPhase("plan").withTable(s.source().id().display())
                        .withLocation(spec.locate(term.path()).toString());
                Optional<Column> c = TargetColumns.exactOrFolded(target, term.column());
                if (c.isEmpty()) {
                    problems.add(ErrorCode.SPEC_INVALID, where, "unique " + key + ": target table " + target.id().display()
                            + " has no column " + term.column() + "; it has " + target.columnNames());
                    ok = false;
                } else if (!term.functions().isEmpty() && c.get().type().kind() != Kind.TEXT) {
                    problems.add(ErrorCode.SPEC_INVALID, where, "unique " + key + ": " + term.functions().get(0).spelling()
                            + " applies to text, and target column " + c.get().name() + " is " + c.get().type());
                    ok = false;
                }
            }
            if (ok) {
                out.add(new MigrationPlan.DeclaredUnique(target.id(),
                        key.withColumns(n -> TargetColumns.exactOrFolded(target, n).orElseThrow().name())));
            }
        }
    }

    /** The spec's id references in target names, where both tables are migrated and the columns copied. */
    static List<MigrationPlan.DeclaredReference> references(IdRewrites rewrites, MigrationPlan plan) {
        List<MigrationPlan.DeclaredReference> out = new ArrayList<>();
        for (var rc : rewrites.declared()) {
            TablePlan child = plan.tables().stream().filter(t -> t.source().id().equals(rc.table())).findFirst().orElse(null);
            var map = rewrites.map(rc.map());
            TablePlan parent = map == null ? null : plan.tables().stream()
                    .filter(t -> t.source().id().display().equals(map.table())).findFirst().orElse(null);
            if (child == null || parent == null) {
                continue;
            }
            String column = targetName(child, rc.column());
            String refColumn = targetName(parent, map.keyColumn());
            if (column != null && refColumn != null) {
                out.add(new MigrationPlan.DeclaredReference(child.target().id(), column, parent.target().id(), refColumn,
                        rc.why()));
            }
        }
        return out;
    }

    private static String targetName(TablePlan t, String sourceColumn) {
        for (ColumnPlan c : t.columns()) {
            if (c.source() != null && c.source().name().equals(sourceColumn) && c.value() instanceof ValueSource.FromColumn) {
                return c.target().name();
            }
        }
        return null;
    }
}
