package io.decant.core.spi;

import java.time.Instant;

/**
 * One line of a target's run journal.
 *
 * @param runId    the run that wrote it
 * @param planHash what the run was loading (source, target, tables, columns, conversions): a rerun
 *                 resumes only the same plan
 * @param event    {@link #RUN_START}, {@link #TABLE_DONE}, {@link #RUN_END} or {@link #RUN_ABANDONED}
 * @param table    the table, for {@link #TABLE_DONE}
 * @param rows     rows committed, for {@link #TABLE_DONE}
 */
public record JournalEntry(String runId, String planHash, String event, String table, long rows, Instant at) {
    public static final String RUN_START = "run-start";
    public static final String TABLE_DONE = "table-done";
    public static final String RUN_END = "run-end";
    public static final String RUN_ABANDONED = "run-abandoned";
    /** The name of the journal table in database targets; discovery leaves it out. */
    public static final String TABLE_NAME = "decant_journal";
}
