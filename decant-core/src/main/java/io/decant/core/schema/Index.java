package io.decant.core.schema;

import java.util.List;

/**
 * An index or unique constraint over plain columns; or, between databases of one kind, an index as the source
 * database defines it ({@link #definition}).
 *
 * @param sourceOnly why only the source's kind of database builds it (a gin index, an operator class of its own),
 *                   so that {@code --create-schema} leaves it out of the columns' indexes (the source lists it
 *                   among the objects not created, with its definition); null for an index any target builds
 * @param definition the source database's own definition after the table's name (PostgreSQL: {@code USING btree
 *                   (lower(email)) WHERE ...}), prefixed with the database's native prefix, for a target of the
 *                   same kind to build as it is ({@code TargetDatabase.buildsIndexDefinition}); null for an index
 *                   over {@link #columns}
 * @param nullsNotDistinct a PostgreSQL 15 unique key {@code NULLS NOT DISTINCT}: one NULL at most, not many
 * @param deferral  a unique constraint checked at the end of a statement or transaction, as SQL says it:
 *                  {@code DEFERRABLE} or {@code DEFERRABLE INITIALLY DEFERRED}; null for one checked at each row
 */
public record Index(String name, List<String> columns, boolean unique, boolean constraint, String sourceOnly,
                    String definition, boolean nullsNotDistinct, String deferral) {
    public Index {
        columns = List.copyOf(columns);
    }

    public Index(String name, List<String> columns, boolean unique, boolean constraint) {
        this(name, columns, unique, constraint, null, null, false, null);
    }

    public Index(String name, List<String> columns, boolean unique, boolean constraint, String sourceOnly,
                 String definition, boolean nullsNotDistinct) {
        this(name, columns, unique, constraint, sourceOnly, definition, nullsNotDistinct, null);
    }

    public Index(String name, List<String> columns, boolean unique, boolean constraint, String sourceOnly) {
        this(name, columns, unique, constraint, sourceOnly, null, false, null);
    }

    public Index(String name, List<String> columns, boolean unique, boolean constraint, String sourceOnly,
                 String definition) {
        this(name, columns, unique, constraint, sourceOnly, definition, false, null);
    }

    /**
     * Whether this index keeps its {@link #columns} unique on every row: a unique index over plain columns, not
     * partial and not built from a {@link #definition}, so that its columns identify a row.
     */
    public boolean keysRows() {
        return unique && sourceOnly == null && definition == null;
    }

    /** How a plan shows what it builds: {@code (email)}, or the definition without its database's prefix. */
    public String shown() {
        return definition == null ? "(" + String.join(", ", columns) + ")" : definition.substring(definition.indexOf(' ') + 1);
    }

    public Index withName(String newName) {
        return new Index(newName, columns, unique, constraint, sourceOnly, definition, nullsNotDistinct, deferral);
    }

    /** This index under another name, or over renamed columns: what else it is stays. */
    public Index with(String newName, List<String> newColumns) {
        return new Index(newName, newColumns, unique, constraint, sourceOnly, definition, nullsNotDistinct, deferral);
    }
}
