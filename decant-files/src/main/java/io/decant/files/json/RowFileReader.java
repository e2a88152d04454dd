package io.decant.files.json;

import java.io.Closeable;
import java.io.IOException;

/** The rows of one data file, in file order. */
public interface RowFileReader extends Closeable {
    /** The next row, or {@code null} at the end of the file. Throws {@link BadValue} for a bad row. */
    Object[] next() throws IOException;

    /** The 1-based line the reader is on, for messages. */
    long line();

    /** Rows returned so far. */
    long rows();

    @Override
    void close() throws IOException;
}
