package io.decant.core.plan;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.AddedColumn;
import io.decant.core.spec.ColumnSpec;
import io.decant.core.spec.Spec;
import io.decant.core.spec.TableSpec;
import io.decant.core.spec.ZeroDates;
import io.decant.core.transform.Casts;
import io.decant.core.transform.CompiledExpression;
import io.decant.core.transform.Conversion;
import io.decant.core.transform.Expressions;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a table's spec to its source columns, once, at plan time: which columns are read, and for
 * each column written its name, value (copied, computed by an expression, or a constant), the
 * spec's cast and the default for NULL. Per column the order is: value, then cast, then default.
 */
final class Shaper {
    private final Spec spec;
    private final IdRewrites ids;
    private final KeyCasts keyCasts;

    Shaper(Spec spec, IdRewrites ids) {
        this(spec, ids, KeyCasts.none());
    }

    Shaper(Spec spec, IdRewrites ids, KeyCasts keyCasts) {
        this.spec = spec;
        this.ids = ids;
        this.keyCasts = keyCasts;
    }

    /** A source table as the spec shapes it. */
    record Shaped(Table source, TableSpec tableSpec, String targetName, List<Column> read, List<ShapedColumn> columns,
                  TablePlan.RowFilter filter, String filterText, List<String> notes) {
    }

    /**
     * @param nativeOnTarget the unsupported columns whose target column has the same native type (or
     *                       will be created with it): they move as the database's text with no spec line
     */
    Shaped shape(Table source, TableSpec ts, java.util.function.Predicate<Column> nativeOnTarget, PlanProblems problems) {
        String name = source.id().display();
        ErrorContext where = ErrorContext.EMPTY.withPhase("plan").withTable(name);
        List<String> notes = new ArrayList<>();
        List<Column> read = new ArrayList<>();
        java.util.Set<String> needed = needed(source, ts);
        for (Column c : source.columns()) {
            ColumnSpec cs = ts.column(c.name());
            if (cs.skip() && !needed.contains(c.name())) {
                // Not read at all: a value the source cannot represent (a blob in a TEXT column) must not stop a
                // column the spec leaves out.
                notes.add("column " + c.name() + " skipped by the spec");
            } else if (c.identity() == Column.Identity.COMPUTED) {
                notes.add("column " + c.name() + " is computed by the source database and not copied");
            } else if (!c.isSupported() && !cs.asText() && !cs.skip() && nativeOnTarget.test(c)) {
                notes.add("column " + c.name() + " (" + c.sourceType() + ") moves as the database's own text into the"
                        + " same type");
                read.add(c.withType(LogicalType.TEXT));
            } else if (!c.isSupported() && !cs.asText()) {
                if (cs.skip()) {
                    notes.add("column " + c.name() + " (" + c.sourceType() + ") skipped by the spec");
                } else {
                    String what = c.sourceType() == null || c.sourceType().isBlank() ? "a column without declared type"
                            : "type " + c.sourceType();
                    problems.add(ErrorCode.UNSUPPORTED_TYPE, where.withColumn(c.name()), what + " is not supported ("
                            + c.unsupported() + "); say as_text or skip for this column in the spec");
                }
            } else {
                read.add(c.isSupported() ? readAs(c, cs) : c.withType(LogicalType.TEXT));
            }
        }
        Map<String, String> settings = spec.sourceSettings();
        for (Column c : read) {
            String zero = ZeroDates.policy(settings, source.name(), c.name());
            boolean temporal = switch (c.type().kind()) {
                case DATE, TIMESTAMP, TIMESTAMPTZ -> true;
                default -> false;
            };
            if (zero != null && temporal) {
                notes.add("column " + c.name() + ": zero dates ('0000-00-00', '2024-02-00') become "
                        + ZeroDates.describe(zero));
            }
        }
        Map<String, LogicalType> inputs = new LinkedHashMap<>();
        read.forEach(c -> inputs.put(c.name(), c.type()));
        List<ShapedColumn> out = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            Column c = read.get(i);
            ColumnSpec cs = ts.column(c.name());
            if (cs.skip()) {
                notes.add("column " + c.name() + " skipped by the spec");
                continue;
            }
            String target = cs.to() != null ? cs.to() : spec.naming().apply(c.name());
            try {
                out.add(column(c, i, target, cs, inputs, source, "tables." + name + ".columns." + c.name(), notes));
            } catch (DecantException e) {
                problems.add(e.within(where.withColumn(c.name())));
            }
        }
        var idSpec = spec.idsOf(name);
        if (idSpec.isPresent() && idSpec.get().legacyColumn() != null && source.primaryKey().size() == 1) {
            String key = source.primaryKey().get(0);
            int k = read.stream().map(Column::name).toList().indexOf(key);
            if (k >= 0) {
                Column kc = read.get(k);
                out.add(new ShapedColumn(null, idSpec.get().legacyColumn(), new ValueSource.FromColumn(k),
                        Conversion.identity(kc.type()), null, kc.nullable(), "the old id of " + key + " (legacy_column)"));
            }
        }
        for (Map.Entry<String, AddedColumn> e : ts.add().entrySet()) {
            try {
                out.add(added(e.getKey(), e.getValue(), inputs, "tables." + name + ".add." + e.getKey()));
            } catch (DecantException ex) {
                problems.add(ex.within(where.withColumn(e.getKey())));
            }
        }
        TablePlan.RowFilter filter = null;
        if (ts.where() != null) {
            try {
                CompiledExpression cond = Expressions.compileCondition(ts.where(), inputs,
                        spec.locate("tables." + name + ".where"));
                filter = row -> Boolean.TRUE.equals(cond.eval(row));
                notes.add("rows kept where " + ts.where());
            } catch (DecantException e) {
                problems.add(e.within(where));
            }
        }
        String targetName = ts.isRename() ? ts.into() : spec.naming().apply(source.name());
        return new Shaped(source, ts, targetName, read, out, filter, ts.where(), notes);
    }

    /** Columns read even when skipped: those an expression reads, the keys, and the keys of a merge. */
    private static java.util.Set<String> needed(Table source, TableSpec ts) {
        java.util.Set<String> out = new java.util.HashSet<>(source.primaryKey());
        out.addAll(ts.key());
        ts.columns().values().forEach(cs -> {
            if (cs.value() != null) {
                out.addAll(Expressions.variables(cs.value()));
            }
        });
        ts.add().values().forEach(a -> out.addAll(Expressions.variables(a.value())));
        if (ts.where() != null) {
            out.addAll(Expressions.variables(ts.where()));
        }
        return out;
    }

    /** The column as read: a cast with an encoding may read it as the other of text and bytes ({@link Casts#readType}). */
    private static Column readAs(Column c, ColumnSpec cs) {
        LogicalType t = cs.value() != null ? c.type() : Casts.readType(cs.cast(), c.type());
        return t == c.type() ? c : c.withType(t);
    }

    private ShapedColumn column(Column c, int index, String target, ColumnSpec cs, Map<String, LogicalType> inputs,
                                Table source, String path, List<String> notes) {
        ValueSource value = new ValueSource.FromColumn(index);
        LogicalType type = c.type();
        String origin = target.equals(c.name()) ? null : "renamed from " + c.name();
        io.decant.core.spec.CastSpec castSpec = cs.cast();
        KeyCasts.Followed followed = castSpec == null && cs.value() == null ? keyCasts.of(source, c.name()) : null;
        if (followed != null) {
            castSpec = followed.cast();
            notes.add("column " + c.name() + ": cast " + castSpec.spelling() + " follows the key it references: "
                    + followed.chain());
        }
        Conversion remap = cs.value() == null ? ids.rewrite(source, c) : null;
        if (remap != null) {
            notes.add("column " + c.name() + ": " + remap.rule());
            Conversion cast = castSpec != null ? Casts.resolve(castSpec, remap.to(), spec.zone())
                    : Conversion.identity(remap.to());
            Object ifNull = cs.defaultValue() != null ? Casts.constant(cs.defaultValue(), cast.to(), spec.zone()) : null;
            return new ShapedColumn(c, target, value, remap.then(cast), ifNull, c.nullable(), origin);
        }
        if (cs.value() != null) {
            CompiledExpression expr = Expressions.compile(cs.value(), inputs, cs.type(), spec.zone(),
                    spec.locate(path + ".value"));
            value = new ValueSource.Computed(expr::eval, cs.value());
            type = expr.resultType();
            origin = "= " + cs.value();
        }
        Conversion cast = castSpec != null ? Casts.resolve(castSpec, type, spec.zone()) : Conversion.identity(type);
        Object ifNull = cs.defaultValue() != null ? Casts.constant(cs.defaultValue(), cast.to(), spec.zone()) : null;
        boolean nullable = ifNull == null && (c.nullable() || cs.value() != null);
        return new ShapedColumn(cs.value() != null ? null : c, target, value, cast, ifNull, nullable, origin);
    }

    private ShapedColumn added(String name, AddedColumn a, Map<String, LogicalType> inputs, String path) {
        CompiledExpression expr = Expressions.compile(a.value(), inputs, a.type(), spec.zone(), spec.locate(path + ".value"));
        Conversion cast = a.cast() != null ? Casts.resolve(a.cast(), expr.resultType(), spec.zone())
                : Conversion.identity(expr.resultType());
        return new ShapedColumn(null, name, new ValueSource.Computed(expr::eval, a.value()), cast, null, true,
                "added: = " + a.value());
    }
}
