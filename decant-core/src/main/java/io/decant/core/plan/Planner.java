package io.decant.core.plan;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.SkippedTable;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.run.RunIds;
import io.decant.core.schema.Column;
import io.decant.core.schema.LoadOrder;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecCheck;
import io.decant.core.spec.TableSpec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.transform.Conversions;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides everything about a run before a row moves: which tables, in which order, and for every
 * target column where its value comes from and how it is converted. The spec shapes the source
 * ({@link Shaper}); the target's declared types add the last, lossless conversion. Every problem
 * found is reported at once.
 *
 * <p>The planner runs the steps in order and keeps what joins them; each step is a class of its own:
 * {@link TableSelection} (which tables), {@link Shaper} (the spec applied to a table), {@link Merges}
 * (which tables receive rows, and what merges into them), {@link CreatedTable} (the table decant
 * creates), {@link TargetColumns} (every column's conversion), {@link TargetNames} (names that fit the
 * target) and {@link DeclaredKeys} (the spec's own keys, for verify).
 */
public final class Planner {
    private final MigrationOptions options;
    private final Spec spec;
    private final RunIds ids;
    private final Conversions conversions;
    /** Planning a comparison (verify): nothing about how a target is loaded may refuse it. */
    private final boolean comparing;

    public Planner(MigrationOptions options) {
        this(options, Spec.empty(), RunIds.none());
    }

    public Planner(MigrationOptions options, Spec spec) {
        this(options, spec, RunIds.none());
    }

    /** @param ids the run's id mappings, built (migrate) or read back (verify) before planning */
    public Planner(MigrationOptions options, Spec spec, RunIds ids) {
        this(options, spec, ids, false);
    }

    private Planner(MigrationOptions options, Spec spec, RunIds ids, boolean comparing) {
        this.options = options;
        this.spec = spec;
        this.ids = ids;
        this.conversions = new Conversions(spec.zone());
        this.comparing = comparing;
    }

    /**
     * Plans comparing {@code source} with {@code target} as read back ({@code verify}): the same tables, names
     * and conversions as a load, without what only loading needs. Load order, foreign-key cycles and columns the
     * target computes are migrate's business: verify only reads, so any two databases the spec can read compare.
     */
    public MigrationPlan planComparison(SourceDatabase source, SourceDatabase target) {
        return new Planner(options, spec, ids, true).plan(source, TargetView.readBack(target));
    }

    /** Plans reading {@code source} into {@code target}; {@code target} may be null for a source-only plan. */
    public MigrationPlan plan(SourceDatabase source, TargetDatabase target) {
        return plan(source, target == null ? null : TargetView.of(target));
    }

    /** Plans reading {@code source} alone: no target types (plan without --to, export --dry-run). */
    public MigrationPlan plan(SourceDatabase source) {
        return plan(source, (TargetView) null);
    }

    /**
     * Which unsupported columns of {@code source} meet the same native type in the target: an existing
     * target column of that type, or (with --create-schema) a target that creates it.
     */
    private Predicate<Column> nativeOnTarget(Table source, TableSpec ts, TargetView target, Map<TableId, Table> tables) {
        if (target == null) {
            return c -> false;
        }
        if (options.createSchema()) {
            return c -> c.nativeType() != null && target.nativeColumnType(c.nativeType()) != null;
        }
        String name = ts.isRename() ? ts.into() : spec.naming().apply(source.name());
        TableId id = ts.isRename() ? target.resolve(name) : target.resolve(source.id().schema(), name);
        Table existing = tables.get(id);
        if (existing == null) {
            return c -> false;
        }
        return c -> {
            var cs = ts.column(c.name());
            String to = cs.to() != null ? cs.to() : spec.naming().apply(c.name());
            return cs.value() == null && cs.cast() == null
                    && TargetColumns.exactOrFolded(existing, to).map(c::sameNativeType).orElse(false);
        };
    }

    /**
     * Refuses, before anything is created, what the target could not create: a column whose type it does not have
     * (PostgreSQL to PostgreSQL: an enum, composite, domain or extension type made by the source's own migrations) or
     * collation (one made with CREATE COLLATION), a computed column whose expression calls what it lacks.
     */
    private static void missingTypes(Table created, TargetView target, ErrorContext where, PlanProblems problems) {
        for (Column c : created.columns()) {
            String type = c.nativeType() == null ? null : target.nativeColumnType(c.nativeType());
            int generated = type == null ? -1 : type.indexOf(" GENERATED ALWAYS AS (");
            String why = type == null ? null : target.missingType(generated < 0 ? type : type.substring(0, generated));
            if (why != null) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(c.name()), "column " + c.name() + " would be"
                        + " created with the source's type " + c.sourceType() + ", but " + why + "; create it there"
                        + " first (CREATE EXTENSION for an extension's type, CREATE TYPE or CREATE DOMAIN as the source"
                        + " has it, or the application's migrations), or say as_text: true (a text column) or skip: true"
                        + " for this column in the spec");
                continue;
            }
            why = c.collation() == null ? null : target.missingCollation(c.collation());
            if (why != null) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(c.name()), "column " + c.name() + " would be"
                        + " created with the source's collation " + c.collation() + ", but " + why + "; create it there"
                        + " first (CREATE COLLATION as the source has it, or the application's migrations), or run with"
                        + " --collation default (text columns on the target database's default collation)");
                continue;
            }
            why = c.identity() == Column.Identity.COMPUTED ? target.uncomputable(created, c) : null;
            if (why != null) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(c.name()), "column " + c.name() + " would be"
                        + " created computed, as in the source, but " + why + "; create what it calls there first (the"
                        + " function, or CREATE EXTENSION for an extension's), or leave the column out with skip: true"
                        + " for it in the spec");
            }
        }
    }

    /** Plans against any view of a target (for verify: the target as read back). */
    public MigrationPlan plan(SourceDatabase source, TargetView target) {
        PlanProblems problems = new PlanProblems();
        List<SkippedTable> skipped = new ArrayList<>();
        List<Table> all = source.tables();
        SpecCheck.orThrow(spec, all);
        List<Table> selected = new TableSelection(options, spec).select(all, skipped, problems);
        problems.throwIfAny();

        Map<TableId, Table> existing = new HashMap<>();
        if (target != null) {
            for (Table t : target.tables()) {
                existing.put(t.id(), t);
            }
        }
        IdRewrites rewrites = new IdRewrites(spec, ids, all);
        Shaper shaper = new Shaper(spec, rewrites, KeyCasts.find(spec, all, problems));
        Merges merges = new Merges(spec);
        // What --create-schema leaves out of each table: noted (or, an index the target builds as the source
        // defines it, created) where the table is planned.
        Map<TableId, List<io.decant.core.schema.SchemaObject>> notCreated = new HashMap<>();
        for (Table s : selected) {
            Shaper.Shaped shaped = shaper.shape(s, spec.table(s, all), nativeOnTarget(s, spec.table(s, all), target, existing), problems);
            shaped.notes().addAll(source.valueNotes(s));
            if (options.createSchema() && !comparing) {
                notCreated.put(s.id(), source.objectsNotCreated(s));
            }
            merges.add(shaped);
        }
        merges.attach(source, skipped, problems);

        Map<TableId, TableId> targetIds = new LinkedHashMap<>();
        Map<TableId, Shaper.Shaped> shapedBySource = new LinkedHashMap<>();
        for (Shaper.Shaped s : merges.receivers()) {
            TableId id = s.source().id();
            targetIds.put(id, target == null ? new TableId(id.schema(), s.targetName())
                    : s.tableSpec().isRename() ? target.resolve(s.targetName()) : target.resolve(id.schema(), s.targetName()));
            shapedBySource.put(s.source().id(), s);
        }
        Map<TableId, TableId> claimedBy = new HashMap<>();
        for (var e : targetIds.entrySet()) {
            TableId other = claimedBy.putIfAbsent(e.getValue(), e.getKey());
            if (other != null) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withTable(e.getKey().display()),
                        "source tables " + other.display() + " and " + e.getKey().display() + " would both load target table "
                                + e.getValue().display() + "; exclude one, or rename it in the spec");
            }
        }
        Map<TableId, List<String>> keyNotes = new HashMap<>();
        Map<TableId, Map<String, LogicalType>> keyTypes = options.createSchema() && !comparing
                ? KeyLengths.decide(source, target, shapedBySource, keyNotes, problems) : Map.of();
        Map<TableId, TablePlan> byTarget = new LinkedHashMap<>();
        List<MigrationPlan.DeclaredUnique> uniques = new ArrayList<>();
        for (Shaper.Shaped s : merges.receivers()) {
            TablePlan tp = planTable(s, merges.into(s), targetIds, shapedBySource, existing, target,
                    keyTypes.getOrDefault(s.source().id(), Map.of()), keyNotes.getOrDefault(s.source().id(), List.of()),
                    notCreated.getOrDefault(s.source().id(), List.of()), problems);
            if (tp != null) {
                byTarget.put(tp.target().id(), tp);
                DeclaredKeys.uniques(spec, s, tp.target(), problems, uniques);
            }
        }
        if (target != null) {
            TargetNames.check(byTarget.values(), target, problems);
            joinedTypes(byTarget, target, problems);
        }
        problems.throwIfAny();
        if (target != null) {
            TargetNames.nameCreated(byTarget, existing, target);
        }
        MigrationPlan plan = order(source, target, byTarget, skipped, problems);
        List<String> notes = new ArrayList<>(plan.notes());
        if (options.createSchema() && !comparing) {
            viewsNote(source.views()).ifPresent(notes::add);
        }
        return new MigrationPlan(plan.source(), plan.target(), plan.consistency(), plan.groups(), plan.skipped(),
                notes, DeclaredKeys.references(rewrites, plan), uniques);
    }

    /** Views are not tables: one line names them all (the first twenty), so a big schema's plan stays short. */
    static java.util.Optional<String> viewsNote(List<String> views) {
        if (views.isEmpty()) {
            return java.util.Optional.empty();
        }
        int shown = Math.min(views.size(), 20);
        String list = String.join(", ", views.subList(0, shown))
                + (views.size() > shown ? " and " + (views.size() - shown) + " more" : "");
        return java.util.Optional.of((views.size() == 1 ? "1 view is" : views.size() + " views are")
                + " not copied or created: " + list + "; recreate " + (views.size() == 1 ? "it" : "them")
                + " on the target from the application's migrations after the load");
    }

    /**
     * A created foreign key must join columns the target can compare as a key: PostgreSQL refuses one between an
     * integer and a text column ("incompatible types"), MySQL anything but one type, both only when the key is created
     * after the rows. A SQLite source declares such keys freely (INTEGER referencing a TEXT id); plan refuses them.
     */
    private static void joinedTypes(Map<TableId, TablePlan> byTarget, TargetView target, PlanProblems problems) {
        if (target.joinsAnyTypes()) {
            return;
        }
        for (TablePlan tp : byTarget.values()) {
            if (!tp.create()) {
                continue;
            }
            Table child = tp.target();
            for (io.decant.core.schema.ForeignKey fk : child.foreignKeys()) {
                TablePlan parent = byTarget.get(fk.refTable());
                if (parent == null || fk.refColumns().size() != fk.columns().size()) {
                    continue;
                }
                for (int i = 0; i < fk.columns().size(); i++) {
                    Column from = child.column(fk.columns().get(i));
                    Column to = parent.target().column(fk.refColumns().get(i));
                    if (from == null || to == null || family(from.type()).equals(family(to.type()))
                            || target.nativeType(from.type()).equals(target.nativeType(to.type()))) {
                        continue;
                    }
                    String table = tp.source().id().display();
                    problems.add(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withPhase("plan").withTable(table)
                            .withColumn(from.name()), "foreign key " + fk.name() + " would join " + child.id().display()
                            + "." + from.name() + " (" + target.nativeType(from.type()) + ") to " + parent.target().id()
                            .display() + "." + to.name() + " (" + target.nativeType(to.type()) + "), and "
                            + target.displayUrl() + " joins no such pair in a foreign key; give both one type with a cast"
                            + " in the spec (tables." + table + ".columns." + from.name() + ": { cast: "
                            + to.type().kind().name().toLowerCase(java.util.Locale.ROOT) + " }), or --exclude " + table);
                }
            }
        }
    }

    /**
     * Types a foreign key may join on a target that joins some: those PostgreSQL compares across types in one index
     * (the integers, the floats, the dates and timestamps, the texts), and any two the target declares alike.
     */
    private static String family(LogicalType type) {
        return switch (type.kind()) {
            case INT16, INT32, INT64 -> "integer";
            case FLOAT32, FLOAT64 -> "float";
            case DATE, TIMESTAMP, TIMESTAMPTZ -> "datetime";
            default -> type.kind().name();
        };
    }

    private MigrationPlan order(SourceDatabase source, TargetView target, Map<TableId, TablePlan> byTarget,
                                List<SkippedTable> skipped, PlanProblems problems) {
        LoadOrder order = LoadOrder.of(byTarget.values().stream().map(TablePlan::target).toList());
        List<String> notes = new ArrayList<>();
        List<List<TablePlan>> groups = new ArrayList<>();
        for (List<Table> group : order.groups()) {
            groups.add(group.stream().map(t -> byTarget.get(t.id())).toList());
            if (group.size() > 1 && !comparing) {
                String names = group.stream().map(t -> t.id().display()).collect(Collectors.joining(", "));
                if (options.disableFk()) {
                    notes.add("foreign-key cycle between " + names + ": loaded with foreign-key checks disabled");
                } else if (options.createSchema()) {
                    notes.add("foreign-key cycle between " + names + ": foreign keys are created after the data");
                } else {
                    problems.add(ErrorCode.FK_CYCLE, ErrorContext.EMPTY, "foreign-key cycle between " + names
                            + ": no load order satisfies it; rerun with --disable-fk (needs a role allowed to set"
                            + " session_replication_role) or load into a schema without these constraints");
                }
            }
        }
        problems.throwIfAny();
        if (target == null) {
            notes.add("no target given: target types are not shown");
        }
        return new MigrationPlan(source.displayUrl(), target == null ? null : target.displayUrl(), source.consistency(),
                groups, skipped, notes);
    }

    /**
     * The tables of {@code all} that a run selects (--tables, --exclude and the spec's exclude), or
     * every problem with the names at once: what {@link #plan} selects, for a command that must know
     * before it writes anything (an id mapping, a call to an auth API) that the selection is sound.
     */
    public List<Table> selectTables(List<Table> all) {
        PlanProblems problems = new PlanProblems();
        List<Table> selected = new TableSelection(options, spec).select(all, new ArrayList<>(), problems);
        problems.throwIfAny();
        return selected;
    }

    /** One receiving table's plan: its target table (existing, or the one decant creates) and its columns. */
    private TablePlan planTable(Shaper.Shaped s, List<MergePart> merges, Map<TableId, TableId> targetIds,
                                Map<TableId, Shaper.Shaped> shapedBySource, Map<TableId, Table> existing,
                                TargetView target, Map<String, LogicalType> keyTypes, List<String> keyNotes,
                                List<io.decant.core.schema.SchemaObject> notCreated, PlanProblems problems) {
        Table source = s.source();
        ErrorContext where = ErrorContext.EMPTY.withPhase("plan").withTable(source.id().display());
        List<String> notes = new ArrayList<>(s.notes());
        List<ShapedColumn> shaped = new ArrayList<>(s.columns());
        for (MergePart m : merges) {
            shaped.addAll(m.columns(s, problems));
            notes.add("columns " + m.columnNames() + " merged from " + m.shaped().source().id().display() + " by "
                    + String.join(", ", m.shaped().tableSpec().key()) + " (the merged table is held in memory by key)");
        }
        TargetColumns.distinct(shaped, where, problems);
        TableId targetId = targetIds.get(source.id());
        if (target != null && source.id().schema() != null && targetId.schema() == null) {
            notes.add("schema " + source.id().schema() + " is not kept (the target has no schemas): loads as "
                    + targetId.display());
        }
        Table targetTable;
        boolean create = options.createSchema();
        if (target == null) {
            targetTable = CreatedTable.derive(source, shaped, targetId, targetIds, shapedBySource, null, Map.of(), false,
                    notCreated, notes);
            create = false;
        } else if (create) {
            if (existing.containsKey(targetId) && !options.replaceTables()) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where, "target table " + targetId.display()
                        + " already exists; drop it, load into it without --create-schema, or --resume the run that"
                        + " created it");
                return null;
            }
            notes.addAll(keyNotes);
            targetTable = CreatedTable.derive(source, shaped, targetId, targetIds, shapedBySource, target, keyTypes,
                    options.sourceCollation(), notCreated, notes);
            missingTypes(targetTable, target, where, problems);
        } else {
            targetTable = existing.get(targetId);
            if (targetTable == null) {
                problems.add(ErrorCode.UNKNOWN_TABLE, where, "target has no table " + targetId.display() + (comparing
                        ? "; migrate it first, or leave it out of the comparison with --exclude " + source.id().display()
                        : "; create it (the application's schema migrations, or --create-schema)"));
                return null;
            }
        }
        List<ColumnPlan> cols = new TargetColumns(conversions, target, create, comparing)
                .plan(source, shaped, targetId, targetTable, where, notes, problems);
        return new TablePlan(source, s.read(), targetTable, cols, s.filter(), s.filterText(),
                Merges.finisher(merges, targetId), create, source.rowEstimate(), notes, null);
    }
}
