package io.decant.core.plan;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.SkippedTable;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Table;
import io.decant.core.spec.Spec;
import io.decant.core.spec.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which source tables a run takes: --tables, --exclude and the spec's {@code exclude}. Every table
 * left out is recorded with the reason; a name the source does not have is a problem, with the
 * nearest name the source has.
 */
final class TableSelection {
    private final MigrationOptions options;
    private final Spec spec;

    TableSelection(MigrationOptions options, Spec spec) {
        this.options = options;
        this.spec = spec;
    }

    /** The selected tables of {@code all}, in their order; the others are added to {@code skipped}. */
    List<Table> select(List<Table> all, List<SkippedTable> skipped, PlanProblems problems) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table t : all) {
            byName.put(t.id().display(), t);
        }
        Set<String> only = names("--tables", options.tables(), byName, problems);
        Set<String> excluded = names("--exclude", options.exclude(), byName, problems);
        List<Table> selected = new ArrayList<>();
        for (Table t : all) {
            String name = t.id().display();
            if (excluded.contains(name)) {
                skipped.add(new SkippedTable(name, "excluded"));
            } else if (spec.isExcluded(name)) {
                skipped.add(new SkippedTable(name, "excluded by the spec"));
            } else if (!only.isEmpty() && !only.contains(name)) {
                skipped.add(new SkippedTable(name, "not in --tables"));
            } else {
                selected.add(t);
            }
        }
        return selected;
    }

    private static Set<String> names(String option, List<String> given, Map<String, Table> byName, PlanProblems problems) {
        Set<String> out = new TreeSet<>();
        for (String n : given) {
            Table t = find(byName, n);
            if (t == null) {
                problems.add(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(n),
                        option + " names " + n + ", which the source does not have"
                                + Suggest.hint(n, byName.keySet()) + "; it has " + byName.keySet());
            } else {
                out.add(t.id().display());
            }
        }
        return out;
    }

    private static Table find(Map<String, Table> byName, String name) {
        Table t = byName.get(name);
        if (t != null) {
            return t;
        }
        for (Table c : byName.values()) {
            if (c.name().equals(name) || c.id().display().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }
}
