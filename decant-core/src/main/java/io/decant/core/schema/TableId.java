package io.decant.core.schema;

import java.util.Objects;

/** A table's name, with its schema where the database has schemas ({@code null} otherwise or for the default). */
public record TableId(String schema, String name) implements Comparable<TableId> {
    public TableId {
        Objects.requireNonNull(name, "name");
    }

    public static TableId of(String name) {
        return new TableId(null, name);
    }

    /** {@code auth.users}, or {@code users} when the schema is the default one. */
    public String display() {
        return schema == null ? name : schema + "." + name;
    }

    @Override
    public int compareTo(TableId o) {
        return display().compareTo(o.display());
    }

    @Override
    public String toString() {
        return display();
    }
}
