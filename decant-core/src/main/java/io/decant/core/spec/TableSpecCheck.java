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

/**
 * The checks of one table's columns, for {@link SpecCheck}: each column's chain (value, cast,
 * default) fits the types it meets, the {@code where} condition compiles, renamed columns do not
 * collide; the result is the table's target as the spec shapes it, which {@code unique} is checked
 * against.
 */
final class TableSpecCheck {
    /**
     * @param columns target column name -> its type as decant writes it (null when not known here)
     * @param renamed source column name -> target column name
     */
    record Shape(Map<String, LogicalType> columns, Map<String, String> renamed) {
    }

    private final SpecCheck owner;
    private final Spec spec;
    private final String name;
    private final TableSpec ts;
    private final Table table;
    private final String at;
    private final Map<String, LogicalType> types = new LinkedHashMap<>();

    TableSpecCheck(SpecCheck owner, Spec spec, String name, TableSpec ts, Table table) {
        this.owner = owner;
        this.spec = spec;
        this.name = name;
        this.ts = ts;
        this.table = table;
        this.at = "tables." + name;
        for (Column c : table.columns()) {
            types.put(c.name(), c.type());
        }
    }

    /** Runs the checks; returns the table's target as the spec shapes it. */
    Shape run() {
        ts.columns().keySet().forEach(c -> owner.knownColumn(table, c, at + ".columns." + c));
        for (int i = 0; i < ts.key().size(); i++) {
            owner.knownColumn(table, ts.key().get(i), at + ".key");
        }
        for (String k : ts.keep()) {
            owner.knownColumn(table, k, at + ".keep");
        }
        if (ts.where() != null) {
            try {
                Expressions.compileCondition(ts.where(), types, null);
            } catch (DecantException e) {
                owner.problem(at + ".where", e.detail());
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
            owner.problem(at + ".columns." + c.second(), "columns " + c.message() + "; rename one with to");
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
                owner.problem(path, "added column " + added + " is also the new name of a source column");
            }
            target.putIfAbsent(added, output(a.value(), a.type(), a.cast(), null, path, null));
        });
        return new Shape(target, r.targets());
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
            owner.problem(path + ".as_text", "as_text is for unsupported types; " + c.name() + " is " + c.type()
                    + ", write cast: text to make it text");
        }
        if (cs.zeroDate() != null && !temporal(c.type())) {
            owner.problem(path + ".zero_date", "zero_date applies to date and time columns (MySQL zero dates); "
                    + c.name() + " is " + c.type());
        }
        if (cs.ref() != null && owner.find(cs.ref()) == null) {
            owner.problem(path + ".ref", "the source has no table " + cs.ref());
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
                owner.problem(path + ".value", e.detail());
                return LogicalType.TEXT;
            }
        } else {
            type = Casts.readType(cast, sourceType); // an unsupported column read as_text carries TEXT already
        }
        if (cast != null) {
            try {
                type = Casts.resolve(cast, type, spec.zone()).to();
            } catch (DecantException e) {
                owner.problem(path + ".cast", e.detail());
                return type;
            }
        }
        if (dflt != null) {
            try {
                Casts.constant(dflt, type, spec.zone());
            } catch (DecantException e) {
                owner.problem(path + ".default", e.detail());
            }
        }
        return type;
    }
}
