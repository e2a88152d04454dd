package io.decant.core.spi;

/**
 * Loads one table: {@code write} any number of rows, then {@code commit}. If {@code commit} did not
 * happen, {@code abort} must run (the engine calls it in {@code finally}); it leaves the table as it
 * was and releases the connection. {@code abort} after {@code commit}, or twice, does nothing.
 */
public interface TableSink extends AutoCloseable {
    /** Values in the order of the sink's columns, each in its logical type's Java representation. */
    void write(Object[] row);

    /** Makes the rows visible; returns the number of rows written. */
    long commit();

    void abort();

    /** Bytes sent to the target so far, for the summary (0 if the sink cannot tell). */
    default long bytesWritten() {
        return 0;
    }

    @Override
    default void close() {
        abort();
    }
}
