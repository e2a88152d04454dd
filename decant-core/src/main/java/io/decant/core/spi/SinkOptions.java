package io.decant.core.spi;

/**
 * How a sink loads one table.
 *
 * @param disableForeignKeys load without foreign-key checks (PostgreSQL: session_replication_role)
 * @param doneMark           when not null, the sink appends this entry to the target's journal in the
 *                           same transaction as the rows, just before it commits
 */
public record SinkOptions(boolean disableForeignKeys, JournalEntry doneMark) {
    public static final SinkOptions DEFAULT = new SinkOptions(false, null);

    public SinkOptions(boolean disableForeignKeys) {
        this(disableForeignKeys, null);
    }

    public SinkOptions withDoneMark(JournalEntry mark) {
        return new SinkOptions(disableForeignKeys, mark);
    }
}
