package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.error.RowKeys;
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
import java.util.stream.Collectors;

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
 */
final class Integrity {
    private final SourceDatabase target;
    private final int maxExamples;

    Integrity(SourceDatabase target, int maxExamples) {
        this.target = target;
        this.maxExamples = maxExamples;
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
            for (List<String> u : uniques) {
                probes.add(new Probe(t, u.stream().map(UniqueKey.Term::of).toList(), false, names, cols, expected));
            }
            for (UniqueKey k : spec) {
                probes.add(new Probe(t, k.terms(), true, names, cols, expected));
            }
            int at = position.get(t.id());
            for (ForeignKey fk : fks) {
                // a parent after this table in load order (a cycle, or the table itself) has no key set yet
                Integer p = position.get(fk.refTable());
                LongHashSet parentKeys = p < at ? keySets.get(setName(fk.refTable(), fk.refColumns())) : null;
                Probe probe = new Probe(Kind.ORPHANS, t, fk.columns(), names, cols, parentKeys, fk);
                probe.compareAs(byId.get(fk.refTable()));
                probes.add(probe);
            }
            for (Column c : required) {
                probes.add(new Probe(Kind.NULLS, t, List.of(c.name()), names, cols, null, null));
            }
            List<List<String>> keptKeys = new ArrayList<>(keep);
            List<LongHashSet> kept = new ArrayList<>();
            for (int i = 0; i < keptKeys.size(); i++) {
                kept.add(new LongHashSet(expected));
            }
            // The primary key's duplicates probe, and a kept key set of it, take the hash the read comes with.
            int pkProbe = keyHashIsPk && !t.primaryKey().isEmpty() ? 0 : -1;
            TableRun run = new TableRun(t, neededCols, cols, probes, keptKeys, kept, pkProbe);
            run.keyHashIsPk = keyHashIsPk;
            return run;
        }

        /** The primary key and the unique indexes' columns. */
        private List<List<String>> uniques(Table t) {
            List<List<String>> uniques = new ArrayList<>();
            if (!t.primaryKey().isEmpty()) {
                uniques.add(t.primaryKey());
            }
            t.indexes().stream().filter(Index::unique).map(Index::columns).filter(c -> !uniques.contains(c))
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
            private final List<List<String>> keptKeys;
            private final int[][] keptIdx;
            private final RowHasher[] keptHashers;
            private final LongHashSet[] kept;
            private final boolean[] keptIsPk;
            private final int pkProbe;
            boolean keyHashIsPk;

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
                    keptIdx[i] = indexes(keptKeys.get(i), names);
                    keptHashers[i] = hasher(keptKeys.get(i), names, cols);
                    keptIsPk[i] = keptKeys.get(i).equals(table.primaryKey());
                }
                this.pkProbe = pkProbe;
            }

            /**
             * One row; {@code keyHash} is its key hash when the read comes with one that is the primary
             * key's ({@link Session#ride}'s {@code keyColumns}), else ignored.
             */
            void accept(Object[] row, long keyHash) {
                Probe[] ps = probes;
                for (int i = 0; i < ps.length; i++) {
                    if (i == pkProbe) {
                        ps[i].acceptKey(row, keyHash);
                    } else {
                        ps[i].accept(row);
                    }
                }
                for (int i = 0; i < kept.length; i++) {
                    if (!anyNull(row, keptIdx[i])) {
                        kept[i].add(keyHashIsPk && keptIsPk[i] ? keyHash : keptHashers[i].keyHash(row));
                    }
                }
            }

            /** Keeps the key sets its children need, names duplicates (reading the table again if there are any). */
            List<IntegrityCheck> finish() {
                for (Probe p : probes) {
                    p.countDuplicates();
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
                return java.util.Arrays.stream(probes).map(Probe::result).toList();
            }
        }
    }

    private static String setName(TableId id, List<String> cols) {
        return id.display() + "|" + String.join(",", cols);
    }

    private static int[] indexes(List<String> subset, List<String> names) {
        return subset.stream().mapToInt(names::indexOf).toArray();
    }

    private static boolean anyNull(Object[] row, int[] idx) {
        for (int i : idx) {
            if (row[i] == null) {
                return true;
            }
        }
        return false;
    }

    private static RowHasher hasher(List<String> key, List<String> names, List<Column> cols) {
        return new RowHasher(cols.stream().map(Column::type).toList(), indexes(key, names));
    }

    private String quote(String id) {
        return target.quoteIdentifier(id);
    }

    private String quote(TableId id) {
        return id.schema() == null ? quote(id.name()) : quote(id.schema()) + "." + quote(id.name());
    }

    private enum Kind {
        ORPHANS, DUPLICATES, NULLS
    }

    /** Rows named per duplicated key value. */
    private static final int ROWS_NAMED = 5;

    /** One check over the rows of one table. */
    private final class Probe {
        final Kind kind;
        final Table table;
        final List<String> columns;
        /** DUPLICATES: the key's terms (plain columns for a constraint); whether the spec declares it. */
        final List<UniqueKey.Term> terms;
        final boolean declared;
        private final RowHasher keyHasher;
        private final Object[] keyValues;
        private final int[] pkIdx;
        /** Hashes of the duplicated keys to name, at most maxExamples. */
        private final Set<Long> named = new java.util.HashSet<>();
        /** The rows of those keys, by canonical key value, in order of appearance. */
        private final Map<java.nio.ByteBuffer, Group> groups = new java.util.LinkedHashMap<>();
        final int[] idx;
        final RowHasher hasher;
        final LongHashSet parentKeys;
        final ForeignKey fk;
        /** DUPLICATES: the key hashes seen; or, for a key of one integer column, its values ({@link #integers}). */
        final LongHashSet seen;
        final IntegerKeys integers;
        final List<String> examples = new ArrayList<>();
        long count;

        Probe(Kind kind, Table table, List<String> columns, List<String> names, List<Column> cols, LongHashSet parentKeys,
              ForeignKey fk) {
            this.kind = kind;
            this.table = table;
            this.columns = columns;
            this.idx = indexes(columns, names);
            this.hasher = hasher(columns, names, cols);
            this.parentKeys = parentKeys;
            this.fk = fk;
            this.seen = null;
            this.integers = null;
            this.terms = null;
            this.declared = false;
            this.keyHasher = null;
            this.keyValues = null;
            this.pkIdx = null;
        }

        /** A duplicates check of a key: a constraint's columns, or a key the spec declares. */
        Probe(Table table, List<UniqueKey.Term> terms, boolean declared, List<String> names, List<Column> cols,
              int expectedRows) {
            this.kind = Kind.DUPLICATES;
            this.table = table;
            this.terms = terms;
            this.declared = declared;
            this.columns = terms.stream().map(UniqueKey.Term::column).toList();
            boolean integer = terms.size() == 1 && terms.get(0).functions().isEmpty()
                    && switch (table.column(columns.get(0)).type().kind()) {
                        case INT16, INT32, INT64 -> true;
                        default -> false;
                    };
            this.integers = integer ? new IntegerKeys() : null;
            this.seen = integer ? null : new LongHashSet(expectedRows);
            this.idx = indexes(columns, names);
            this.hasher = null;
            this.parentKeys = null;
            this.fk = null;
            this.keyHasher = new RowHasher(columns.stream().map(c -> table.column(c).type()).toList(),
                    java.util.stream.IntStream.range(0, idx.length).toArray());
            this.keyValues = new Object[idx.length];
            boolean keyIsPk = terms.stream().allMatch(x -> x.functions().isEmpty()) && columns.equals(table.primaryKey());
            this.pkIdx = keyIsPk ? new int[0] : indexes(table.primaryKey(), names);
        }

        /** The key's value in a row, the terms' functions applied, hashed. */
        private long keyHash(Object[] row) {
            for (int i = 0; i < idx.length; i++) {
                keyValues[i] = terms.get(i).apply(row[idx[i]]);
            }
            return keyHasher.keyHash(keyValues);
        }

        boolean needsRows() {
            return kind == Kind.DUPLICATES && count > 0;
        }

        /** The second read: the rows of the keys to name. */
        void collect(Object[] row) {
            if (anyNull(row, idx) || !named.contains(keyHash(row))) {
                return;
            }
            Group g = groups.computeIfAbsent(java.nio.ByteBuffer.wrap(keyHasher.canonical(keyValues)),
                    k -> new Group(describe(keyValues, terms.stream().map(UniqueKey.Term::toString).toList(), columns)));
            g.rows++;
            if (g.keys.size() < ROWS_NAMED && pkIdx.length > 0) {
                Object[] pk = new Object[pkIdx.length];
                for (int i = 0; i < pk.length; i++) {
                    pk[i] = row[pkIdx[i]];
                }
                g.keys.add(describe(pk, table.primaryKey(), table.primaryKey()));
            }
        }

        private io.decant.core.transform.Converter[] toParent;
        private RowHasher parentHasher;
        private Object[] converted;

        /**
         * A reference whose column type differs from the parent key's (a text column holding uuids) is
         * compared by value: converted to the key's type first; a value that does not convert is an orphan.
         */
        void compareAs(Table parent) {
            if (parent == null) {
                return;
            }
            List<io.decant.core.type.LogicalType> parentTypes = fk.refColumns().stream().map(c -> parent.column(c).type())
                    .toList();
            boolean same = true;
            io.decant.core.transform.Conversions conv = io.decant.core.transform.Conversions.utc();
            io.decant.core.transform.Converter[] cs = new io.decant.core.transform.Converter[idx.length];
            for (int i = 0; i < idx.length; i++) {
                var childType = table.column(columns.get(i)).type();
                var parentType = parentTypes.get(i);
                if (childType.kind() == parentType.kind() || !conv.exists(childType, parentType)) {
                    cs[i] = io.decant.core.transform.Converter.IDENTITY;
                } else {
                    cs[i] = conv.find(childType, parentType).converter();
                    same = false;
                }
            }
            if (!same) {
                toParent = cs;
                int[] all = java.util.stream.IntStream.range(0, idx.length).toArray();
                parentHasher = new RowHasher(parentTypes, all);
                converted = new Object[idx.length];
            }
        }

        private boolean isOrphan(Object[] row) {
            if (toParent == null) {
                return !parentKeys.contains(hasher.keyHash(row));
            }
            try {
                for (int i = 0; i < idx.length; i++) {
                    converted[i] = toParent[i].convert(row[idx[i]]);
                }
            } catch (io.decant.core.transform.ConversionException e) {
                return true;
            }
            return !parentKeys.contains(parentHasher.keyHash(converted));
        }

        void accept(Object[] row) {
            switch (kind) {
                case NULLS -> {
                    if (row[idx[0]] == null) {
                        hit(row);
                    }
                }
                case DUPLICATES -> {
                    if (!anyNull(row, idx)) {
                        if (integers == null) {
                            seen(keyHash(row));
                        } else {
                            integers.add(((Number) row[idx[0]]).longValue()); // counted in countDuplicates
                        }
                    }
                }
                case ORPHANS -> {
                    if (parentKeys != null && !anyNull(row, idx) && isOrphan(row)) {
                        hit(row);
                    }
                }
            }
        }

        /** A DUPLICATES check of the primary key, given the key's hash (as {@link #keyHash} makes it). */
        void acceptKey(Object[] row, long keyHash) {
            if (!anyNull(row, idx)) {
                if (integers == null) {
                    seen(keyHash);
                } else {
                    integers.add(((Number) row[idx[0]]).longValue());
                }
            }
        }

        /** Once every row is in: a check of an integer key counts its duplicates, and the keys to name. */
        void countDuplicates() {
            if (integers == null) {
                return;
            }
            integers.count(maxExamples);
            count = integers.repeats();
            for (long v : integers.named()) {
                keyValues[0] = v;
                named.add(keyHasher.keyHash(keyValues)); // the hash the naming read finds the rows by
            }
        }

        private void seen(long h) {
            if (!seen.add(h)) {
                duplicate(h);
            }
        }

        /** A row whose key came before: counted, and its key named if there is room. */
        private void duplicate(long h) {
            count++;
            if (named.size() < maxExamples) {
                named.add(h);
            }
        }

        private void hit(Object[] row) {
            count++;
            if (examples.size() < maxExamples) {
                Object[] values = new Object[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    values[i] = row[idx[i]];
                }
                examples.add(describe(values, columns, columns));
            }
        }

        /** The examples of a duplicates check: {@code lower(email)=alice@x.com: 2 rows: id=u1; id=u3}. */
        private List<String> duplicates() {
            List<String> out = new ArrayList<>();
            for (Group g : groups.values()) {
                if (g.rows < 2) {
                    continue; // two keys whose 64-bit hashes collide, not a duplicate
                }
                out.add(g.key + ": " + g.rows + " rows" + (g.keys.isEmpty() ? ""
                        : ": " + String.join("; ", g.keys) + (g.rows > g.keys.size() ? "; ..." : "")));
            }
            return out;
        }

        private String duplicatesSql(String t) {
            String key = terms.stream().map(x -> x.sql(quote(x.column()))).collect(Collectors.joining(", "));
            String notNull = columns.stream().distinct().filter(c -> table.column(c).nullable())
                    .map(c -> quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
            return "SELECT " + key + ", count(*) FROM " + t + (notNull.isEmpty() ? "" : " WHERE " + notNull)
                    + " GROUP BY " + key + " HAVING count(*) > 1";
        }

        IntegrityCheck result() {
            String cols = columns.stream().map(Integrity.this::quote).collect(Collectors.joining(", "));
            String t = quote(table.id());
            String[] subjectAndSql = switch (kind) {
                case NULLS -> new String[] {table.id().display() + "." + columns.get(0) + " NOT NULL",
                    "SELECT count(*) FROM " + t + " WHERE " + cols + " IS NULL"};
                case DUPLICATES -> new String[] {table.id().display() + " (" + terms.stream().map(UniqueKey.Term::toString)
                        .collect(Collectors.joining(", ")) + ") unique" + (declared ? " per spec" : ""), duplicatesSql(t)};
                case ORPHANS -> new String[] {table.id().display() + "." + String.join(",", columns) + " -> "
                        + fk.refTable().display() + "." + String.join(",", fk.refColumns()), orphanSql(t)};
            };
            return new IntegrityCheck(kind.name().toLowerCase(java.util.Locale.ROOT), table.id().display(),
                    subjectAndSql[0], count == 0 ? Status.PASS : Status.FAIL, count, subjectAndSql[1],
                    kind == Kind.DUPLICATES ? duplicates() : examples);
        }

        private String orphanSql(String t) {
            StringBuilder on = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    on.append(" AND ");
                }
                on.append("p.").append(quote(fk.refColumns().get(i))).append(" = c.").append(quote(columns.get(i)));
            }
            return "SELECT count(*) FROM " + t + " c WHERE " + columns.stream().map(c -> "c." + quote(c) + " IS NOT NULL")
                    .collect(Collectors.joining(" AND ")) + " AND NOT EXISTS (SELECT 1 FROM " + quote(fk.refTable())
                    + " p WHERE " + on + ")";
        }
    }

    /** {@code name=value, ...}: values truncated like every value in a message, secret columns redacted. */
    private static String describe(Object[] values, List<String> labels, List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            RowKeys.append(sb, labels.get(i), columns.get(i), values[i], false);
        }
        return sb.toString();
    }

    /** The rows that share one key value. */
    private static final class Group {
        final String key;
        final List<String> keys = new ArrayList<>();
        long rows;

        Group(String key) {
            this.key = key;
        }
    }
}
