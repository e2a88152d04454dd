package io.decant.core.schema;

import java.util.List;

/** An index or unique constraint over plain columns. Expression indexes are reported, not copied. */
public record Index(String name, List<String> columns, boolean unique, boolean constraint) {
    public Index {
        columns = List.copyOf(columns);
    }
}
