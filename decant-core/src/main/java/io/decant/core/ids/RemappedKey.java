package io.decant.core.ids;

import io.decant.core.schema.TableId;

/**
 * A key column whose values are remapped.
 *
 * @param map the {@link IdMap} that remaps it: the table as named under {@code ids:} in the spec
 */
public record RemappedKey(TableId table, String column, String map) {
}
