package io.decant.core.spec;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Checks a spec against the source's tables, before any row is read: every table, column and key
 * the spec names exists; every expression compiles over the real column types; every cast and
 * default fits the type it will meet; no two names collide after naming; unsupported columns are
 * opted in. Problems carry the spec's YAML path and line, like the loader's.
 */
public final class SpecCheck {
    private final Spec spec;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Problems problems = new Problems();
    /** Per source table checked: the columns of its own target as the spec shapes them, for {@code unique}. */
    private final Map<Table, TableSpecCheck.Shape> shapes = new LinkedHashMap<>();
    /** Source table name -> target table name, for the tables that have a target of their own. */
    private Map<String, String> tableTargets = Map.of();

    private SpecCheck(Spec spec, List<Table> sourceTables) {
        this.spec = spec;
        for (Table t : sourceTables) {
            tables.put(t.id().display(), t);
        }
    }

    /** Every problem, sorted by line; empty when the spec fits the source. */
    public static List<SpecProblem> against(Spec spec, List<Table> sourceTables) {
        SpecCheck c = new SpecCheck(spec, sourceTables);
        c.run();
        return c.problems.sorted();
    }

    /** Like {@link #against}, but throws one {@link io.decant.core.error.ErrorCode#SPEC_INVALID} error listing them. */
    public static void orThrow(Spec spec, List<Table> sourceTables) {
        List<SpecProblem> found = against(spec, sourceTables);
        if (!found.isEmpty()) {
            throw Problems.exception(found.get(0).file(), found);
        }
    }

    /**
     * A table by the spec's name for it: {@code auth.users} or {@code users}. Names are matched
     * exactly, as the spec's settings are looked up exactly: a near miss is reported, not guessed.
     */
    Table find(String name) {
        Table t = tables.get(name);
        if (t != null) {
            return t;
        }
        List<Table> hits = new ArrayList<>();
        for (Table x : tables.values()) {
            if (x.name().equals(name)) {
                hits.add(x);
            }
        }
        return hits.size() == 1 ? hits.get(0) : null;
    }

    private void run() {
        for (int i = 0; i < spec.exclude().size(); i++) {
            knownTable(spec.exclude().get(i), "exclude[" + i + "]");
        }
        spec.tables().forEach((name, t) -> {
            Table table = knownTable(name, "tables." + name);
            if (table != null && !spec.isExcluded(name)) {
                shapes.put(table, new TableSpecCheck(this, spec, name, t, table).run());
            }
        });
        for (Table table : tables.values()) {
            if (!spec.tables().containsKey(table.id().display()) && !spec.tables().containsKey(table.name())
                    && !spec.isExcluded(table.id().display()) && !spec.isExcluded(table.name())) {
                shapes.put(table, new TableSpecCheck(this, spec, table.id().display(), TableSpec.NONE, table).run());
            }
        }
        tableNames();
        spec.ids().forEach(this::ids);
        uniques();
    }

    private TableSpec specOf(Table t) {
        return spec.table(t, tables.values());
    }

    /**
     * Each {@code unique} term names a column of the table's target as the spec shapes it: its copied
     * columns under their new names, added columns, the legacy id column, columns merged into it (for
     * a split, its key and kept columns); a function applies to text only.
     */
    private void uniques() {
        spec.tables().forEach((name, ts) -> {
            Table table = ts.unique().isEmpty() || spec.isExcluded(name) ? null : find(name);
            TableSpecCheck.Shape shape = table == null ? null : shapes.get(table);
            if (shape == null || (ts.isMerge() && ts.keep().isEmpty())) {
                return; // an unknown or excluded table is reported already; a merge has no target (SpecValidator)
            }
            Map<String, LogicalType> columns = new LinkedHashMap<>();
            if (ts.isMerge()) {
                for (String c : ts.key()) {
                    copy(shape, c, columns);
                }
                for (String c : ts.keep()) {
                    copy(shape, c, columns);
                }
            } else {
                columns.putAll(shape.columns());
                String target = tableTargets.get(table.name());
                shapes.forEach((other, os) -> {
                    TableSpec ots = specOf(other);
                    if (other != table && ots.isMerge() && ots.into().equals(target)) {
                        List<String> stay = new ArrayList<>();
                        ots.key().forEach(c -> stay.add(os.renamed().get(c)));
                        ots.keep().forEach(c -> stay.add(os.renamed().get(c)));
                        os.columns().forEach((c, type) -> {
                            if (!stay.contains(c)) {
                                columns.putIfAbsent(c, type);
                            }
                        });
                    }
                });
            }
            for (UniqueKey key : ts.unique()) {
                for (UniqueKey.Term term : key.terms()) {
                    uniqueTerm(table, shape, columns, term);
                }
            }
        });
    }

    private static void copy(TableSpecCheck.Shape shape, String sourceColumn, Map<String, LogicalType> into) {
        String target = shape.renamed().get(sourceColumn);
        if (target != null) {
            into.put(target, shape.columns().get(target));
        }
    }

    private void uniqueTerm(Table table, TableSpecCheck.Shape shape, Map<String, LogicalType> columns, UniqueKey.Term term) {
        String c = term.column();
        if (!columns.containsKey(c)) {
            String renamed = shape.renamed().get(c);
            problem(term.path(), "the target of " + table.id().display() + " has no column " + c
                    + (renamed != null && !renamed.equals(c) ? "; the source column " + c + " is written as " + renamed
                    : Suggest.hint(c, columns.keySet())) + "; its columns: " + String.join(", ", columns.keySet()));
            return;
        }
        LogicalType type = columns.get(c);
        if (!term.functions().isEmpty() && type != null && type.kind() != io.decant.core.type.Kind.TEXT) {
            UniqueKey.Function f = term.functions().get(term.functions().size() - 1);
            problem(term.path(), term + ": " + f.spelling() + " applies to text, and " + c + " is " + type);
        }
    }

    private Table knownTable(String name, String path) {
        Table t = find(name);
        if (t == null) {
            problem(path, "the source has no table " + name + Suggest.hint(name, tableNames(tables.values())));
        }
        return t;
    }

    private static List<String> tableNames(java.util.Collection<Table> ts) {
        return ts.stream().map(t -> t.id().display()).toList();
    }

    /**
     * Tables that become target tables (not excluded, not merged) must not collide after naming, within
     * their schema: auth.users and public.users are two tables (a target without schemas refuses them
     * in plan, naming both).
     */
    private void tableNames() {
        Map<String, List<String>> keptBySchema = new LinkedHashMap<>();
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> merges = new LinkedHashMap<>();
        for (Table t : tables.values()) {
            String name = t.id().display();
            TableSpec ts = spec.table(t, tables.values());
            if (spec.isExcluded(name) || spec.isExcluded(t.name())) {
                continue;
            }
            if (ts.isMerge()) {
                merges.put(spec.tables().containsKey(name) ? name : t.name(), ts.into());
                if (ts.keep().isEmpty()) {
                    continue;
                }
            }
            keptBySchema.computeIfAbsent(String.valueOf(t.id().schema()), k -> new ArrayList<>()).add(t.name());
            if (ts.isRename()) {
                renames.put(t.name(), ts.into());
            }
        }
        Map<String, String> targets = new LinkedHashMap<>();
        for (List<String> kept : keptBySchema.values()) {
            NameMapper.Result r = NameMapper.map(kept, renames, spec.naming());
            r.targets().forEach(targets::putIfAbsent);
            for (NameMapper.Collision c : r.collisions()) {
                problem(spec.tables().containsKey(c.second()) ? "tables." + c.second() : "tables",
                        "tables " + c.message() + "; rename one with into");
            }
        }
        tableTargets = targets;
        merges.forEach((table, into) -> {
            if (!targets.containsValue(into) && find(into) == null) {
                problem("tables." + table + ".into", "merge target " + into + " is neither a source table nor the"
                        + " new name of one" + Suggest.hint(into, targets.values()));
            }
        });
    }

    private void ids(String table, IdSpec ids) {
        String at = "ids." + table;
        Table t = knownTable(table, at);
        if (t != null) {
            if (t.primaryKey().size() != 1) {
                problem(at, "remapping ids needs a one-column primary key; " + table + " has "
                        + (t.primaryKey().isEmpty() ? "none" : "(" + String.join(", ", t.primaryKey()) + ")"));
            }
            if (ids.legacyColumn() != null && t.findColumn(ids.legacyColumn()).isPresent()) {
                problem(at + ".legacy_column", "legacy column " + ids.legacyColumn() + " is already a column of " + table);
            }
            if (ids.match() != null) {
                knownColumn(t, ids.match().sourceColumn(), at + ".match" + (ids.match().sourceColumn()
                        .equals(ids.match().column()) ? ".column" : ".source_column"));
            }
            if (ids.http() != null && ids.http().body() != null) {
                Matcher m = IdsParser.PLACEHOLDER.matcher(ids.http().body());
                while (m.find()) {
                    knownColumn(t, m.group(1), at + ".http.body");
                }
            }
        }
        for (int i = 0; i < ids.references().size(); i++) {
            Reference r = ids.references().get(i);
            Table rt = knownTable(r.table(), at + ".references[" + i + "]");
            if (rt != null) {
                knownColumn(rt, r.column(), at + ".references[" + i + "]");
            }
        }
    }

    /** Exact names only: {@link Table#findColumn} forgives case, but the spec's settings are keyed exactly. */
    Column knownColumn(Table t, String name, String path) {
        for (Column c : t.columns()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        problem(path, "table " + t.id().display() + " has no column " + name + Suggest.hint(name, t.columnNames()));
        return null;
    }

    void problem(String path, String message) {
        problems.add(spec.locate(path), message);
    }
}
