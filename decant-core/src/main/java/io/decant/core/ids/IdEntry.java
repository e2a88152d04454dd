package io.decant.core.ids;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a mapping.
 *
 * @param oldId      the source key, in the representation of the source key's logical type (integers as Long)
 * @param newId      the new key, in the representation of the map's new key type
 * @param extras     informational copies kept for support cases (e.g. {@code email}); never used to map
 * @param migratedAt when the new id was made, or {@code null} when a foreign file did not say
 */
public record IdEntry(Object oldId, Object newId, Map<String, String> extras, Instant migratedAt) {
    public IdEntry {
        Objects.requireNonNull(oldId, "oldId");
        Objects.requireNonNull(newId, "newId");
        extras = extras == null || extras.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }
}
