package io.decant.core.spi;

import java.time.Instant;

/**
 * One line of a target's run journal.
 *
 * @param runId    the run that wrote it
 * @param planHash what the run was loading (source, target, tables, columns, conversions): a rerun
 *                 resumes only the same plan
 * @param event    {@link #RUN_START}, {@link #TABLE_DONE}, {@link #CHUNK_DONE}, {@link #TABLE_NOTE},
 *                 {@link #RUN_END} or {@link #RUN_ABANDONED}
 * @param table    the table, for {@link #TABLE_DONE}, {@link #CHUNK_DONE} and {@link #TABLE_NOTE}
 * @param rows     rows committed, for {@link #TABLE_DONE}; for {@link #CHUNK_DONE}, rows of the table
 *                 committed so far by the run, this chunk included; for {@link #TABLE_NOTE}, the rows noted
 * @param position for {@link #CHUNK_DONE}: where the source's read continues after the chunk, as the
 *                 source's {@link RowStream#position()} gave it; for {@link #TABLE_NOTE}, the note's kind and,
 *                 after a space, its place (a rejects file, a merged table) if any ({@link #note}); null otherwise
 */
public record JournalEntry(String runId, String planHash, String event, String table, long rows, Instant at,
                           String position) {
    public static final String RUN_START = "run-start";
    public static final String TABLE_DONE = "table-done";
    /** Part of a large table, committed in its own transaction with this entry; see {@link TableSink#checkpoint}. */
    public static final String CHUNK_DONE = "chunk-done";
    /**
     * Rows of a committed table that the run left out on purpose (rejected, skipped as orphans, filtered), so
     * that verify, in a later process, can tell an expected difference from a loss. Appended on its own after
     * the table's commit: a run killed between the two leaves the difference unexplained, never the reverse.
     * The text column that holds a chunk's position holds the note (a column of its own would have to be added
     * to every journal table already out there, for one short text).
     */
    public static final String TABLE_NOTE = "table-note";
    /** Kinds of {@link #TABLE_NOTE}. */
    public static final String NOTE_REJECTED = "rejected";
    public static final String NOTE_ORPHANS_SKIPPED = "orphans-skipped";
    public static final String NOTE_FILTERED = "filtered";
    /** Rows of a table merged into this one that found no row of it; the note's place is that table's name. */
    public static final String NOTE_MERGED_UNMATCHED = "merged-unmatched";
    public static final String RUN_END = "run-end";
    public static final String RUN_ABANDONED = "run-abandoned";
    /** The name of the journal table in database targets; discovery leaves it out. */
    public static final String TABLE_NAME = "decant_journal";

    public JournalEntry(String runId, String planHash, String event, String table, long rows, Instant at) {
        this(runId, planHash, event, table, rows, at, null);
    }

    /** A {@link #TABLE_NOTE}: {@code rows} of {@code table} were {@code kind}; {@code where} they went, or null. */
    public static JournalEntry note(String runId, String planHash, String table, String kind, long rows, String where,
                                    Instant at) {
        return new JournalEntry(runId, planHash, TABLE_NOTE, table, rows, at, where == null ? kind : kind + " " + where);
    }

    /** The kind of a {@link #TABLE_NOTE}. */
    public String noteKind() {
        int space = position == null ? -1 : position.indexOf(' ');
        return space < 0 ? position : position.substring(0, space);
    }

    /** Where the rows of a {@link #TABLE_NOTE} went (a rejects file) or came from (a merged table), or null. */
    public String noteWhere() {
        int space = position == null ? -1 : position.indexOf(' ');
        return space < 0 ? null : position.substring(space + 1);
    }
}
