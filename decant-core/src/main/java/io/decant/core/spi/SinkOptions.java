package io.decant.core.spi;

/**
 * How a sink loads one table.
 *
 * @param disableForeignKeys load without foreign-key checks (PostgreSQL: session_replication_role)
 */
public record SinkOptions(boolean disableForeignKeys) {
    public static final SinkOptions DEFAULT = new SinkOptions(false);
}
