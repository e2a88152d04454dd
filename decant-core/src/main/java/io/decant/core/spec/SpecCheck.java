package io.decant.core.spec;

import io.decant.core.error.DecantException;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.transform.Casts;
import io.decant.core.transform.Expressions;
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
    private final Map<Table, Shape> shapes = new LinkedHashMap<>();
    /** Source table name -> target table name, for the tables that have a target of their own. */
    private Map<String, String> tableTargets = Map.of();

    /**
     * @param columns target column name -> its type as decant writes it (null when not known here)
     * @param renamed source column name -> target column name
     */
    private record Shape(Map<String, LogicalType> columns, Map<String, String> renamed) {
    }

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
                new TableCheck(name, t, table).run();
            }
        });
        for (Table table : tables.values()) {
            if (!spec.tables().containsKey(table.id().display()) && !spec.tables().containsKey(table.name())
                    && !spec.isExcluded(table.id().display()) && !spec.isExcluded(table.name())) {
                new TableCheck(table.id().display(), TableSpec.NONE, table).run();
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
            Shape shape = table == null ? null : shapes.get(table);
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

    private static void copy(Shape shape, String sourceColumn, Map<String, LogicalType> into) {
        String target = shape.renamed().get(sourceColumn);
        if (target != null) {
            into.put(target, shape.columns().get(target));
        }
    }

    private void uniqueTerm(Table table, Shape shape, Map<String, LogicalType> columns, UniqueKey.Term term) {
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

    /** The checks of one table's columns. */
    private final class TableCheck {
        private final String name;
        private final TableSpec ts;
        private final Table table;
        private final String at;
        private final Map<String, LogicalType> types = new LinkedHashMap<>();

        TableCheck(String name, TableSpec ts, Table table) {
            this.name = name;
            this.ts = ts;
            this.table = table;
            this.at = "tables." + name;
            for (Column c : table.columns()) {
                types.put(c.name(), c.type());
            }
        }

        void run() {
            ts.columns().keySet().forEach(c -> knownColumn(table, c, at + ".columns." + c));
            for (int i = 0; i < ts.key().size(); i++) {
                knownColumn(table, ts.key().get(i), at + ".key");
            }
            for (String k : ts.keep()) {
                knownColumn(table, k, at + ".keep");
            }
            if (ts.where() != null) {
                try {
                    Expressions.compileCondition(ts.where(), types, null);
                } catch (DecantException e) {
                    problem(at + ".where", e.detail());
                }
            }
            List<String> kept = new ArrayList<>();
            Map<String, String> renames = new LinkedHashMap<>();
            Map<String, LogicalType> written = new LinkedHashMap<>();
            for (Column c : table.columns()) {
                ColumnSpec cs = ts.columns().containsKey(c.name()) ? ts.column(c.name()) : ColumnSpec.NONE;
                written.put(c.name(), column(c, cs));
                if (!cs.skip()) {
                    kept.add(c.name());
                    if (cs.to() != null) {
                        renames.put(c.name(), cs.to());
                    }
                }
            }
            NameMapper.Result r = NameMapper.map(kept, renames, spec.naming());
            for (NameMapper.Collision c : r.collisions()) {
                problem(at + ".columns." + c.second(), "columns " + c.message() + "; rename one with to");
            }
            Map<String, LogicalType> target = new LinkedHashMap<>();
            r.targets().forEach((source, t) -> target.put(t, written.get(source)));
            var ids = spec.idsOf(name);
            if (ids.isPresent() && ids.get().legacyColumn() != null && table.primaryKey().size() == 1) {
                target.putIfAbsent(ids.get().legacyColumn(), types.get(table.primaryKey().get(0)));
            }
            ts.add().forEach((added, a) -> {
                String path = at + ".add." + added;
                if (r.targets().containsValue(added)) {
                    problem(path, "added column " + added + " is also the new name of a source column");
                }
                target.putIfAbsent(added, output(a.value(), a.type(), a.cast(), null, path, null));
            });
            shapes.put(table, new Shape(target, r.targets()));
        }

        /** Checks a column's chain; returns the type decant writes for it, or null when not known here. */
        private LogicalType column(Column c, ColumnSpec cs) {
            String path = at + ".columns." + c.name();
            if (cs.skip()) {
                return null;
            }
            if (!c.isSupported() && !cs.asText()) {
                // The planner reports it, for the tables actually selected (--tables/--exclude apply).
                return null;
            }
            if (c.isSupported() && cs.asText()) {
                problem(path + ".as_text", "as_text is for unsupported types; " + c.name() + " is " + c.type()
                        + ", write cast: text to make it text");
            }
            if (cs.zeroDate() != null && !temporal(c.type())) {
                problem(path + ".zero_date", "zero_date applies to date and time columns (MySQL zero dates); "
                        + c.name() + " is " + c.type());
            }
            if (cs.ref() != null && find(cs.ref()) == null) {
                problem(path + ".ref", "the source has no table " + cs.ref());
            }
            return output(cs.value(), cs.type(), cs.cast(), cs.defaultValue(), path, c.type());
        }

        private static boolean temporal(LogicalType t) {
            return switch (t.kind()) {
                case DATE, TIMESTAMP, TIMESTAMPTZ -> true;
                case BOOLEAN, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64, TEXT, BYTES, UUID, JSON, TIME, ARRAY -> false;
            };
        }

        /** Compiles the expression (if any), resolves the cast and converts the default: the column's whole chain. */
        private LogicalType output(String value, LogicalType declared, CastSpec cast, Object dflt, String path,
                                   LogicalType sourceType) {
            LogicalType type = null;
            if (value != null) {
                try {
                    type = Expressions.compile(value, types, declared, spec.zone(), null).resultType();
                } catch (DecantException e) {
                    problem(path + ".value", e.detail());
                    return LogicalType.TEXT;
                }
            } else {
                type = Casts.readType(cast, sourceType); // an unsupported column read as_text carries TEXT already
            }
            if (cast != null) {
                try {
                    type = Casts.resolve(cast, type, spec.zone()).to();
                } catch (DecantException e) {
                    problem(path + ".cast", e.detail());
                    return type;
                }
            }
            if (dflt != null) {
                try {
                    Casts.constant(dflt, type, spec.zone());
                } catch (DecantException e) {
                    problem(path + ".default", e.detail());
                }
            }
            return type;
        }
    }
}
