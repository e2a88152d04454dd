package io.decant.core.plan;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.run.MigrationOptions;
import io.decant.core.run.RowMapper;
import io.decant.core.run.RunIds;
import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.LoadOrder;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecCheck;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.transform.Casts;
import io.decant.core.transform.Conversion;
import io.decant.core.transform.Conversions;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides everything about a run before a row moves: which tables, in which order, and for every
 * target column where its value comes from and how it is converted. The spec shapes the source
 * ({@link Shaper}); the target's declared types add the last, lossless conversion. Every problem
 * found is reported at once.
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

    /** A shaped table's target name within its source schema: auth.users and users are two receivers. */
    private static String qualified(Shaper.Shaped s) {
        String schema = s.source().id().schema();
        return schema == null ? s.targetName() : schema + "." + s.targetName();
    }

    /**
     * Which unsupported columns of {@code source} meet the same native type in the target: an existing
     * target column of that type, or (with --create-schema) a target that creates it.
     */
    private java.util.function.Predicate<Column> nativeOnTarget(Table source, io.decant.core.spec.TableSpec ts,
                                                               TargetView target, Map<TableId, Table> tables) {
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
                    && exactOrFolded(existing, to).map(c::sameNativeType).orElse(false);
        };
    }

    /** Plans against any view of a target (for verify: the target as read back). */
    public MigrationPlan plan(SourceDatabase source, TargetView target) {
        Problems problems = new Problems();
        List<MigrationPlan.Skipped> skipped = new ArrayList<>();
        List<Table> all = source.tables();
        SpecCheck.orThrow(spec, all);
        List<Table> selected = select(all, skipped, problems);
        problems.throwIfAny();

        Map<TableId, Table> existing = new HashMap<>();
        if (target != null) {
            for (Table t : target.tables()) {
                existing.put(t.id(), t);
            }
        }
        IdRewrites rewrites = new IdRewrites(spec, ids, all);
        Shaper shaper = new Shaper(spec, rewrites, KeyCasts.find(spec, all, problems));
        Map<String, Shaper.Shaped> receivers = new LinkedHashMap<>();
        List<Shaper.Shaped> merged = new ArrayList<>();
        for (Table s : selected) {
            Shaper.Shaped shaped = shaper.shape(s, spec.table(s, all), nativeOnTarget(s, spec.table(s, all), target, existing), problems);
            shaped.notes().addAll(source.valueNotes(s));
            if (shaped.tableSpec().isMerge()) {
                merged.add(shaped);
                if (!shaped.tableSpec().keep().isEmpty()) {
                    Shaper.Shaped kept = keptPart(shaped);
                    receivers.put(qualified(kept), kept);
                }
            } else {
                receivers.put(qualified(shaped), shaped);
            }
        }
        Map<String, List<MergePart>> merges = new LinkedHashMap<>();
        for (Shaper.Shaped m : merged) {
            String schema = m.source().id().schema();
            Shaper.Shaped receiver = receivers.get(schema == null ? m.tableSpec().into() : schema + "." + m.tableSpec().into());
            if (receiver == null) {
                receiver = receivers.get(m.tableSpec().into());
            }
            if (receiver == null) {
                problems.add(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withTable(m.source().id().display())
                        .withLocation(spec.locate("tables." + m.source().id().display() + ".into").toString()),
                        "merges into " + m.tableSpec().into() + ", but no migrated source table becomes "
                                + m.tableSpec().into());
                continue;
            }
            merges.computeIfAbsent(qualified(receiver), k -> new ArrayList<>()).add(new MergePart(m, source));
            if (m.tableSpec().keep().isEmpty()) {
                skipped.add(new MigrationPlan.Skipped(m.source().id().display(), "merged into " + receiver.targetName()
                        + " by " + String.join(", ", m.tableSpec().key())));
            }
        }

        Map<TableId, TableId> targetIds = new LinkedHashMap<>();
        Map<TableId, Shaper.Shaped> shapedBySource = new LinkedHashMap<>();
        for (Shaper.Shaped s : receivers.values()) {
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
                ? KeyTextBounds.decide(source, target, shapedBySource, keyNotes, problems) : Map.of();
        Map<TableId, TablePlan> byTarget = new LinkedHashMap<>();
        List<MigrationPlan.DeclaredUnique> uniques = new ArrayList<>();
        for (Shaper.Shaped s : receivers.values()) {
            List<MergePart> parts = merges.getOrDefault(qualified(s), List.of());
            TablePlan tp = planTable(s, parts, targetIds, shapedBySource, existing, target,
                    keyTypes.getOrDefault(s.source().id(), Map.of()), keyNotes.getOrDefault(s.source().id(), List.of()),
                    problems);
            if (tp != null) {
                byTarget.put(tp.target().id(), tp);
                declaredUniques(s, tp.target(), problems, uniques);
            }
        }
        if (target != null) {
            identifiers(byTarget.values(), target, problems);
        }
        problems.throwIfAny();
        if (target != null) {
            nameCreated(byTarget, existing, target);
        }
        MigrationPlan plan = order(source, target, byTarget, skipped, problems);
        return new MigrationPlan(plan.source(), plan.target(), plan.consistency(), plan.groups(), plan.skipped(),
                plan.notes(), declaredReferences(rewrites, plan), uniques);
    }

    /**
     * The names of the tables and columns decant creates must fit the target: a longer one would be
     * refused by it (MySQL) or cut silently (PostgreSQL), after earlier tables were loaded; two names
     * the target would cut to the same one are named together.
     */
    private void identifiers(java.util.Collection<TablePlan> tables, TargetView target, Problems problems) {
        int max = target.maxIdentifierLength();
        Map<String, List<String>> tablesByCut = new LinkedHashMap<>();
        for (TablePlan tp : tables) {
            if (!tp.create()) {
                continue;
            }
            String table = tp.target().id().display();
            ErrorContext where = ErrorContext.EMPTY.withPhase("plan").withTable(tp.source().id().display());
            String tableName = tp.target().name();
            if (target.identifierLength(tableName) > max) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where, "target table name " + tableName + " is "
                        + target.identifierLength(tableName) + " long; " + target.displayUrl() + " keeps at most " + max
                        + "; rename it in the spec (tables." + tp.source().id().display() + ".into: A_SHORTER_NAME)");
            }
            tablesByCut.computeIfAbsent((tp.target().id().schema() == null ? "" : tp.target().id().schema() + ".")
                    + cut(tableName, max, target).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(tableName);
            Map<String, List<String>> columnsByCut = new LinkedHashMap<>();
            for (Column c : tp.target().columns()) {
                int length = target.identifierLength(c.name());
                if (length > max) {
                    problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(c.name()), "target column " + table + "."
                            + c.name() + " has a name " + length + " long; " + target.displayUrl() + " keeps at most " + max
                            + "; rename it in the spec (tables." + tp.source().id().display() + ".columns." + c.name()
                            + ".to: A_SHORTER_NAME)");
                }
                columnsByCut.computeIfAbsent(cut(c.name(), max, target).toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(c.name());
            }
            for (List<String> v : columnsByCut.values()) {
                if (v.size() > 1 && (v.stream().anyMatch(n -> target.identifierLength(n) > max) || target.columnNamesIgnoreCase())) {
                    problems.add(ErrorCode.SCHEMA_MISMATCH, where.withColumn(v.get(0)), "target columns " + table + "."
                            + v.get(0) + " and " + table + "." + v.get(1) + sameName(v, max, target) + "; rename one in the"
                            + " spec (tables." + tp.source().id().display() + ".columns.NAME.to: ANOTHER_NAME)");
                }
            }
        }
        for (List<String> v : tablesByCut.values()) {
            if (v.size() > 1 && (v.stream().anyMatch(n -> target.identifierLength(n) > max) || target.tableNamesIgnoreCase())) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withPhase("plan").withTable(v.get(0)), "target tables "
                        + v.get(0) + " and " + v.get(1) + sameName(v, max, target) + "; rename one in the spec"
                        + " (tables.NAME.into: ANOTHER_NAME)");
            }
        }
    }

    private static String sameName(List<String> names, int max, TargetView target) {
        return names.stream().anyMatch(n -> target.identifierLength(n) > max)
                ? " are the same name once cut to the " + max + " the target keeps"
                : " are the same name to " + target.displayUrl() + ", which compares names without case";
    }

    /** The longest head of {@code name} that the target keeps. */
    private static String cut(String name, int max, TargetView target) {
        if (target.identifierLength(name) <= max) {
            return name;
        }
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (target.identifierLength(head + new String(Character.toChars(cp))) > max) {
                break;
            }
            head.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return head.toString();
    }

    /** Gives the indexes and constraints of the created tables names unique in their target schema ({@link CreatedNames}). */
    private static void nameCreated(Map<TableId, TablePlan> byTarget, Map<TableId, Table> existing, TargetView target) {
        List<TablePlan> created = byTarget.values().stream().filter(TablePlan::create).toList();
        if (created.isEmpty()) {
            return;
        }
        CreatedNames.Result named = new CreatedNames(target.maxIdentifierLength(), target::identifierLength)
                .assign(created.stream().map(TablePlan::target).toList(), new ArrayList<>(existing.values()));
        for (int i = 0; i < created.size(); i++) {
            TablePlan tp = created.get(i);
            Table t = named.tables().get(i);
            List<String> notes = new ArrayList<>(tp.notes());
            for (CreatedNames.Renamed r : named.renamed().getOrDefault(t.id(), List.of())) {
                notes.add(r.kind() + " " + r.from() + " is created as " + r.to() + ": " + r.why());
            }
            byTarget.put(t.id(), new TablePlan(tp.source(), tp.read(), t, tp.columns(), tp.filter(), tp.filterText(),
                    tp.finisher(), tp.create(), tp.sourceRows(), notes, tp.issues()));
        }
    }

    /**
     * The table's {@code unique} keys over the target table's own column names (the spec checked the
     * names against the columns it shapes; a target read back may spell them in its own case). A
     * function needs a text column in the target too.
     */
    private void declaredUniques(Shaper.Shaped s, Table target, Problems problems,
                                 List<MigrationPlan.DeclaredUnique> out) {
        for (io.decant.core.spec.UniqueKey key : s.tableSpec().unique()) {
            boolean ok = true;
            for (io.decant.core.spec.UniqueKey.Term term : key.terms()) {
                ErrorContext where = ErrorContext.EMPTY.withPhase("plan").withTable(s.source().id().display())
                        .withLocation(spec.locate(term.path()).toString());
                Optional<Column> c = exactOrFolded(target, term.column());
                if (c.isEmpty()) {
                    problems.add(ErrorCode.SPEC_INVALID, where, "unique " + key + ": target table " + target.id().display()
                            + " has no column " + term.column() + "; it has " + target.columnNames());
                    ok = false;
                } else if (!term.functions().isEmpty() && c.get().type().kind() != io.decant.core.type.Kind.TEXT) {
                    problems.add(ErrorCode.SPEC_INVALID, where, "unique " + key + ": " + term.functions().get(0).spelling()
                            + " applies to text, and target column " + c.get().name() + " is " + c.get().type());
                    ok = false;
                }
            }
            if (ok) {
                out.add(new MigrationPlan.DeclaredUnique(target.id(),
                        key.withColumns(n -> exactOrFolded(target, n).orElseThrow().name())));
            }
        }
    }

    private MigrationPlan order(SourceDatabase source, TargetView target, Map<TableId, TablePlan> byTarget,
                                List<MigrationPlan.Skipped> skipped, Problems problems) {
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
        Problems problems = new Problems();
        List<Table> selected = select(all, new ArrayList<>(), problems);
        problems.throwIfAny();
        return selected;
    }

    private List<Table> select(List<Table> all, List<MigrationPlan.Skipped> skipped, Problems problems) {
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
                skipped.add(new MigrationPlan.Skipped(name, "excluded"));
            } else if (spec.isExcluded(name)) {
                skipped.add(new MigrationPlan.Skipped(name, "excluded by the spec"));
            } else if (!only.isEmpty() && !only.contains(name)) {
                skipped.add(new MigrationPlan.Skipped(name, "not in --tables"));
            } else {
                selected.add(t);
            }
        }
        return selected;
    }

    private static Set<String> names(String option, List<String> given, Map<String, Table> byName, Problems problems) {
        Set<String> out = new TreeSet<>();
        for (String n : given) {
            Table t = find(byName, n);
            if (t == null) {
                problems.add(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(n),
                        option + " names " + n + ", which the source does not have"
                                + io.decant.core.spec.Suggest.hint(n, byName.keySet()) + "; it has " + byName.keySet());
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

    private TablePlan planTable(Shaper.Shaped s, List<MergePart> merges, Map<TableId, TableId> targetIds,
                                Map<TableId, Shaper.Shaped> shapedBySource, Map<TableId, Table> existing,
                                TargetView target, Map<String, LogicalType> keyTypes, List<String> keyNotes,
                                Problems problems) {
        Table source = s.source();
        ErrorContext where = ErrorContext.EMPTY.withPhase("plan").withTable(source.id().display());
        List<String> notes = new ArrayList<>(s.notes());
        List<ShapedColumn> shaped = new ArrayList<>(s.columns());
        for (MergePart m : merges) {
            shaped.addAll(m.columns(s, problems));
            notes.add("columns " + m.columnNames() + " merged from " + m.shaped.source().id().display() + " by "
                    + String.join(", ", m.shaped.tableSpec().key()) + " (the merged table is held in memory by key)");
        }
        Map<String, ShapedColumn> seen = new HashMap<>();
        for (ShapedColumn sc : shaped) {
            ShapedColumn before = seen.putIfAbsent(sc.name(), sc);
            if (before != null) {
                problems.add(ErrorCode.SPEC_INVALID, where.withColumn(sc.name()), "target column " + sc.name()
                        + " would get two values: " + describe(before) + " and " + describe(sc)
                        + "; skip or rename one of them in the spec");
            }
        }
        TableId targetId = targetIds.get(source.id());
        if (target != null && source.id().schema() != null && targetId.schema() == null) {
            notes.add("schema " + source.id().schema() + " is not kept (the target has no schemas): loads as "
                    + targetId.display());
        }
        Table targetTable;
        boolean create = options.createSchema();
        if (target == null) {
            targetTable = derive(source, shaped, targetId, targetIds, shapedBySource, null, Map.of(), false, notes);
            create = false;
        } else if (create) {
            if (existing.containsKey(targetId) && !options.replaceTables()) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, where, "target table " + targetId.display()
                        + " already exists; drop it, load into it without --create-schema, or --resume the run that"
                        + " created it");
                return null;
            }
            notes.addAll(keyNotes);
            targetTable = derive(source, shaped, targetId, targetIds, shapedBySource, target, keyTypes,
                    options.sourceCollation(), notes);
        } else {
            targetTable = existing.get(targetId);
            if (targetTable == null) {
                problems.add(ErrorCode.UNKNOWN_TABLE, where, "target has no table " + targetId.display() + (comparing
                        ? "; migrate it first, or leave it out of the comparison with --exclude " + source.id().display()
                        : "; create it (the application's schema migrations, or --create-schema)"));
                return null;
            }
        }
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
            String nativeType = target == null ? null : !create ? tc.sourceType()
                    : tc.nativeType() != null && target.nativeColumnType(tc.nativeType()) != null
                    ? target.nativeColumnType(tc.nativeType()) : target.nativeType(tc.type());
            Conversion check = nativeType == null ? null : target.writeCheck(tc.type(), nativeType);
            if (check != null) {
                // the sink's own refusal, run here too so that plan --sample finds it before the first row
                conversion = conversion.then(check);
            }
            if (create && nativeType != null && tc.collation() != null) {
                nativeType = nativeType + " COLLATE \"" + tc.collation().replace("\"", "\"\"") + "\"";
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
        for (Column tc : targetTable.columns()) {
            boolean fed = cols.stream().anyMatch(cp -> cp.target().name().equals(tc.name()));
            if (!fed && tc.identity() != Column.Identity.COMPUTED) {
                notes.add("target column " + tc.name() + " gets no value from the source: "
                        + (tc.nullable() ? "NULL or its default" : "its default, or the load fails (NOT NULL)"));
            }
        }
        TablePlan.Finisher finisher = merges.isEmpty() ? null : () -> {
            List<String> out = new ArrayList<>();
            for (MergePart m : merges) {
                long unclaimed = m.index().unclaimed();
                if (unclaimed > 0) {
                    out.add(unclaimed + " rows of " + m.index().tableName() + " found no row in " + targetId.display()
                            + " to merge into: " + (m.shaped.tableSpec().keep().isEmpty() ? "they were not migrated"
                            : "their merged columns " + m.columnNames() + " were not migrated (their kept columns were)"));
                }
            }
            return out;
        };
        return new TablePlan(source, s.read(), targetTable, cols, s.filter(), s.filterText(), finisher, create,
                source.rowEstimate(), notes, null);
    }

    /** A split table's own part: its key and the columns it keeps, under its own (naming-converted) name. */
    private Shaper.Shaped keptPart(Shaper.Shaped s) {
        var ts = s.tableSpec();
        List<ShapedColumn> cols = s.columns().stream().filter(c -> c.source() != null
                && (ts.key().contains(c.source().name()) || ts.keep().contains(c.source().name()))).toList();
        return new Shaper.Shaped(s.source(), ts.kept(), spec.naming().apply(s.source().name()), s.read(), cols, s.filter(),
                s.filterText(), List.of("split: " + ts.key() + " and " + ts.keep() + " stay here, the other columns merge"
                        + " into " + ts.into()));
    }

    /** The spec's id references in target names, where both tables are migrated and the columns copied. */
    private static List<MigrationPlan.DeclaredReference> declaredReferences(IdRewrites rewrites, MigrationPlan plan) {
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

    private static String describe(ShapedColumn c) {
        return c.origin() != null ? c.origin() : c.source() != null ? "column " + c.source().name() : c.name();
    }

    private static Optional<Column> exactOrFolded(Table t, String name) {
        for (Column c : t.columns()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return t.findColumn(name);
    }

    /**
     * The collation a created text column gets: the one that compares as the source column does, where the target
     * can say it; otherwise (or with {@code --collation default}) the target's default, noted when the source's
     * rules differ from it.
     */
    private static String collation(ShapedColumn sc, io.decant.core.type.LogicalType type, TargetView target,
                                    boolean sourceCollation, Map<String, List<String>> notKept) {
        if (target == null || !sourceCollation || !target.createsCollations() || type.kind() != Kind.TEXT
                || sc.source() == null || sc.source().collation() == null
                || !(sc.value() instanceof ValueSource.FromColumn) || !sc.cast().isIdentity()) {
            return null;
        }
        String c = target.createdCollation(sc.source().collation());
        if (c == null) {
            notKept.computeIfAbsent(sc.source().collation(), k -> new ArrayList<>()).add(sc.name());
        }
        return c;
    }

    /**
     * The table decant creates: the shaped columns in the target's stored types, the source's keys,
     * indexes and foreign keys under their new names; what no longer maps is dropped and noted.
     */
    private static Table derive(Table source, List<ShapedColumn> shaped, TableId targetId, Map<TableId, TableId> targetIds,
                                Map<TableId, Shaper.Shaped> shapedBySource, TargetView target,
                                Map<String, LogicalType> keyTypes, boolean sourceCollation, List<String> notes) {
        List<Column> cols = new ArrayList<>();
        Map<String, List<String>> notKept = new java.util.LinkedHashMap<>();
        Map<String, String> renamed = new HashMap<>();
        for (ShapedColumn sc : shaped) {
            // A key's text bounded for the target (KeyTextBounds), or the type the target stores the value as.
            LogicalType keyType = sc.source() == null ? null : keyTypes.get(sc.source().name());
            var type = target == null ? sc.type() : keyType != null ? keyType : target.storedType(sc.type());
            Column.Identity identity = sc.source() != null && sc.value() instanceof ValueSource.FromColumn
                    && sc.cast().isIdentity() ? sc.source().identity() : Column.Identity.NONE;
            // A column moved as the database's text is created with its own type where the target has it.
            String nativeType = sc.source() != null && !sc.source().isSupported() && sc.value() instanceof ValueSource.FromColumn
                    && sc.cast().isIdentity() && target != null && sc.source().nativeType() != null
                    && target.nativeColumnType(sc.source().nativeType()) != null ? sc.source().nativeType() : null;
            // A modelled column keeps its declared type where the target's own for its logical type compares otherwise.
            String declared = nativeType == null && sc.source() != null && sc.source().isSupported()
                    && sc.value() instanceof ValueSource.FromColumn && sc.cast().isIdentity() && target != null
                    && sc.source().nativeType() != null && target.keepsDeclaredType(sc.source().nativeType())
                    ? sc.source().nativeType() : nativeType;
            cols.add(new Column(sc.name(), sc.source() != null ? sc.source().sourceType() : null, type, sc.nullable(),
                    identity == Column.Identity.COMPUTED ? Column.Identity.NONE : identity,
                    nativeType == null ? null : "moved as the database's text", declared,
                    collation(sc, type, target, sourceCollation, notKept)));
            if (sc.source() != null) {
                renamed.put(sc.source().name(), sc.name());
            }
        }
        // One note per table and collation: a MySQL schema's text columns are mostly case-insensitive.
        notKept.forEach((coll, names) -> notes.add((names.size() == 1 ? "column " + names.get(0) + " compares"
                : "columns " + String.join(", ", names) + " compare") + " as " + coll + " in the source; the target has"
                + " no collation that compares the same, so " + (names.size() == 1 ? "it is" : "they are") + " created"
                + " with the target database's default collation (docs/compatibility.md, \"Collations\")"));
        // A computed column is created with its expression where the target speaks the source's SQL (PostgreSQL to
        // PostgreSQL) and every column it may name is there under its own name; otherwise it is left out (noted).
        boolean allKept = source.columns().stream().allMatch(c -> c.identity() == Column.Identity.COMPUTED
                || c.name().equals(renamed.get(c.name())));
        for (Column c : source.columns()) {
            if (c.identity() != Column.Identity.COMPUTED || target == null) {
                continue;
            }
            if (allKept && c.nativeType() != null && target.nativeColumnType(c.nativeType()) != null) {
                // At its place among the source's columns, so that the rows read as they did.
                int at = 0;
                for (Column before : source.columns().subList(0, source.columns().indexOf(c))) {
                    at += cols.stream().anyMatch(x -> x.name().equals(before.name())) ? 1 : 0;
                }
                cols.add(at, new Column(c.name(), c.sourceType(), target.storedType(c.type()), true, Column.Identity.COMPUTED,
                        null, c.nativeType()));
                notes.add("column " + c.name() + " is created computed, as in the source: the target computes it");
            } else {
                notes.add("column " + c.name() + " is computed by the source and not created: its expression is the"
                        + " source database's" + (allKept ? "" : ", and names columns this spec renames or skips"));
            }
        }
        List<String> pk = mapAll(source.primaryKey(), renamed);
        if (pk == null) {
            pk = List.of();
            if (!source.primaryKey().isEmpty()) {
                notes.add("primary key " + source.primaryKey() + " not created: not all of its columns are copied");
            }
        }
        List<Index> indexes = new ArrayList<>();
        for (Index ix : source.indexes()) {
            List<String> c = mapAll(ix.columns(), renamed);
            if (c != null) {
                indexes.add(new Index(ix.name(), c, ix.unique(), ix.constraint()));
            }
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey fk : source.foreignKeys()) {
            TableId parent = targetIds.get(fk.refTable());
            List<String> c = mapAll(fk.columns(), renamed);
            Shaper.Shaped parentShape = shapedBySource.get(fk.refTable());
            List<String> rc = parentShape == null ? null : mapAll(fk.refColumns(), renamedColumns(parentShape));
            if (parent == null || c == null || rc == null) {
                notes.add("foreign key " + fk.columns() + " -> " + fk.refTable().display() + fk.refColumns()
                        + " not created: " + (parent == null ? "the parent table is not migrated" : "a column is not copied"));
                continue;
            }
            fks.add(new ForeignKey(fk.name(), c, parent, rc, fk.deferrable(), fk.onDelete(), fk.onUpdate()));
        }
        return new Table(targetId, cols, pk, indexes, fks, source.rowEstimate());
    }

    private static Map<String, String> renamedColumns(Shaper.Shaped s) {
        Map<String, String> m = new HashMap<>();
        for (ShapedColumn sc : s.columns()) {
            if (sc.source() != null) {
                m.put(sc.source().name(), sc.name());
            }
        }
        return m;
    }

    private static List<String> mapAll(List<String> names, Map<String, String> renamed) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String r = renamed.get(n);
            if (r == null) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    /** One table merged into a receiving table. */
    private final class MergePart {
        final Shaper.Shaped shaped;
        final SourceDatabase source;
        private MergeIndex index;
        private List<String> columnNames = List.of();

        MergePart(Shaper.Shaped shaped, SourceDatabase source) {
            this.shaped = shaped;
            this.source = source;
        }

        MergeIndex index() {
            return index;
        }

        List<String> columnNames() {
            return columnNames;
        }

        /** The merged columns, each looked up by the receiving row's key. */
        List<ShapedColumn> columns(Shaper.Shaped receiver, Problems problems) {
            var ts = shaped.tableSpec();
            List<String> readNames = shaped.read().stream().map(Column::name).toList();
            int[] keyIdx = ts.key().stream().mapToInt(readNames::indexOf).toArray();
            // The receiving side's key: the receiver's written columns named by keyTargets, read back from its source row.
            List<String> receiverRead = receiver.read().stream().map(Column::name).toList();
            int[] receiverKey = new int[ts.keyTargets().size()];
            for (int i = 0; i < receiverKey.length; i++) {
                String targetCol = ts.keyTargets().get(i);
                ShapedColumn rc = receiver.columns().stream().filter(c -> c.name().equals(targetCol)).findFirst().orElse(null);
                if (rc == null || !(rc.value() instanceof ValueSource.FromColumn f)) {
                    problems.add(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withTable(shaped.source().id().display()),
                            "merge key " + ts.key().get(i) + " -> " + targetCol + ": " + receiver.targetName()
                                    + " has no copied column " + targetCol + " to match on");
                    return List.of();
                }
                receiverKey[i] = f.index();
            }
            List<ShapedColumn> values = shaped.columns().stream().filter(c -> c.source() == null
                    || !(ts.key().contains(c.source().name()) || ts.keep().contains(c.source().name()))).toList();
            List<ColumnPlan> mergedPlans = new ArrayList<>();
            for (ShapedColumn c : values) {
                mergedPlans.add(new ColumnPlan(c.source(), new Column(c.name(), null, c.type(), true, null), null, c.value(),
                        c.cast(), c.ifNull(), c.origin()));
            }
            TablePlan mergedPlan = new TablePlan(shaped.source(), shaped.read(),
                    new Table(TableId.of(shaped.targetName()), mergedPlans.stream().map(ColumnPlan::target).toList(),
                            List.of(), List.of(), List.of(), -1),
                    mergedPlans, shaped.filter(), shaped.filterText(), null, false, -1, List.of(), null);
            index = new MergeIndex(source, shaped.source(), shaped.read(), keyIdx, new RowMapper(mergedPlan));
            MergeIndex idx = index;
            List<ShapedColumn> out = new ArrayList<>();
            columnNames = values.stream().map(ShapedColumn::name).toList();
            for (int j = 0; j < values.size(); j++) {
                int col = j;
                ShapedColumn c = values.get(j);
                ValueSource.RowFunction f = row -> {
                    Object[] key = new Object[receiverKey.length];
                    for (int k = 0; k < key.length; k++) {
                        key[k] = row[receiverKey[k]];
                    }
                    Object[] merged = idx.lookup(key);
                    return merged == null ? null : merged[col];
                };
                // The merged row's values are already cast; only the receiving target's conversion remains. The
                // column's default also stands in when no row was merged for this key.
                out.add(new ShapedColumn(null, c.name(), new ValueSource.Computed(f, "merged from "
                        + shaped.source().id().display()), Conversion.identity(c.type()), c.ifNull(), c.ifNull() == null,
                        "merged from " + shaped.source().id().display() + "." + (c.source() == null ? c.name() : c.source().name())));
            }
            return out;
        }
    }

    /** Problems found while planning; thrown together so that a user fixes them in one round. */
    static final class Problems {
        private final List<DecantException> found = new ArrayList<>();

        void add(ErrorCode code, ErrorContext where, String detail) {
            found.add(new DecantException(code, where, detail));
        }

        void add(DecantException e) {
            found.add(e);
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
