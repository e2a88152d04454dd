package io.decant.core.plan;

import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.transform.Casts;
import io.decant.core.transform.Conversion;
import io.decant.core.transform.Conversions;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every target column's plan: the shaped column that feeds it, and its whole conversion (the spec's
 * cast, the lossless conversion to the target's type, and the target's own write check), decided
 * once here. A column no conversion reaches is refused with the spec line that would fix it.
 */
final class TargetColumns {
    private final Conversions conversions;
    private final TargetView target;
    private final boolean create;
    private final boolean comparing;

    /**
     * @param target    null for a source-only plan
     * @param create    decant creates the target table
     * @param comparing planning a comparison (verify): computed target columns are read, not loaded
     */
    TargetColumns(Conversions conversions, TargetView target, boolean create, boolean comparing) {
        this.conversions = conversions;
        this.target = target;
        this.create = create;
        this.comparing = comparing;
    }

    /** Two shaped columns that would write the same target column are a problem. */
    static void distinct(List<ShapedColumn> shaped, ErrorContext where, PlanProblems problems) {
        Map<String, ShapedColumn> seen = new HashMap<>();
        for (ShapedColumn sc : shaped) {
            ShapedColumn before = seen.putIfAbsent(sc.name(), sc);
            if (before != null) {
                problems.add(ErrorCode.SPEC_INVALID, where.withColumn(sc.name()), "target column " + sc.name()
                        + " would get two values: " + describe(before) + " and " + describe(sc)
                        + "; skip or rename one of them in the spec");
            }
        }
    }

    /**
     * The plans of the columns {@code shaped} writes into {@code targetTable}; target columns no value
     * reaches are noted.
     */
    List<ColumnPlan> plan(Table source, List<ShapedColumn> shaped, TableId targetId, Table targetTable,
                          ErrorContext where, List<String> notes, PlanProblems problems) {
        List<ColumnPlan> cols = new ArrayList<>();
        for (ShapedColumn sc : shaped) {
            Optional<Column> t = exactOrFolded(targetTable, sc.name());
            if (t.isEmpty()) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(sc.name()), "target table "
                        + targetId.display() + " has no column " + sc.name() + "; it has " + targetTable.columnNames());
                continue;
            }
            Column tc = t.get();
            if (sc.source() != null && !sc.source().isSupported() && sc.source().sameNativeType(tc)) {
                // The database's text, read back by the target's input function (and read as text by verify).
                tc = new Column(tc.name(), tc.sourceType(), LogicalType.TEXT, tc.nullable(), tc.identity(),
                        tc.isSupported() ? "moved as the database's text" : tc.unsupported(), tc.nativeType());
            }
            if (tc.identity() == Column.Identity.COMPUTED && !create && !comparing) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(sc.name()), "target column " + tc.name()
                        + " is computed by the target database and cannot be loaded");
                continue;
            }
            if (!conversions.exists(sc.type(), tc.type())) {
                problems.add(ErrorCode.NO_CONVERSION, where.withColumn(sc.name()), "no conversion from " + sc.type()
                        + (sc.source() != null ? " (" + sc.source().sourceType() + ")" : "") + " to " + tc.type()
                        + " (" + tc.sourceType() + ")" + noConversionWayOut(source, sc, tc));
                continue;
            }
            Conversion conversion = sc.cast().then(conversions.find(sc.type(), tc.type()));
            Object ifNull = sc.ifNull() == null ? null : conversions.find(sc.type(), tc.type()).converter().convert(sc.ifNull());
            String nativeType = target == null ? null : !create ? tc.sourceType() : createdType(tc);
            Conversion check = nativeType == null ? null : target.writeCheck(tc.type(), nativeType);
            if (check != null) {
                // the sink's own refusal, run here too so that plan --sample finds it before the first row
                conversion = conversion.then(check);
            }
            String shown = create && nativeType != null && tc.collation() != null ? target.shownCollation(tc.collation())
                    : null;
            if (shown != null) {
                nativeType = nativeType + " " + shown;
            }
            cols.add(new ColumnPlan(sc.source(), tc, nativeType, sc.value(), conversion, ifNull, sc.origin()));
        }
        if (target != null && !create) {
            Map<String, String> unwritable = target.unwritable(targetTable, cols.stream().map(ColumnPlan::target).toList());
            for (ColumnPlan cp : cols) {
                String why = unwritable.get(cp.target().name());
                if (why != null) {
                    problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(cp.target().name()), "target column "
                            + targetId.display() + "." + cp.target().name() + ": " + why + (cp.source() == null ? ""
                            : "; or leave it out with tables." + source.id().display() + ".columns." + cp.source().name()
                            + ": { skip: true }"));
                }
            }
        }
        java.util.Set<String> mustBeFed = target != null && !create && !comparing ? target.mustBeFed(targetTable)
                : java.util.Set.of();
        for (Column tc : targetTable.columns()) {
            boolean fed = cols.stream().anyMatch(cp -> cp.target().name().equals(tc.name()));
            if (!fed && mustBeFed.contains(tc.name())) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(tc.name()), "target column " + targetId.display()
                        + "." + tc.name() + " is NOT NULL and has no default, and no source column fills it, so every"
                        + " row would fail to load; give it a value in the spec (tables." + source.id().display()
                        + ".add." + tc.name() + ": { value: ... }), or give it a default on the target (ALTER TABLE ..."
                        + " ALTER COLUMN ... SET DEFAULT), or let it hold NULL");
            } else if (!fed && tc.identity() != Column.Identity.COMPUTED) {
                notes.add("target column " + tc.name() + " gets no value from the source: "
                        + (tc.nullable() ? "NULL or its default" : "its default, or the load fails (NOT NULL)"));
            }
        }
        return cols;
    }

    /**
     * The type a created column {@code tc} gets in this target, as plan shows it: the source's own type where the
     * column keeps it (one decant does not model, a computed one, a declared type the target keeps), else the
     * target's type for the logical one.
     */
    private String createdType(Column tc) {
        String own = tc.nativeType() == null || target.nativeColumnType(tc.nativeType()) == null ? null
                : !tc.isSupported() || tc.identity() == Column.Identity.COMPUTED ? target.nativeColumnType(tc.nativeType())
                : target.shownDeclaredType(tc.nativeType());
        return own != null ? own : target.nativeType(tc.type());
    }

    /** The column of {@code t} named exactly {@code name}, or else the one named so without case. */
    static Optional<Column> exactOrFolded(Table t, String name) {
        for (Column c : t.columns()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return t.findColumn(name);
    }

    private static String describe(ShapedColumn c) {
        return c.origin() != null ? c.origin() : c.source() != null ? "column " + c.source().name() : c.name();
    }

    /**
     * The way out of a NO_CONVERSION refusal: the spec line of a cast that exists for the pair (resolved like the
     * spec's own, from the column as read), or leaving the column out when no cast does.
     */
    private static String noConversionWayOut(Table source, ShapedColumn sc, Column tc) {
        LogicalType from = sc.source() != null ? sc.source().type() : sc.type();
        String cast = Casts.wayOut(from, tc.type());
        if (sc.source() == null) {
            return cast != null ? "; say how with " + cast + " on this column in the spec"
                    : "; no cast makes a " + from + " value a " + tc.type() + ": change or remove this column in the spec";
        }
        String line = "tables." + source.id().display() + ".columns." + sc.source().name();
        String skip = line + ": { skip: true }";
        return cast != null ? "; say how with " + line + ": " + cast + ", or leave it out with " + skip
                : "; no cast makes a " + from + " value a " + tc.type() + ": leave the column out with " + skip;
    }
}
