package io.decant.core.spi;

import io.decant.core.error.DecantException;
import java.util.List;

/**
 * Where a sink sets aside a row that the target refused ({@code --on-error reject}): a duplicate key,
 * a failed CHECK or foreign key, a value the column cannot hold. The sink goes on with the other rows
 * and counts only those it loaded. Called on the thread that writes to the sink.
 */
@FunctionalInterface
public interface RowRejector {
    /**
     * @param rowOrdinal the row's ordinal among the rows written to this sink (1-based)
     * @param reason     a data error naming the row's key and, where the target said, the column
     * @param columns    the names of the row's values: the sink's columns
     * @param row        the row as written to the sink
     */
    void reject(long rowOrdinal, DecantException reason, List<String> columns, Object[] row);
}
