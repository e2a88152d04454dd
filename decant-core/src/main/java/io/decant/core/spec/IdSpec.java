package io.decant.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How one table's key is remapped; every column that references it (declared foreign keys, columns
 * with {@code ref}, and {@code references}) is rewritten through the same mapping.
 *
 * @param legacyColumn {@code null}, or a new column of the target that keeps the old id beside the new one
 * @param file         for {@link IdStrategy#FILE}: the mapping file
 * @param namespace    for {@link IdStrategy#UUID5}: the namespace UUID; {@code null} for decant's own
 * @param match        for {@link IdStrategy#MATCH}, else {@code null}
 * @param http         for {@link IdStrategy#HTTP}, else {@code null}
 * @param references   extra referencing columns, such as text columns or JSON paths holding this table's ids
 */
public record IdSpec(IdStrategy strategy, String legacyColumn, String file, UUID namespace, MatchSpec match,
                     HttpSpec http, List<Reference> references) {
    public IdSpec {
        Objects.requireNonNull(strategy, "strategy");
        references = List.copyOf(references);
    }
}
