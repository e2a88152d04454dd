package io.decant.core.spi;

import java.util.List;
import java.util.Map;

/**
 * What a command asks of a connection beyond its URL.
 *
 * @param schemas  database schemas to read (PostgreSQL: {@code public} when empty)
 * @param settings dialect-specific settings from the spec or the command line (for example the
 *                 export format), never secrets
 */
public record OpenOptions(List<String> schemas, Map<String, String> settings) {
    public static final OpenOptions DEFAULT = new OpenOptions(List.of(), Map.of());

    public OpenOptions {
        schemas = List.copyOf(schemas);
        settings = Map.copyOf(settings);
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
