package io.decant.core.ids;

import com.fasterxml.jackson.databind.JsonNode;
import io.decant.core.type.LogicalType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping file as read, before its ids are typed: {@link MappingFile#toIdMap} converts them once
 * the key types are known.
 *
 * @param generatedAt {@code null} only for a foreign file that does not say
 * @param retainUntil likewise
 * @param tables      by table name; a {@link Layout#MAPPINGS} file has exactly one, named by its old-id field
 */
public record MappingDocument(Path file, Layout layout, Instant generatedAt, Instant retainUntil, Map<String, Table> tables) {
    public MappingDocument {
        tables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
    }

    public enum Layout {
        /** decant's own: {@code {"generatedAt", "retainUntil", "tables": {...}}}. */
        DECANT,
        /** One table, no types: {@code {"generatedAt", "retainUntil", "mappings": [{"supabaseUserId", "stackAuthUserId", ...}]}}. */
        MAPPINGS
    }

    /**
     * @param strategy {@code null} when not recorded
     * @param key      the key column, or for a {@link Layout#MAPPINGS} file the name of the old-id field
     * @param oldType  {@code null} when not recorded
     * @param newType  {@code null} when not recorded
     */
    public record Table(String name, String strategy, String key, LogicalType oldType, LogicalType newType, List<Entry> entries) {
        public Table {
            entries = List.copyOf(entries);
        }
    }

    /**
     * @param index 0-based position in its entries array
     * @param line  1-based line where the entry starts
     * @param old   a JSON string or number
     * @param neu   a JSON string or number
     */
    public record Entry(int index, int line, JsonNode old, JsonNode neu, Map<String, String> extras, Instant migratedAt) {
    }

    /**
     * The mapping of {@code table}: by exact name, else a unique case-insensitive match; a
     * {@link Layout#MAPPINGS} file names no table, so its one table answers for any.
     */
    public Optional<Table> table(String table) {
        if (layout == Layout.MAPPINGS) {
            return tables.values().stream().findFirst();
        }
        Table t = tables.get(table);
        if (t != null) {
            return Optional.of(t);
        }
        List<Table> ci = tables.values().stream()
                .filter(x -> x.name().toLowerCase(Locale.ROOT).equals(table.toLowerCase(Locale.ROOT))).toList();
        return ci.size() == 1 ? Optional.of(ci.get(0)) : Optional.empty();
    }

    /** Whether {@code retainUntil} has passed at {@code now}; false when the file does not say. */
    public boolean retentionPassed(Instant now) {
        return retainUntil != null && now.isAfter(retainUntil);
    }
}
