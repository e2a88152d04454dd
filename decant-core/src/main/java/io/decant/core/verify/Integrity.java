package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.UniqueKey;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the target on its own, reading it back: foreign-key orphans, duplicates of primary and
 * unique keys and of keys the spec declares unique ({@code lower(email)}), NULLs in NOT NULL
 * columns. Works the same on every target (a JSONL folder enforces nothing), by streaming each table
 * once with 64-bit key hashes; parents are read first, so their key sets are ready for their
 * children. The stream is verify's checksum pass over the table when that reads every column the
 * checks need and the table's parents are done ({@link Session#ride}), else a read of its own. A
 * table with duplicates is read once more to name them: each duplicated key value with its number of
 * rows and some of those rows' primary keys. Each check also carries the equivalent SQL, in the
 * target's quoting, for a person to run.
 *
 * <p>This class decides which checks a table gets and feeds them its rows; each kind of check is a
 * {@link Probe} of its own ({@link DuplicatesProbe}, {@link OrphansProbe}, {@link NullsProbe}).
 */
final class Integrity {
    private final SourceDatabase target;
    private final int maxExamples;
    private final ProbeSql sql;

    Integrity(SourceDatabase target, int maxExamples) {
        this.target = target;
        this.maxExamples = maxExamples;
        this.sql = new ProbeSql(target);
    }

    List<IntegrityCheck> run(List<Table> tables) {
        return run(tables, Map.of());
    }

    /** @param declared per target table, the keys the spec declares unique, over its column names */
    List<IntegrityCheck> run(List<Table> tables, Map<TableId, List<UniqueKey>> declared) {
        return start(tables, declared).finish();
    }

    /**
     * The checks of these tables, to be run by {@link Session#finish}; before that, a table's checks
     * may ride along another read of the whole table ({@link Session#ride}), verify's checksum pass,
     * which spares the target a second read.
     */
    Session start(List<Table> tables, Map<TableId, List<UniqueKey>> declared) {
        return new Session(tables, declared);
    }

    /**
     * The checks of a set of tables. Results come in load order, parents first, whichever order the
     * tables were read in; a table whose parents are not done yet reads the target on its own in
     * {@link #finish}, as every table did before.
     */
    final class Session {
        private final List<Table> tablesInLoadOrder;
        private final Map<TableId, Table> byId = new HashMap<>();
        private final Map<TableId, Integer> position = new HashMap<>();
        /** Which column lists of which tables are referenced: their key sets must be kept. */
        private final Map<TableId, Set<List<String>>> referenced = new HashMap<>();
        private final Map<TableId, List<UniqueKey>> declared;
        private final Map<String, LongHashSet> keySets = new HashMap<>();
        private final Map<TableId, List<IntegrityCheck>> results = new HashMap<>();
        private final Set<TableId> started = new java.util.HashSet<>();

        private Session(List<Table> tables, Map<TableId, List<UniqueKey>> declared) {
            // Parents first, counting references that are not foreign keys of the target (declared in the spec).
            this.tablesInLoadOrder = io.decant.core.schema.LoadOrder.of(tables).tables();
            this.declared = declared;
            for (Table t : tablesInLoadOrder) {
                byId.put(t.id(), t);
                position.put(t.id(), position.size());
            }
            for (Table t : tablesInLoadOrder) {
                for (ForeignKey fk : t.foreignKeys()) {
                    if (byId.containsKey(fk.refTable())) {
                        referenced.computeIfAbsent(fk.refTable(), k -> new LinkedHashSet<>()).add(fk.refColumns());
                    }
                }
            }
        }

        /**
         * Starts the checks of table {@code id} on the rows of another read of the whole table, whose
         * rows hold {@code columns} in that order; {@code keyColumns} names the columns whose key hash
         * ({@link RowHasher#hashWithKey}) comes with each row, or is empty. Returns null when the
         * checks cannot ride along: the table is not checked, or was already, a column they need is
         * not read (or read as another type), or a parent's key set is not ready yet (the checks then
         * read the table on their own in {@link #finish}, after their parents).
         */
        TableRun ride(TableId id, List<Column> columns, List<String> keyColumns) {
            Table t = byId.get(id);
            if (t == null || started.contains(id)) {
                return null;
            }
            int at = position.get(id);
            for (ForeignKey fk : t.foreignKeys()) {
                Integer p = position.get(fk.refTable());
                if (p != null && p < at && !keySets.containsKey(setName(fk.refTable(), fk.refColumns()))) {
                    return null;
                }
            }
            Map<String, Column> read = new HashMap<>();
            columns.forEach(c -> read.put(c.name(), c));
            for (Column c : needed(t)) {
                if (!c.equals(read.get(c.name()))) {
                    return null;
                }
            }
            started.add(id);
            TableRun run = prepare(t, columns, keyColumns);
            if (run == null) {
                results.put(id, List.of());
            }
            return run;
        }

        /** Ends a table's checks that rode along a read: names duplicates (a read of its own, only if there are any). */
        void done(TableRun run) {
            results.put(run.table.id(), run.finish());
        }

        /** Runs the checks of every table that did not ride along a read; returns every table's results, in load order. */
        List<IntegrityCheck> finish() {
            List<IntegrityCheck> out = new ArrayList<>();
            for (Table t : tablesInLoadOrder) {
                List<IntegrityCheck> r = results.get(t.id());
                if (r == null) {
                    started.add(t.id());
                    TableRun run = prepare(t, null, List.of());
                    if (run == null) {
                        r = List.of();
                    } else {
                        try (RowStream rs = target.read(t, run.cols)) {
                            Object[] row;
                            while ((row = rs.next()) != null) {
                                run.accept(row, 0);
                            }
                        }
                        r = run.finish();
                    }
                    results.put(t.id(), r);
                }
                out.addAll(r);
            }
            return out;
        }

        /**
         * The probes of one table over rows of {@code layout} (null: a read of just the columns the
         * checks need); null when the table needs no check.
         */
        private TableRun prepare(Table t, List<Column> layout, List<String> keyColumns) {
            List<Column> neededCols = needed(t);
            if (neededCols.isEmpty()) {
                return null;
            }
            List<List<String>> uniques = uniques(t);
            List<UniqueKey> spec = declaredKeys(t, uniques);
            List<ForeignKey> fks = foreignKeys(t);
            List<Column> required = required(t);
            Set<List<String>> keep = referenced.getOrDefault(t.id(), Set.of());
            List<Column> cols = layout == null ? neededCols : layout;
            List<String> names = cols.stream().map(Column::name).toList();
            int expected = (int) Math.min(Math.max(t.rowEstimate(), 0), 2_000_000);
            boolean keyHashIsPk = !keyColumns.isEmpty() && keyColumns.equals(t.primaryKey());
            List<Probe> probes = new ArrayList<>();
            // A key the target keeps unique itself is not counted row by row: its constraint is the proof.
            Map<List<String>, String> enforced = uniques.isEmpty() && spec.isEmpty() ? Map.of() : target.enforcedUniqueKeys(t);
            String pkEnforcedBy = null;
            for (List<String> u : uniques) {
                String by = enforcedBy(enforced, u);
                if (u.equals(t.primaryKey())) {
                    pkEnforcedBy = by;
                }
                probes.add(new DuplicatesProbe(t, u.stream().map(UniqueKey.Term::of).toList(), false, names, expected,
                        maxExamples, by));
            }
            for (UniqueKey k : spec) {
                probes.add(new DuplicatesProbe(t, k.terms(), true, names, expected, maxExamples,
                        k.isPlain() ? enforcedBy(enforced, k.columns()) : null));
            }
            int at = position.get(t.id());
            for (ForeignKey fk : fks) {
                // a parent after this table in load order (a cycle, or the table itself) has no key set yet
                Integer p = position.get(fk.refTable());
                LongHashSet parentKeys = p < at ? keySets.get(setName(fk.refTable(), fk.refColumns())) : null;
                probes.add(new OrphansProbe(t, fk, names, cols, parentKeys, byId.get(fk.refTable()), maxExamples));
            }
            for (Column c : required) {
                probes.add(new NullsProbe(t, c, names, maxExamples, target.enforcesNotNull()));
            }
            List<List<String>> keptKeys = new ArrayList<>(keep);
            List<LongHashSet> kept = new ArrayList<>();
            for (int i = 0; i < keptKeys.size(); i++) {
                kept.add(new LongHashSet(expected));
            }
            // The primary key's duplicates probe, and a kept key set of it, take the hash the read comes with.
            int pkProbe = keyHashIsPk && !t.primaryKey().isEmpty() && pkEnforcedBy == null ? 0 : -1;
            TableRun run = new TableRun(t, neededCols, cols, probes, keptKeys, kept, pkProbe);
            run.keyHashIsPk = keyHashIsPk;
            // Every probe but the NULL checks reads values; those only ask whether a value is there.
            Set<String> values = new java.util.HashSet<>();
            uniques.forEach(values::addAll);
            spec.forEach(k -> values.addAll(k.columns()));
            values.addAll(t.primaryKey());
            keep.forEach(values::addAll);
            fks.forEach(fk -> values.addAll(fk.columns()));
            run.decode = new boolean[names.size()];
            for (int i = 0; i < names.size(); i++) {
                run.decode[i] = values.contains(names.get(i));
            }
            return run;
        }

        /** The constraint or index of the target that keeps these columns unique, in any order; or null. */
        private static String enforcedBy(Map<List<String>, String> enforced, List<String> columns) {
            Set<String> wanted = Set.copyOf(columns);
            for (Map.Entry<List<String>, String> e : enforced.entrySet()) {
                if (e.getKey().size() == columns.size() && Set.copyOf(e.getKey()).equals(wanted)) {
                    return e.getValue();
                }
            }
            return null;
        }

        /** The primary key and the unique indexes' columns. */
        private List<List<String>> uniques(Table t) {
            List<List<String>> uniques = new ArrayList<>();
            if (!t.primaryKey().isEmpty()) {
                uniques.add(t.primaryKey());
            }
            t.indexes().stream().filter(Index::keysRows).map(Index::columns).filter(c -> !uniques.contains(c))
                    .forEach(uniques::add);
            return uniques;
        }

        /** A declared key of plain columns that a constraint already covers is checked once, as the constraint. */
        private List<UniqueKey> declaredKeys(Table t, List<List<String>> uniques) {
            return declared.getOrDefault(t.id(), List.of()).stream()
                    .filter(k -> !(k.isPlain() && uniques.contains(k.columns()))).toList();
        }

        private List<ForeignKey> foreignKeys(Table t) {
            return t.foreignKeys().stream().filter(fk -> byId.containsKey(fk.refTable())).toList();
        }

        private List<Column> required(Table t) {
            return t.columns().stream().filter(c -> !c.nullable()).toList();
        }

        /** The columns a table's checks read; empty when it needs no check. */
        private List<Column> needed(Table t) {
            List<List<String>> uniques = uniques(t);
            Set<String> needed = new LinkedHashSet<>();
            uniques.forEach(needed::addAll);
            declaredKeys(t, uniques).forEach(k -> needed.addAll(k.columns()));
            needed.addAll(t.primaryKey()); // names the rows that share a key
            referenced.getOrDefault(t.id(), Set.of()).forEach(needed::addAll);
            foreignKeys(t).forEach(fk -> needed.addAll(fk.columns()));
            required(t).forEach(c -> needed.add(c.name()));
            return needed.stream().map(t::column).toList();
        }

        /** One table's checks, fed the rows of one read, in order. Not thread-safe: one thread feeds it. */
        final class TableRun {
            final Table table;
            /** The columns the checks need, and the columns of the rows they are fed. */
            final List<Column> needed;
            final List<Column> cols;
            private final Probe[] probes;
            /** The probes that read the rows (not those whose check the target enforces). */
            private final Probe[] rowProbes;
            private final List<List<String>> keptKeys;
            private final int[][] keptIdx;
            private final RowHasher[] keptHashers;
            private final LongHashSet[] kept;
            private final boolean[] keptIsPk;
            /** In {@link #rowProbes}: the primary key's duplicates probe, which takes the key hash the read comes with; or -1. */
            private final int pkProbe;
            private final DuplicatesProbe pkDuplicates;
            boolean keyHashIsPk;
            /**
             * For each column of the rows fed, whether a probe reads its value; the others' values are
             * only asked whether they are NULL (a row may hold any non-null stand-in for them).
             */
            boolean[] decode;

            TableRun(Table table, List<Column> needed, List<Column> cols, List<Probe> probes, List<List<String>> keptKeys,
                     List<LongHashSet> kept, int pkProbe) {
                this.table = table;
                this.needed = needed;
                this.cols = cols;
                this.probes = probes.toArray(Probe[]::new);
                this.keptKeys = keptKeys;
                this.kept = kept.toArray(LongHashSet[]::new);
                List<String> names = cols.stream().map(Column::name).toList();
                this.keptIdx = new int[keptKeys.size()][];
                this.keptHashers = new RowHasher[keptKeys.size()];
                this.keptIsPk = new boolean[keptKeys.size()];
                for (int i = 0; i < keptKeys.size(); i++) {
                    keptIdx[i] = ProbeRows.indexes(keptKeys.get(i), names);
                    keptHashers[i] = ProbeRows.hasher(keptKeys.get(i), names, cols);
                    keptIsPk[i] = keptKeys.get(i).equals(table.primaryKey());
                }
                this.pkDuplicates = pkProbe < 0 ? null : (DuplicatesProbe) this.probes[pkProbe];
                this.rowProbes = java.util.Arrays.stream(this.probes).filter(Probe::readsRows).toArray(Probe[]::new);
                this.pkProbe = pkDuplicates == null ? -1 : java.util.Arrays.asList(rowProbes).indexOf(pkDuplicates);
            }

            /**
             * One row; {@code keyHash} is its key hash when the read comes with one that is the primary
             * key's ({@link Session#ride}'s {@code keyColumns}), else ignored.
             */
            void accept(Object[] row, long keyHash) {
                Probe[] ps = rowProbes;
                for (int i = 0; i < ps.length; i++) {
                    if (i == pkProbe) {
                        pkDuplicates.acceptKey(row, keyHash);
                    } else {
                        ps[i].accept(row);
                    }
                }
                for (int i = 0; i < kept.length; i++) {
                    if (!ProbeRows.anyNull(row, keptIdx[i])) {
                        kept[i].add(keyHashIsPk && keptIsPk[i] ? keyHash : keptHashers[i].keyHash(row));
                    }
                }
            }

            /** Keeps the key sets its children need, names duplicates (reading the table again if there are any). */
            List<IntegrityCheck> finish() {
                for (Probe p : probes) {
                    p.allRowsIn();
                }
                for (int i = 0; i < kept.length; i++) {
                    keySets.put(setName(table.id(), keptKeys.get(i)), kept[i]);
                }
                List<Probe> naming = java.util.Arrays.stream(probes).filter(Probe::needsRows).toList();
                if (!naming.isEmpty()) {
                    try (RowStream rs = target.read(table, cols)) {
                        Object[] row;
                        while ((row = rs.next()) != null) {
                            for (Probe p : naming) {
                                p.collect(row);
                            }
                        }
                    }
                }
                return java.util.Arrays.stream(probes).map(p -> p.result(sql)).toList();
            }
        }
    }

    private static String setName(TableId id, List<String> cols) {
        return id.display() + "|" + String.join(",", cols);
    }
}
