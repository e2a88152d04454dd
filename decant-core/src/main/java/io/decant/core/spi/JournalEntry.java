package io.decant.core.spi;

import java.time.Instant;

/**
 * One line of a target's run journal.
 *
 * @param runId    the run that wrote it
 * @param planHash what the run was loading (source, target, tables, columns, conversions): a rerun
 *                 resumes only the same plan
 * @param event    {@link #RUN_START}, {@link #TABLE_DONE}, {@link #CHUNK_DONE}, {@link #RUN_END} or
 *                 {@link #RUN_ABANDONED}
 * @param table    the table, for {@link #TABLE_DONE} and {@link #CHUNK_DONE}
 * @param rows     rows committed, for {@link #TABLE_DONE}; for {@link #CHUNK_DONE}, rows of the table
 *                 committed so far by the run, this chunk included
 * @param position for {@link #CHUNK_DONE}: where the source's read continues after the chunk, as the
 *                 source's {@link RowStream#position()} gave it; null otherwise
 */
public record JournalEntry(String runId, String planHash, String event, String table, long rows, Instant at,
                           String position) {
    public static final String RUN_START = "run-start";
    public static final String TABLE_DONE = "table-done";
    /** Part of a large table, committed in its own transaction with this entry; see {@link TableSink#checkpoint}. */
    public static final String CHUNK_DONE = "chunk-done";
    public static final String RUN_END = "run-end";
    public static final String RUN_ABANDONED = "run-abandoned";
    /** The name of the journal table in database targets; discovery leaves it out. */
    public static final String TABLE_NAME = "decant_journal";

    public JournalEntry(String runId, String planHash, String event, String table, long rows, Instant at) {
        this(runId, planHash, event, table, rows, at, null);
    }
}
