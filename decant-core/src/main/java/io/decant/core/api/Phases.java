package io.decant.core.api;

/**
 * Where a table's time went, in seconds: its rows ({@code load}), the primary key and unique
 * constraints built once after the rows in the same transaction ({@code keys}), the indexes and the
 * foreign keys created after the data. For a run, the sum over its tables: work time, which exceeds
 * the wall clock when tables and indexes are built at once.
 */
public record Phases(double load, double keys, double indexes, double foreignKeys) {
    public static final Phases NONE = new Phases(0, 0, 0, 0);

    public Phases plus(Phases o) {
        return new Phases(load + o.load, keys + o.keys, indexes + o.indexes, foreignKeys + o.foreignKeys);
    }

    public Phases withIndexes(double seconds) {
        return new Phases(load, keys, seconds, foreignKeys);
    }

    public Phases withForeignKeys(double seconds) {
        return new Phases(load, keys, indexes, seconds);
    }

    public double total() {
        return load + keys + indexes + foreignKeys;
    }
}
