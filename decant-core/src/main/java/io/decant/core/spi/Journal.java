package io.decant.core.spi;

import java.util.List;

/**
 * A target's record of runs, so that a run cut short (killed, the server restarted, the network
 * cut) can be resumed exactly. The one rule that makes resuming exact: a table's
 * {@link JournalEntry#TABLE_DONE} entry is written by that table's sink inside the same
 * transaction as its rows ({@link SinkOptions#doneMark}), so a table is either loaded and marked,
 * or neither.
 */
public interface Journal {
    /**
     * Creates the journal's storage if it is missing. Called only by a run that is about to write to the
     * target: a run refused before that leaves no journal behind.
     */
    void prepare();

    /** Every entry, oldest first; none when the storage does not exist yet (reading never creates it). */
    List<JournalEntry> read();

    /** Appends an entry on its own (run start and end), committed at once. */
    void append(JournalEntry entry);

    /**
     * Removes the journal's storage again: called for a run that created it and then failed before committing
     * anything, so that a refused run leaves nothing of decant's behind. Dropping what holds only that run's start
     * loses nothing.
     */
    void discard();

    /**
     * For an engine whose tasks may run twice (a retried task, a speculative copy of a slow one): takes the
     * chunk {@code position} of {@code table} in run {@code runId} for the caller alone until the claim is
     * closed (another claim of it waits), and tells whether a {@link JournalEntry#CHUNK_DONE} entry of it is
     * recorded already; null when this journal cannot do that.
     */
    default Claim claim(String runId, String table, String position) {
        return null;
    }

    /** A chunk held by one task; see {@link #claim}. */
    interface Claim extends AutoCloseable {
        /** The rows recorded for the chunk when a finished attempt recorded it, else -1. */
        long recordedRows();

        @Override
        void close();
    }
}
