package io.decant.core.run;

import io.decant.core.error.DecantException;
import io.decant.core.spi.RowRejector;
import java.util.List;

/**
 * Where rows go that {@code --on-error reject} sets aside: each with its reason. Implementations
 * write them (owner-only: rows may hold personal data) and count them; called from reader threads,
 * and from the loading thread for rows the target refused.
 */
public interface Rejects {
    /**
     * @param columns the names of the row's values, as read (as written, for rows the target refused)
     * @param row     the row as read from the source (as written, for rows the target refused)
     */
    void reject(String table, long ordinal, DecantException reason, List<String> columns, Object[] row);

    long count(String table);

    /** Where the rejected rows of {@code table} are kept (a file), for the run journal's note; null when nowhere. */
    default String place(String table) {
        return null;
    }

    /** The rows of {@code table} that its sink refuses go here too, with the sink's columns and the row as written. */
    default RowRejector forTable(String table) {
        return (ordinal, reason, columns, row) -> reject(table, ordinal, reason, columns, row);
    }
}
