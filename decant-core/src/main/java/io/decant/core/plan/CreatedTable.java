package io.decant.core.plan;

import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table decant creates for a shaped source table (--create-schema, and a plan without a target):
 * its columns in the types the target stores, collations, computed columns, and the source's keys,
 * indexes and foreign keys under their new names.
 */
final class CreatedTable {
    private CreatedTable() {
    }

    /**
     * The collation a created text column gets: the one that compares as the source column does, where the target
     * can say it; otherwise (or with {@code --collation default}) the target's default, noted when the source's
     * rules differ from it.
     */
    private static String collation(ShapedColumn sc, LogicalType type, TargetView target,
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
     * Whether a column whose type the source database's own migrations made (an enum, a domain) keeps it: where the
     * target has the same type under that name (PostgreSQL to PostgreSQL); otherwise it gets the target's type for
     * its logical one, noted with the way out.
     */
    private static boolean ownTypeKept(ShapedColumn sc, LogicalType type, TargetView target, List<String> notes) {
        Column c = sc.source();
        String spelled = c.ownType() == null ? null : target.nativeColumnType(c.nativeType());
        if (spelled == null) {
            return false;
        }
        String why = target.ownTypeNotKept(c.nativeType(), c.ownType());
        if (why != null) {
            notes.add("column " + sc.name() + " is created as " + target.nativeType(type)
                    + ", not " + spelled + ": " + why);
        }
        return why == null;
    }

    /**
     * The table decant creates: the shaped columns in the target's stored types, the source's keys,
     * indexes and foreign keys under their new names; what no longer maps is dropped and noted.
     */
    static Table derive(Table source, List<ShapedColumn> shaped, TableId targetId, Map<TableId, TableId> targetIds,
                        Map<TableId, Shaper.Shaped> shapedBySource, TargetView target,
                        Map<String, LogicalType> keyTypes, boolean sourceCollation,
                        List<io.decant.core.schema.SchemaObject> notCreated, List<String> notes) {
        List<Column> cols = new ArrayList<>();
        Map<String, List<String>> notKept = new LinkedHashMap<>();
        Map<String, String> renamed = new HashMap<>();
        for (ShapedColumn sc : shaped) {
            // A key's text or bytes bounded for the target (KeyLengths), or the type the target stores the value as.
            LogicalType keyType = sc.source() == null ? null : keyTypes.get(sc.source().name());
            var type = target == null ? sc.type() : keyType != null ? keyType : target.storedType(sc.type());
            Column.Identity identity = sc.source() != null && sc.value() instanceof ValueSource.FromColumn
                    && sc.cast().isIdentity() ? sc.source().identity() : Column.Identity.NONE;
            // A column moved as the database's text is created with its own type where the target has it.
            String nativeType = sc.source() != null && !sc.source().isSupported() && sc.value() instanceof ValueSource.FromColumn
                    && sc.cast().isIdentity() && target != null && sc.source().nativeType() != null
                    && target.nativeColumnType(sc.source().nativeType()) != null ? sc.source().nativeType() : null;
            // A modelled column keeps its declared type where the target's own for its logical type compares otherwise.
            boolean asRead = nativeType == null && sc.source() != null && sc.source().isSupported()
                    && sc.value() instanceof ValueSource.FromColumn && sc.cast().isIdentity() && target != null
                    && sc.source().nativeType() != null;
            // Asked first: a target that keeps every declared type (an export folder) keeps the own type with it.
            boolean ownType = asRead && ownTypeKept(sc, type, target, notes);
            String declared = asRead && (ownType || target.keepsDeclaredType(sc.source().nativeType()))
                    ? sc.source().nativeType() : nativeType;
            cols.add(new Column(sc.name(), sc.source() != null ? sc.source().sourceType() : null, type, sc.nullable(),
                    identity == Column.Identity.COMPUTED ? Column.Identity.NONE : identity,
                    nativeType == null ? null : "moved as the database's text", declared,
                    collation(sc, type, target, sourceCollation, notKept), ownType ? sc.source().ownType() : null));
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
            Shaper.Shaped own = shapedBySource.get(source.id());
            if (own != null && own.tableSpec() != null && own.tableSpec().column(c.name()).skip()) {
                continue; // not created (the spec's skip is noted)
            }
            if (allKept && c.nativeType() != null && target.nativeColumnType(c.nativeType()) != null) {
                // At its place among the source's columns, so that the rows read as they did.
                int at = 0;
                for (Column before : source.columns().subList(0, source.columns().indexOf(c))) {
                    at += cols.stream().anyMatch(x -> x.name().equals(before.name())) ? 1 : 0;
                }
                cols.add(at, new Column(c.name(), c.sourceType(), target.storedType(c.type()), true, Column.Identity.COMPUTED,
                        null, c.nativeType()));
                notes.add(target.keptComputed(c.name()));
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
            if (ix.sourceOnly() != null) {
                continue; // the source lists it among the objects not created, with its definition
            }
            List<String> c = mapAll(ix.columns(), renamed);
            if (c != null) {
                // NULLS NOT DISTINCT only where the target keeps it (PostgreSQL 15 and later).
                boolean keeps = target != null && target.keepsNullsNotDistinct();
                // A deferred check only where the target has one (PostgreSQL); elsewhere checked at each row, noted.
                boolean defers = target != null && target.keepsDeferral();
                indexes.add(new Index(ix.name(), c, ix.unique(), ix.constraint(), ix.sourceOnly(), ix.definition(),
                        keeps && ix.nullsNotDistinct(), defers ? ix.deferral() : null));
                if (ix.unique() && ix.nullsNotDistinct() && !keeps) {
                    notes.add("unique key " + ix.name() + " " + ix.columns() + " is NULLS NOT DISTINCT in the source (one"
                            + " NULL at most); the target's unique key lets several rows hold NULL in it");
                }
                if (ix.deferral() != null && !defers) {
                    notes.add("unique key " + ix.name() + " " + ix.columns() + " is " + ix.deferral() + " in the source"
                            + " (checked at the end of a statement or transaction); the target checks it at each row");
                }
            }
        }
        rebuiltOrNoted(source, shaped, cols, targetId, target, notCreated, indexes, notes);
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
            if (!uniqueIn(parentShape.source(), fk.refColumns())) {
                // SQLite declares such a key and never enforces it; every target refuses to create one (after the rows).
                notes.add("foreign key " + fk.columns() + " -> " + fk.refTable().display() + fk.refColumns() + " not"
                        + " created: " + fk.refTable().display() + " has no primary key or unique key on " + fk.refColumns()
                        + ", which a target's foreign key needs (the source could not enforce it either)");
                continue;
            }
            String named = "foreign key " + (fk.name() == null ? "" : fk.name() + " ") + fk.columns();
            boolean defers = fk.deferrable();
            if (defers && target != null && !target.keepsForeignKeyDeferral()) {
                notes.add(named + " is " + (fk.initiallyDeferred() ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE")
                        + " in the source (checked at the end of a statement or transaction); the target checks it at each row");
                defers = false;
            }
            String onDelete = keptAction(fk.onDelete(), "DELETE", named, target, notes);
            String onUpdate = keptAction(fk.onUpdate(), "UPDATE", named, target, notes);
            fks.add(new ForeignKey(fk.name(), c, parent, rc, defers, onDelete, onUpdate, defers && fk.initiallyDeferred()));
        }
        return new Table(targetId, cols, pk, indexes, fks, source.rowEstimate());
    }

    /** {@code action} on {@code event} where the target has it; else null (no action), noted with what to do instead. */
    private static String keptAction(String action, String event, String named, TargetView target, List<String> notes) {
        if (action == null || target == null || target.keepsForeignKeyAction(action)) {
            return action;
        }
        notes.add(named + " is ON " + event + " " + action.strip().toUpperCase(java.util.Locale.ROOT) + " in the source;"
                + " the target has no such action, so it is created without one (a " + event.toLowerCase(java.util.Locale.ROOT)
                + " of a referenced row is refused while rows refer to it): do it in the application, or with a trigger");
        return null;
    }

    /**
     * An index the source defines in its own SQL (partial, over expressions) is built as it is where the target is
     * of the source's kind, the table keeps its name, and every column is created under its own name with its
     * value as read (its expressions and predicate name columns, and mean what they meant); everything else of
     * {@code notCreated} is noted with its way out.
     */
    private static void rebuiltOrNoted(Table source, List<ShapedColumn> shaped, List<Column> cols, TableId targetId,
                                       TargetView target, List<io.decant.core.schema.SchemaObject> notCreated,
                                       List<Index> indexes, List<String> notes) {
        boolean asRead = shaped.stream().allMatch(sc -> sc.source() == null || sc.source().name().equals(sc.name())
                && sc.value() instanceof ValueSource.FromColumn && sc.cast().isIdentity())
                && source.columns().stream().allMatch(c -> cols.stream().anyMatch(x -> x.name().equals(c.name())));
        boolean sameName = targetId.name().equals(source.name());
        for (var o : notCreated) {
            Index ix = o.rebuilt();
            if (ix == null || target == null || !target.buildsIndexDefinition(ix.definition())) {
                notes.add(o.note());
            } else if (!sameName || !asRead) {
                notes.add(o.because(!sameName ? "the table is renamed" : "the spec renames, skips or casts a column of"
                        + " the table, which its definition may name").note());
            } else {
                indexes.add(ix); // plan shows it among what it creates, with its definition
            }
        }
    }

    /** Whether {@code columns} are the primary key or a unique index of {@code table}, in any order. */
    private static boolean uniqueIn(Table table, List<String> columns) {
        java.util.Set<String> want = lower(columns);
        if (want.isEmpty() || want.equals(lower(table.primaryKey()))) {
            return true;
        }
        return table.indexes().stream().anyMatch(ix -> ix.keysRows() && lower(ix.columns()).equals(want));
    }

    private static java.util.Set<String> lower(List<String> names) {
        java.util.Set<String> out = new java.util.HashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(java.util.Locale.ROOT)));
        return out;
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
}
