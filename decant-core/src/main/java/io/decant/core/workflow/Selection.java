package io.decant.core.workflow;

import io.decant.core.api.MigrationOptions;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.plan.Planner;
import io.decant.core.schema.Table;
import io.decant.core.spec.Spec;
import io.decant.core.spec.Suggest;
import io.decant.core.spi.SourceDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * No empty success: before a command writes anything (an id mapping, a call to an auth API, a
 * table), the tables it would work on are selected, and a selection that matched nothing is a usage
 * error (exit 2) naming what matched nothing: a schema the source does not have, a --tables or
 * --exclude name (by {@link Planner#selectTables}), or a source with no table left. {@code
 * --allow-empty} lets an empty selection through for the rare run where nothing is the right answer;
 * a name that does not exist stays an error.
 */
public final class Selection {
    private Selection() {
    }

    /**
     * @param verb what the command would do with the tables ("migrate", "export", "verify"), for the message
     * @return the selected source tables
     */
    public static List<Table> check(SourceDatabase source, List<String> schemas, MigrationOptions options, Spec spec,
                             boolean allowEmpty, String verb) {
        List<Table> all = source.tables();
        List<String> known = schemas.isEmpty() ? List.of() : source.schemaNames();
        List<String> unknown = new ArrayList<>();
        for (String s : schemas) {
            if (!known.isEmpty() && !known.contains(s)) {
                unknown.add("--schemas names " + s + ", which " + source.displayUrl() + " does not have"
                        + Suggest.hint(s, known) + "; it has " + known);
            }
        }
        if (!unknown.isEmpty()) {
            throw new DecantException(ErrorCode.NOTHING_SELECTED, ErrorContext.EMPTY.withPhase("select"),
                    String.join("\n  ", unknown));
        }
        List<Table> selected = new Planner(options, spec).selectTables(all);
        if (selected.isEmpty() && !allowEmpty) {
            String where = source.displayUrl() + (schemas.isEmpty() ? "" : " (schemas " + String.join(", ", schemas) + ")");
            String why = all.isEmpty()
                    ? "the source " + where + " has no tables"
                    : "no table of " + where + " is left: " + leftOut(options, spec, all) + " leave none of "
                            + all.stream().map(t -> t.id().display()).toList();
            throw new DecantException(ErrorCode.NOTHING_SELECTED, ErrorContext.EMPTY.withPhase("select"), why
                    + ", so there is nothing to " + verb + "; check the source and the selection, or add --allow-empty "
                    + "if a run over no table is what you want");
        }
        return selected;
    }

    /**
     * The tables {@code options} and the spec's {@code exclude} leave in, by an export folder's manifest key
     * ({@code schema.table}) or name, for {@link io.decant.core.spi.SourceDatabase#checkFiles}.
     */
    public static java.util.function.Predicate<String> byKey(MigrationOptions options, Spec spec) {
        return key -> {
            String name = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
            if (spec.isExcluded(key) || named(options.exclude(), key, name)) {
                return false;
            }
            return options.tables().isEmpty() || named(options.tables(), key, name);
        };
    }

    private static boolean named(List<String> given, String key, String name) {
        for (String g : given) {
            String l = g.toLowerCase(java.util.Locale.ROOT);
            if (l.equals(key.toLowerCase(java.util.Locale.ROOT)) || l.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String leftOut(MigrationOptions options, Spec spec, List<Table> all) {
        List<String> by = new ArrayList<>();
        if (!options.tables().isEmpty()) {
            by.add("--tables " + String.join(",", options.tables()));
        }
        if (!options.exclude().isEmpty()) {
            by.add("--exclude " + String.join(",", options.exclude()));
        }
        if (all.stream().anyMatch(t -> spec.isExcluded(t.id().display()))) {
            by.add("the spec's exclude");
        }
        return String.join(", ", by);
    }
}
