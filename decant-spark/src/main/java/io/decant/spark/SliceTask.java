package io.decant.spark;

import io.decant.core.spi.TableSlice;
import java.io.Serializable;

/** One slice of one table: what a Spark task loads or checksums. */
record SliceTask(String table, int index, int count, TableSlice slice) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the journal names the slice: {@code slice 3 of 16: id in [2000, 3000)}. */
    String position() {
        return "slice " + index + " of " + count + ": " + slice.describe();
    }
}
