package io.decant.core.schema;

import java.util.List;

/**
 * An index or unique constraint over plain columns. Expression and partial indexes are not indexes here: a source
 * lists them among the objects {@code --create-schema} does not create.
 *
 * @param sourceOnly why only the source's kind of database builds it (a gin index, an operator class of its own),
 *                   so that {@code --create-schema} leaves it out (the source lists it with its definition); null
 *                   for an index any target builds from its columns
 */
public record Index(String name, List<String> columns, boolean unique, boolean constraint, String sourceOnly) {
    public Index {
        columns = List.copyOf(columns);
    }

    public Index(String name, List<String> columns, boolean unique, boolean constraint) {
        this(name, columns, unique, constraint, null);
    }
}
