package io.decant.core.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs for one source table.
 *
 * @param into       without {@code key}: the target table's name (a rename, taken as written); with
 *                   {@code key}: the target table this table's rows are merged into
 * @param key        the columns of this table that find the row to merge into; empty when not merging
 * @param keyTargets for each {@code key} column, the column of the target table it matches (the same
 *                   name unless the spec maps it: {@code key: {user_id: id}})
 * @param where      a JEXL condition over the source row: rows where it is not true are left out
 * @param columns    per source column, in the order of the spec
 * @param add        new columns computed from the source row, in the order of the spec
 * @param keep       with a merge: columns that stay in this table's own target, with the key (a split:
 *                   user_wallet's xp merges into user_progress, its coins stay in user_wallet)
 * @param unique     keys over the target's columns that verify checks for duplicates
 */
public record TableSpec(String into, List<String> key, List<String> keyTargets, String where,
                        Map<String, ColumnSpec> columns, Map<String, AddedColumn> add, List<String> keep,
                        List<UniqueKey> unique) {
    public static final TableSpec NONE = new TableSpec(null, List.of(), List.of(), null, Map.of(), Map.of(), List.of());

    public TableSpec(String into, List<String> key, List<String> keyTargets, String where, Map<String, ColumnSpec> columns,
                     Map<String, AddedColumn> add, List<String> keep) {
        this(into, key, keyTargets, where, columns, add, keep, List.of());
    }

    public TableSpec(String into, List<String> key, List<String> keyTargets, String where, Map<String, ColumnSpec> columns,
                     Map<String, AddedColumn> add) {
        this(into, key, keyTargets, where, columns, add, List.of());
    }

    /** The part of a split table that stays in its own target: no longer a merge. */
    public TableSpec kept() {
        return new TableSpec(null, List.of(), List.of(), where, columns, Map.of(), List.of(), unique);
    }

    public TableSpec {
        keep = List.copyOf(keep);
        unique = List.copyOf(unique);
        key = List.copyOf(key);
        keyTargets = List.copyOf(keyTargets);
        if (key.size() != keyTargets.size()) {
            throw new IllegalArgumentException("key and keyTargets differ in size");
        }
        columns = Immutables.map(columns);
        add = Immutables.map(add);
    }

    /** Whether this table's rows are merged into another table's rows. */
    public boolean isMerge() {
        return into != null && !key.isEmpty();
    }

    /** Whether this table is renamed (and not merged). */
    public boolean isRename() {
        return into != null && key.isEmpty();
    }

    /** The spec of a column, or {@link ColumnSpec#NONE}. */
    public ColumnSpec column(String name) {
        Objects.requireNonNull(name, "name");
        return columns.getOrDefault(name, ColumnSpec.NONE);
    }
}
