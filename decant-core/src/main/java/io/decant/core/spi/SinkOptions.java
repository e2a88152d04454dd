package io.decant.core.spi;

/**
 * How a sink loads one table.
 *
 * @param disableForeignKeys load without foreign-key checks (PostgreSQL: session_replication_role)
 * @param doneMark           when not null, the sink appends this entry to the target's journal in the
 *                           same transaction as the rows, just before it commits
 * @param createdByRun       decant created this table in this run and it is empty: a sink may build
 *                           its keys after the rows, inside the same transaction, rather than
 *                           maintain them row by row
 * @param rejector           when not null ({@code --on-error reject}), rows the target refuses go here
 *                           and the sink loads the others; when null, the first refused row fails the
 *                           table
 */
public record SinkOptions(boolean disableForeignKeys, JournalEntry doneMark, boolean createdByRun, RowRejector rejector) {
    public static final SinkOptions DEFAULT = new SinkOptions(false, null, false);

    public SinkOptions(boolean disableForeignKeys, JournalEntry doneMark, boolean createdByRun) {
        this(disableForeignKeys, doneMark, createdByRun, null);
    }

    public SinkOptions(boolean disableForeignKeys) {
        this(disableForeignKeys, null, false);
    }

    public SinkOptions withDoneMark(JournalEntry mark) {
        return new SinkOptions(disableForeignKeys, mark, createdByRun, rejector);
    }

    public SinkOptions withRejector(RowRejector r) {
        return new SinkOptions(disableForeignKeys, doneMark, createdByRun, r);
    }
}
