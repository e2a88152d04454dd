package io.decant.core.spi;

/**
 * The rows of one table in a sink's {@link RowEncoding}, a batch at a time. Not thread-safe: one
 * reader thread pulls it. Errors are {@link io.decant.core.error.DecantException}s naming the table.
 */
public interface EncodedRowStream extends AutoCloseable {
    /** The next rows, at most {@code maxRows} of them, or null at the end. */
    EncodedRows next(int maxRows);

    /** Rows returned so far. */
    long rowsRead();

    /** As {@link RowStream#position()}: where the read stands after the last batch, for a stream opened in order. */
    default String position() {
        return null;
    }

    @Override
    void close();
}
