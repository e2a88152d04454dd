package io.decant.core.spi;

/**
 * A part of one table, for an engine that loads a table in several tasks at once (decant on Spark): the
 * rows whose one-column key {@code keyColumn} lies in {@code [low, high)}, or, when {@code keyColumn} is
 * null, the rows stored in the source's blocks {@code [low, high)} (PostgreSQL heap pages). Bounds are text
 * as the source prints them; a null bound is open. With both bounds null the slice is the whole table.
 */
public record TableSlice(String keyColumn, String low, String high) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Every row of the table. */
    public static TableSlice whole() {
        return new TableSlice(null, null, null);
    }

    public boolean isWhole() {
        return low == null && high == null;
    }

    /** {@code id in [100, 200)}, {@code blocks [0, 512)} or {@code whole table}, for messages and the journal. */
    public String describe() {
        if (isWhole()) {
            return "whole table";
        }
        String range = "[" + (low == null ? "" : low) + ", " + (high == null ? "" : high) + ")";
        return keyColumn == null ? "blocks " + range : keyColumn + " in " + range;
    }
}
