package io.decant.core.engine;

import io.decant.core.convert.Conversion;
import io.decant.core.convert.Conversions;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.LoadOrder;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides everything about a run before a row moves: which tables, in which order, and for every
 * column its source, its target and its conversion. Every problem found is reported at once.
 */
public final class Planner {
    private final MigrationOptions options;
    private final Conversions conversions;

    public Planner(MigrationOptions options) {
        this.options = options;
        this.conversions = new Conversions(options.naiveZone());
    }

    /** Plans reading {@code source} into {@code target}; {@code target} may be null for a source-only plan. */
    public MigrationPlan plan(SourceDatabase source, TargetDatabase target) {
        return plan(source, target == null ? null : TargetView.of(target));
    }

    /** Plans reading {@code source} alone: no target types (plan without --to, export --dry-run). */
    public MigrationPlan plan(SourceDatabase source) {
        return plan(source, (TargetView) null);
    }

    /** Plans against any view of a target (for verify: the target as read back). */
    public MigrationPlan plan(SourceDatabase source, TargetView target) {
        Problems problems = new Problems();
        List<MigrationPlan.Skipped> skipped = new ArrayList<>();
        List<Table> selected = select(source.tables(), skipped, problems);
        problems.throwIfAny();

        Map<TableId, Table> existing = new HashMap<>();
        if (target != null) {
            for (Table t : target.tables()) {
                existing.put(t.id(), t);
            }
        }
        Map<TableId, TableId> targetIds = new LinkedHashMap<>();
        for (Table s : selected) {
            targetIds.put(s.id(), target == null ? s.id() : target.resolve(s.name()));
        }
        Map<TableId, TablePlan> byTarget = new LinkedHashMap<>();
        for (Table s : selected) {
            TablePlan tp = planTable(s, targetIds, existing, target, problems);
            if (tp != null) {
                byTarget.put(tp.target().id(), tp);
            }
        }
        problems.throwIfAny();

        LoadOrder order = LoadOrder.of(byTarget.values().stream().map(TablePlan::target).toList());
        List<String> notes = new ArrayList<>();
        List<List<TablePlan>> groups = new ArrayList<>();
        for (List<Table> group : order.groups()) {
            groups.add(group.stream().map(t -> byTarget.get(t.id())).toList());
            if (group.size() > 1) {
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

    private List<Table> select(List<Table> all, List<MigrationPlan.Skipped> skipped, Problems problems) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table t : all) {
            byName.put(t.id().display(), t);
        }
        Set<String> only = new TreeSet<>();
        for (String n : options.tables()) {
            Table t = find(byName, n);
            if (t == null) {
                problems.add(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(n),
                        "--tables names " + n + ", which the source does not have; it has " + byName.keySet());
            } else {
                only.add(t.id().display());
            }
        }
        Set<String> excluded = new TreeSet<>();
        for (String n : options.exclude()) {
            Table t = find(byName, n);
            if (t == null) {
                problems.add(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(n),
                        "--exclude names " + n + ", which the source does not have; it has " + byName.keySet());
            } else {
                excluded.add(t.id().display());
            }
        }
        List<Table> selected = new ArrayList<>();
        for (Table t : all) {
            String name = t.id().display();
            if (excluded.contains(name)) {
                skipped.add(new MigrationPlan.Skipped(name, "excluded"));
            } else if (!only.isEmpty() && !only.contains(name)) {
                skipped.add(new MigrationPlan.Skipped(name, "not in --tables"));
            } else {
                selected.add(t);
            }
        }
        return selected;
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

    private TablePlan planTable(Table source, Map<TableId, TableId> targetIds, Map<TableId, Table> existing,
                                TargetView target, Problems problems) {
        ErrorContext where = ErrorContext.EMPTY.withPhase("plan").withTable(source.id().display());
        List<String> notes = new ArrayList<>();
        List<Column> readable = new ArrayList<>();
        for (Column c : source.columns()) {
            if (!c.isSupported()) {
                problems.add(ErrorCode.UNSUPPORTED_TYPE, where.withColumn(c.name()), "type " + c.sourceType()
                        + " is not supported (" + c.unsupported() + "); say as_text or skip for this column in the spec");
            } else if (c.identity() == Column.Identity.COMPUTED) {
                notes.add("column " + c.name() + " is computed by the source database and not copied");
            } else {
                readable.add(c);
            }
        }
        TableId targetId = targetIds.get(source.id());
        if (target == null) {
            List<ColumnPlan> cols = new ArrayList<>();
            for (int i = 0; i < readable.size(); i++) {
                Column c = readable.get(i);
                cols.add(ColumnPlan.copy(c, i, c, null, Conversion.identity(c.type())));
            }
            return new TablePlan(source, source, cols, false, source.rowEstimate(), notes);
        }
        Table targetTable = existing.get(targetId);
        boolean create = options.createSchema();
        if (create) {
            if (targetTable != null && !options.replaceTables()) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where, "target table " + targetId.display()
                        + " already exists; drop it, or load into it without --create-schema");
                return null;
            }
            targetTable = derive(source, readable, targetId, targetIds, target, notes);
        } else if (targetTable == null) {
            problems.add(ErrorCode.UNKNOWN_TABLE, where, "target has no table " + targetId.display()
                    + "; create it (the application's schema migrations, or --create-schema)");
            return null;
        }
        List<ColumnPlan> cols = new ArrayList<>();
        for (int index = 0; index < readable.size(); index++) {
            Column s = readable.get(index);
            var t = targetTable.findColumn(s.name());
            if (t.isEmpty()) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(s.name()), "target table " + targetId.display()
                        + " has no column " + s.name() + "; it has " + targetTable.columnNames());
                continue;
            }
            Column tc = t.get();
            if (tc.identity() == Column.Identity.COMPUTED) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(s.name()), "target column " + tc.name()
                        + " is computed by the target database and cannot be loaded");
                continue;
            }
            if (!conversions.exists(s.type(), tc.type())) {
                problems.add(ErrorCode.NO_CONVERSION, where.withColumn(s.name()), "no conversion from " + s.type()
                        + " (" + s.sourceType() + ") to " + tc.type() + " (" + tc.sourceType() + ")");
                continue;
            }
            cols.add(ColumnPlan.copy(s, index, tc, create ? target.nativeType(tc.type()) : tc.sourceType(),
                    conversions.find(s.type(), tc.type())));
        }
        for (Column tc : targetTable.columns()) {
            boolean fed = cols.stream().anyMatch(cp -> cp.target().name().equals(tc.name()));
            if (!fed && tc.identity() != Column.Identity.COMPUTED) {
                notes.add("target column " + tc.name() + " gets no value from the source: "
                        + (tc.nullable() ? "NULL or its default" : "its default, or the load fails (NOT NULL)"));
            }
        }
        return new TablePlan(source, targetTable, cols, create, source.rowEstimate(), notes);
    }

    /** The table decant creates: the source's columns in the target's stored types, FKs pointing at target names. */
    private static Table derive(Table source, List<Column> readable, TableId targetId, Map<TableId, TableId> targetIds,
                                TargetView target, List<String> notes) {
        List<Column> cols = readable.stream().map(c -> c.withType(target.storedType(c.type()))).toList();
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey fk : source.foreignKeys()) {
            TableId parent = targetIds.get(fk.refTable());
            if (parent == null) {
                notes.add("foreign key " + fk.columns() + " -> " + fk.refTable().display()
                        + " not created: the parent table is not migrated");
                continue;
            }
            fks.add(new ForeignKey(fk.name(), fk.columns(), parent, fk.refColumns(), fk.deferrable(), fk.onDelete(),
                    fk.onUpdate()));
        }
        List<Index> indexes = source.indexes();
        return new Table(targetId, cols, source.primaryKey(), indexes, fks, source.rowEstimate());
    }

    /** Problems found while planning; thrown together so that a user fixes them in one round. */
    static final class Problems {
        private final List<DecantException> found = new ArrayList<>();

        void add(ErrorCode code, ErrorContext where, String detail) {
            found.add(new DecantException(code, where, detail));
        }

        void throwIfAny() {
            if (found.isEmpty()) {
                return;
            }
            if (found.size() == 1) {
                throw found.get(0);
            }
            String all = found.stream().map(DecantException::getMessage).collect(Collectors.joining("\n  "));
            throw new DecantException(found.get(0).code(), ErrorContext.EMPTY.withPhase("plan"),
                    found.size() + " problems:\n  " + all);
        }
    }
}
