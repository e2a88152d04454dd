package io.decant.core.spi;

/**
 * Loads one table: {@code write} any number of rows, then {@code commit}. If {@code commit} did not
 * happen, {@code abort} must run (the engine calls it in {@code finally}); it leaves the table as it
 * was and releases the connection. {@code abort} after {@code commit}, or twice, does nothing.
 */
public interface TableSink extends AutoCloseable {
    /** Values in the order of the sink's columns, each in its logical type's Java representation. */
    void write(Object[] row);

    /**
     * The wire form in which this sink can also take rows as bytes ({@link #writeEncoded}), or null.
     * Asked once, before the first row.
     */
    default RowEncoding encoding() {
        return null;
    }

    /** Writes rows in this sink's {@link #encoding()}; may be mixed with nothing else in one sink. */
    default void writeEncoded(EncodedRows rows) {
        throw new UnsupportedOperationException("this sink takes no encoded rows");
    }

    /** Makes the rows visible; returns the number of rows written. */
    long commit();

    /**
     * Commits the rows written so far together with {@code mark}, appended to the target's journal in
     * the same transaction, and goes on in a new transaction: a large table is loaded in chunks that
     * each survive a crash. Only called when {@link TargetDatabase#commitsInChunks()} is true. A
     * table whose keys the sink builds after the rows ({@link SinkOptions#createdByRun()}) gets them
     * at {@link #commit()}, after the last chunk.
     */
    default void checkpoint(JournalEntry mark) {
        throw new UnsupportedOperationException("this sink does not commit in chunks");
    }

    void abort();

    /**
     * Seconds {@link #commit()} spent building keys the sink deferred during the load (0 when it
     * deferred none), for the run's phase timings.
     */
    default double keySeconds() {
        return 0;
    }

    /** Bytes sent to the target so far, for the summary (0 if the sink cannot tell). */
    default long bytesWritten() {
        return 0;
    }

    @Override
    default void close() {
        abort();
    }
}
