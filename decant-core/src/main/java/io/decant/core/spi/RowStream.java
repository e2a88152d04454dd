package io.decant.core.spi;

/** A stream of rows from one table. Not thread-safe: one reader thread pulls it. */
public interface RowStream extends AutoCloseable {
    /** The next row, or {@code null} at the end. The array is the caller's to keep. */
    Object[] next();

    /** How many rows have been returned so far, which is also the 1-based ordinal of the last row. */
    long rowsRead();

    /**
     * Whether a {@link io.decant.core.error.DecantException} of the data category thrown by
     * {@link #next()} concerns that row alone, leaving the stream positioned after it (and counted in
     * {@link #rowsRead()}), so that {@code --on-error reject} can set the row aside and read on.
     */
    default boolean skipsBadRows() {
        return false;
    }

    /**
     * Where this stream stands: a token that {@link SourceDatabase#readFrom} accepts to read the rows
     * after the last row returned (or after the rows it set aside), in the same order. Only streams
     * opened by {@link SourceDatabase#readFrom} must answer; others return null.
     */
    default String position() {
        return null;
    }

    @Override
    void close();
}
