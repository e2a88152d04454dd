package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.schema.Table;
import io.decant.core.spec.UniqueKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Rows sharing a key that should be unique: a primary key, a unique index's columns, or a key the
 * spec declares ({@code lower(email)}). The first read counts repeats by 64-bit key hash (a key of
 * one integer column by its values, {@link IntegerKeys}) and keeps the hashes of some repeated keys;
 * a second read, only when there are repeats, names each of those key values with its number of rows
 * and some of those rows' primary keys. Two keys whose hashes collide show as one row and are not
 * named. A key the target itself keeps unique (its primary key or a valid unique constraint or index
 * over exactly these columns, {@link io.decant.core.spi.SourceDatabase#enforcedUniqueKeys}) is not
 * counted: the constraint is the proof, the check passes naming it, and nothing is kept per row.
 */
final class DuplicatesProbe implements Probe {
    /** Rows named per duplicated key value. */
    private static final int ROWS_NAMED = 5;

    private final Table table;
    private final int maxExamples;
    /** The key's terms (plain columns for a constraint); whether the spec declares it. */
    private final List<UniqueKey.Term> terms;
    private final boolean declared;
    /** The target's constraint or index that keeps the key unique, or null: then the rows are counted. */
    private final String enforcedBy;
    private final List<String> columns;
    private final int[] idx;
    private final RowHasher keyHasher;
    private final Object[] keyValues;
    private final int[] pkIdx;
    /** The key hashes seen; or, for a key of one integer column, its values ({@link #integers}). */
    private final LongHashSet seen;
    private final IntegerKeys integers;
    /** Hashes of the duplicated keys to name, at most maxExamples. */
    private final Set<Long> named = new HashSet<>();
    /** The rows of those keys, by canonical key value, in order of appearance. */
    private final Map<ByteBuffer, Group> groups = new LinkedHashMap<>();
    private long count;

    /**
     * @param declared   whether the spec declares the key (a constraint's otherwise)
     * @param names      the names of the run's columns, in row order
     * @param enforcedBy the target's constraint or index that keeps this key unique, or null
     */
    DuplicatesProbe(Table table, List<UniqueKey.Term> terms, boolean declared, List<String> names, int expectedRows,
                    int maxExamples, String enforcedBy) {
        this.table = table;
        this.maxExamples = maxExamples;
        this.terms = terms;
        this.declared = declared;
        this.enforcedBy = enforcedBy;
        this.columns = terms.stream().map(UniqueKey.Term::column).toList();
        boolean integer = terms.size() == 1 && terms.get(0).functions().isEmpty()
                && switch (table.column(columns.get(0)).type().kind()) {
                    case INT16, INT32, INT64 -> true;
                    default -> false;
                };
        this.integers = integer && enforcedBy == null ? new IntegerKeys() : null;
        this.seen = integer || enforcedBy != null ? null : new LongHashSet(expectedRows);
        this.idx = ProbeRows.indexes(columns, names);
        this.keyHasher = new RowHasher(columns.stream().map(c -> table.column(c).type()).toList(),
                IntStream.range(0, idx.length).toArray());
        this.keyValues = new Object[idx.length];
        boolean keyIsPk = terms.stream().allMatch(x -> x.functions().isEmpty()) && columns.equals(table.primaryKey());
        this.pkIdx = keyIsPk ? new int[0] : ProbeRows.indexes(table.primaryKey(), names);
    }

    /** The key's value in a row, the terms' functions applied, hashed. */
    private long keyHash(Object[] row) {
        for (int i = 0; i < idx.length; i++) {
            keyValues[i] = terms.get(i).apply(row[idx[i]]);
        }
        return keyHasher.keyHash(keyValues);
    }

    @Override
    public boolean readsRows() {
        return enforcedBy == null;
    }

    @Override
    public void accept(Object[] row) {
        if (enforcedBy == null && !ProbeRows.anyNull(row, idx)) {
            if (integers == null) {
                seen(keyHash(row));
            } else {
                integers.add(((Number) row[idx[0]]).longValue()); // counted in allRowsIn
            }
        }
    }

    /** A check of the primary key, given the key's hash (as {@link #keyHash} makes it). */
    void acceptKey(Object[] row, long keyHash) {
        if (enforcedBy == null && !ProbeRows.anyNull(row, idx)) {
            if (integers == null) {
                seen(keyHash);
            } else {
                integers.add(((Number) row[idx[0]]).longValue());
            }
        }
    }

    /** Once every row is in: a check of an integer key counts its duplicates, and the keys to name. */
    @Override
    public void allRowsIn() {
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

    @Override
    public boolean needsRows() {
        return count > 0;
    }

    /** The second read: the rows of the keys to name. */
    @Override
    public void collect(Object[] row) {
        if (ProbeRows.anyNull(row, idx) || !named.contains(keyHash(row))) {
            return;
        }
        Group g = groups.computeIfAbsent(ByteBuffer.wrap(keyHasher.canonical(keyValues)),
                k -> new Group(ProbeRows.describe(keyValues, terms.stream().map(UniqueKey.Term::toString).toList(), columns)));
        g.rows++;
        if (g.keys.size() < ROWS_NAMED && pkIdx.length > 0) {
            Object[] pk = new Object[pkIdx.length];
            for (int i = 0; i < pk.length; i++) {
                pk[i] = row[pkIdx[i]];
            }
            g.keys.add(ProbeRows.describe(pk, table.primaryKey(), table.primaryKey()));
        }
    }

    @Override
    public IntegrityCheck result(ProbeSql sql) {
        String subject = table.id().display() + " (" + terms.stream().map(UniqueKey.Term::toString)
                .collect(Collectors.joining(", ")) + ") unique" + (declared ? " per spec" : "")
                + (enforcedBy != null ? ", enforced by the target's " + enforcedBy : "");
        return new IntegrityCheck("duplicates", table.id().display(), subject, count == 0 ? Status.PASS : Status.FAIL,
                count, duplicatesSql(sql), duplicates());
    }

    /** The examples: {@code lower(email)=alice@x.com: 2 rows: id=u1; id=u3}. */
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

    private String duplicatesSql(ProbeSql sql) {
        String key = terms.stream().map(x -> x.sql(sql.quote(x.column()))).collect(Collectors.joining(", "));
        String notNull = columns.stream().distinct().filter(c -> table.column(c).nullable())
                .map(c -> sql.quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        return "SELECT " + key + ", count(*) FROM " + sql.quote(table.id()) + (notNull.isEmpty() ? "" : " WHERE " + notNull)
                + " GROUP BY " + key + " HAVING count(*) > 1";
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
