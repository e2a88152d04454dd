package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.error.ErrorContext;
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
 * children. A table with duplicates is read once more to name them: each duplicated key value with
 * its number of rows and some of those rows' primary keys. Each check also carries the equivalent
 * SQL, in the target's quoting, for a person to run.
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
        // Parents first, counting references that are not foreign keys of the target (declared in the spec).
        List<Table> tablesInLoadOrder = io.decant.core.schema.LoadOrder.of(tables).tables();
        Map<TableId, Table> byId = new HashMap<>();
        tablesInLoadOrder.forEach(t -> byId.put(t.id(), t));
        // Which column lists of which tables are referenced: their key sets must be kept.
        Map<TableId, Set<List<String>>> referenced = new HashMap<>();
        for (Table t : tablesInLoadOrder) {
            for (ForeignKey fk : t.foreignKeys()) {
                if (byId.containsKey(fk.refTable())) {
                    referenced.computeIfAbsent(fk.refTable(), k -> new LinkedHashSet<>()).add(fk.refColumns());
                }
            }
        }
        Map<String, LongHashSet> keySets = new HashMap<>();
        List<IntegrityCheck> out = new ArrayList<>();
        for (Table t : tablesInLoadOrder) {
            out.addAll(check(t, referenced.getOrDefault(t.id(), Set.of()), keySets, byId,
                    declared.getOrDefault(t.id(), List.of())));
        }
        return out;
    }

    private List<IntegrityCheck> check(Table t, Set<List<String>> keep, Map<String, LongHashSet> keySets,
                                       Map<TableId, Table> byId, List<UniqueKey> declared) {
        List<List<String>> uniques = new ArrayList<>();
        if (!t.primaryKey().isEmpty()) {
            uniques.add(t.primaryKey());
        }
        t.indexes().stream().filter(Index::unique).map(Index::columns).filter(c -> !uniques.contains(c)).forEach(uniques::add);
        // A declared key of plain columns that a constraint already covers is checked once, as the constraint.
        List<UniqueKey> spec = declared.stream().filter(k -> !(k.isPlain() && uniques.contains(k.columns()))).toList();
        List<ForeignKey> fks = t.foreignKeys().stream().filter(fk -> byId.containsKey(fk.refTable())).toList();
        List<Column> required = t.columns().stream().filter(c -> !c.nullable()).toList();
        Set<String> needed = new LinkedHashSet<>();
        uniques.forEach(needed::addAll);
        spec.forEach(k -> needed.addAll(k.columns()));
        needed.addAll(t.primaryKey()); // names the rows that share a key
        keep.forEach(needed::addAll);
        fks.forEach(fk -> needed.addAll(fk.columns()));
        required.forEach(c -> needed.add(c.name()));
        if (needed.isEmpty()) {
            return List.of();
        }
        List<Column> cols = needed.stream().map(t::column).toList();
        List<String> names = cols.stream().map(Column::name).toList();
        List<Probe> probes = new ArrayList<>();
        for (List<String> u : uniques) {
            probes.add(new Probe(t, u.stream().map(UniqueKey.Term::of).toList(), false, names, cols));
        }
        for (UniqueKey k : spec) {
            probes.add(new Probe(t, k.terms(), true, names, cols));
        }
        for (ForeignKey fk : fks) {
            Probe p = new Probe(Kind.ORPHANS, t, fk.columns(), names, cols, keySets.get(setName(fk.refTable(), fk.refColumns())),
                    fk);
            p.compareAs(byId.get(fk.refTable()));
            probes.add(p);
        }
        for (Column c : required) {
            probes.add(new Probe(Kind.NULLS, t, List.of(c.name()), names, cols, null, null));
        }
        Map<List<String>, LongHashSet> kept = new HashMap<>();
        for (List<String> k : keep) {
            kept.put(k, new LongHashSet());
        }
        Map<List<String>, RowHasher> keepHashers = new HashMap<>();
        for (List<String> k : keep) {
            keepHashers.put(k, hasher(k, names, cols));
        }
        try (RowStream rs = target.read(t, cols)) {
            Object[] row;
            while ((row = rs.next()) != null) {
                for (Probe p : probes) {
                    p.accept(row);
                }
                for (var e : kept.entrySet()) {
                    if (!anyNull(row, indexes(e.getKey(), names))) {
                        e.getValue().add(keepHashers.get(e.getKey()).keyHash(row));
                    }
                }
            }
        }
        kept.forEach((k, set) -> keySets.put(setName(t.id(), k), set));
        List<Probe> naming = probes.stream().filter(Probe::needsRows).toList();
        if (!naming.isEmpty()) {
            try (RowStream rs = target.read(t, cols)) {
                Object[] row;
                while ((row = rs.next()) != null) {
                    for (Probe p : naming) {
                        p.collect(row);
                    }
                }
            }
        }
        return probes.stream().map(Probe::result).toList();
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
        final LongHashSet seen = new LongHashSet();
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
            this.terms = null;
            this.declared = false;
            this.keyHasher = null;
            this.keyValues = null;
            this.pkIdx = null;
        }

        /** A duplicates check of a key: a constraint's columns, or a key the spec declares. */
        Probe(Table table, List<UniqueKey.Term> terms, boolean declared, List<String> names, List<Column> cols) {
            this.kind = Kind.DUPLICATES;
            this.table = table;
            this.terms = terms;
            this.declared = declared;
            this.columns = terms.stream().map(UniqueKey.Term::column).toList();
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

        private io.decant.core.convert.Converter[] toParent;
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
            io.decant.core.convert.Conversions conv = io.decant.core.convert.Conversions.utc();
            io.decant.core.convert.Converter[] cs = new io.decant.core.convert.Converter[idx.length];
            for (int i = 0; i < idx.length; i++) {
                var childType = table.column(columns.get(i)).type();
                var parentType = parentTypes.get(i);
                if (childType.kind() == parentType.kind() || !conv.exists(childType, parentType)) {
                    cs[i] = io.decant.core.convert.Converter.IDENTITY;
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
            } catch (io.decant.core.convert.ConversionException e) {
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
                        long h = keyHash(row);
                        if (!seen.add(h)) {
                            count++;
                            if (named.size() < maxExamples) {
                                named.add(h);
                            }
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
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(labels.get(i)).append('=')
                    .append(Sensitive.column(columns.get(i)) ? Sensitive.REDACTED : ErrorContext.keyValue(values[i]));
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
