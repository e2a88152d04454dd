package io.decant.core.spi;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;

/**
 * Continuing a read by row number, for sources that cannot change between two runs (an export
 * folder, whose files are checked against their SHA-256): the position is the number of rows read,
 * and a continued read reads and drops that many rows first. The rows dropped are parsed again
 * (files have no index to seek by), but nothing of them is converted or written.
 */
public final class OrdinalResume implements RowStream {
    private final RowStream in;

    private OrdinalResume(RowStream in) {
        this.in = in;
    }

    /**
     * Wraps {@code in} (positioned at its first row) so that it answers {@link #position()}, after
     * skipping the first {@code after} rows (a position token, or null to skip none).
     */
    public static RowStream after(RowStream in, String after, String table) {
        OrdinalResume out = new OrdinalResume(in);
        long skip;
        try {
            skip = after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            in.close();
            throw new DecantException(ErrorCode.FILE_CORRUPT, "the journal's position for " + table + " is '" + after
                    + "', not a row count; the journal was damaged");
        }
        try {
            while (in.rowsRead() < skip) {
                Object[] row;
                try {
                    row = in.next();
                } catch (DecantException e) {
                    if (in.skipsBadRows() && e.code().category() == ErrorCode.Category.DATA) {
                        continue; // the interrupted run set this row aside already
                    }
                    throw e;
                }
                if (row == null) {
                    throw new DecantException(ErrorCode.PARTIAL_RUN, "the interrupted run committed " + skip + " rows of "
                            + table + " but the source now has only " + in.rowsRead() + "; it changed, so the table"
                            + " cannot continue where it stopped: start over with --truncate-first --yes");
                }
            }
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
        return out;
    }

    @Override
    public Object[] next() {
        return in.next();
    }

    @Override
    public long rowsRead() {
        return in.rowsRead();
    }

    @Override
    public boolean skipsBadRows() {
        return in.skipsBadRows();
    }

    @Override
    public String position() {
        return Long.toString(in.rowsRead());
    }

    @Override
    public void close() {
        in.close();
    }
}
