package io.decant.core.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An index or unique constraint over plain columns. Expression indexes are reported, not copied.
 *
 * @param method    PostgreSQL's access method when it is not the default btree ({@code gin}, {@code gist}); null
 *                  otherwise, and for every other database. Another PostgreSQL builds the index the same way; other
 *                  targets build their own index on the columns.
 * @param opclasses PostgreSQL's operator class of each column where it is not the type's default for the method
 *                  ({@code jsonb_path_ops}, {@code public.gin_trgm_ops}), null where it is; empty when all are
 * @param nullsNotDistinct a PostgreSQL 15 unique key {@code NULLS NOT DISTINCT}: one NULL at most, not many
 */
public record Index(String name, List<String> columns, boolean unique, boolean constraint, String method,
                    List<String> opclasses, boolean nullsNotDistinct) {
    public Index {
        columns = List.copyOf(columns);
        if (opclasses == null || opclasses.stream().allMatch(java.util.Objects::isNull)) {
            opclasses = List.of();
        } else {
            if (opclasses.size() != columns.size()) {
                throw new IllegalArgumentException("index " + name + ": " + opclasses.size() + " operator classes for "
                        + columns.size() + " columns");
            }
            opclasses = Collections.unmodifiableList(new ArrayList<>(opclasses));
        }
    }

    public Index(String name, List<String> columns, boolean unique, boolean constraint) {
        this(name, columns, unique, constraint, null, List.of());
    }

    public Index(String name, List<String> columns, boolean unique, boolean constraint, String method, List<String> opclasses) {
        this(name, columns, unique, constraint, method, opclasses, false);
    }

    /** This index under another name, or over renamed columns: the method and operator classes stay. */
    public Index with(String newName, List<String> newColumns) {
        return new Index(newName, newColumns, unique, constraint, method, opclasses, nullsNotDistinct);
    }

    /** The operator class of column {@code i}, or null for the default. */
    public String opclass(int i) {
        return opclasses.isEmpty() ? null : opclasses.get(i);
    }
}
