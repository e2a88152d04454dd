package io.decant.core.engine;

import io.decant.core.error.DecantException;
import java.util.List;

/**
 * Where rows go that {@code --on-error reject} sets aside: each with its reason. Implementations
 * write them (owner-only: rows may hold personal data) and count them; called from reader threads.
 */
public interface Rejects {
    /**
     * @param columns the names of the row's values, as read
     * @param row     the row as read from the source
     */
    void reject(String table, long ordinal, DecantException reason, List<String> columns, Object[] row);

    long count(String table);
}
