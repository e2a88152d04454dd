package io.decant.core.ids;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.type.LogicalType;
import io.decant.core.util.Jackson;
import io.decant.core.util.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a mapping file token by token, so that every problem can name the line of its entry. The
 * ids stay JSON values here; {@link MappingFile#toIdMap} types them. See {@link MappingFile} for the
 * layouts and the rules.
 */
final class MappingReader {
    private static final ObjectMapper MAPPER = JsonMappers.MAPPER;
    private static final JsonFactory FACTORY = Jackson.NO_DUPLICATE_KEYS;
    private static final Set<String> DECANT_TOP = Set.of("format", "generatedAt", "retainUntil", "tables");
    private static final Set<String> DECANT_TABLE = Set.of("strategy", "key", "oldType", "newType", "count", "entries");
    private static final Pattern ID_FIELD = Pattern.compile("old|new|.*(Id|ID|_id)");

    private final Path file;
    private JsonParser p;

    MappingReader(Path file) {
        this.file = file;
    }

    MappingDocument read() {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = FACTORY.createParser(in)) {
            this.p = parser;
            return document();
        } catch (NoSuchFileException e) {
            throw new DecantException(ErrorCode.IO_ERROR, "mapping file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw corrupt(line, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY, "cannot read mapping file " + file + ": " + e.getMessage(), e);
        }
    }

    private MappingDocument document() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw corrupt(line(), "expected a JSON object with generatedAt, retainUntil and tables (or mappings)");
        }
        Instant generatedAt = null;
        Instant retainUntil = null;
        Map<String, MappingDocument.Table> tables = null;
        MappingDocument.Table mappings = null;
        List<String> unknown = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int at = line();
            p.nextToken();
            switch (name) {
                case "format" -> {
                    String f = text("format");
                    if (!f.equals(MappingFile.FORMAT)) {
                        throw corrupt(at, "format '" + f + "' is not " + MappingFile.FORMAT + "; a newer decant wrote it?");
                    }
                }
                case "generatedAt" -> generatedAt = instant(tree(), "generatedAt", at);
                case "retainUntil" -> retainUntil = instant(tree(), "retainUntil", at);
                case "tables" -> tables = tables();
                case "mappings" -> mappings = mappings();
                default -> {
                    unknown.add(name);
                    p.skipChildren();
                }
            }
        }
        if (p.nextToken() != null) {
            throw corrupt(line(), "text after the JSON object");
        }
        if (tables != null && mappings != null) {
            throw corrupt(1, "has both tables (decant's layout) and mappings (a one-table layout); keep one");
        }
        if (tables == null && mappings == null) {
            throw corrupt(1, "has neither tables (decant's layout) nor mappings (a one-table layout)");
        }
        if (tables != null) {
            if (!unknown.isEmpty()) {
                throw corrupt(1, "unknown key " + unknown + "; known: " + DECANT_TOP);
            }
            if (generatedAt == null || retainUntil == null) {
                throw corrupt(1, "missing generatedAt or retainUntil");
            }
            return new MappingDocument(file, MappingDocument.Layout.DECANT, generatedAt, retainUntil, tables);
        }
        // A foreign one-table file may carry keys of its own (a version, a note): they are not ours to judge.
        return new MappingDocument(file, MappingDocument.Layout.MAPPINGS, generatedAt, retainUntil, Map.of(mappings.name(), mappings));
    }

    private Map<String, MappingDocument.Table> tables() throws IOException {
        expect(JsonToken.START_OBJECT, "tables");
        Map<String, MappingDocument.Table> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String table = p.currentName();
            p.nextToken();
            out.put(table, table(table));
        }
        return out;
    }

    private MappingDocument.Table table(String table) throws IOException {
        String where = "tables." + table;
        expect(JsonToken.START_OBJECT, where);
        int start = line();
        String strategy = null;
        String key = null;
        LogicalType oldType = null;
        LogicalType newType = null;
        Long count = null;
        List<MappingDocument.Entry> entries = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int at = line();
            p.nextToken();
            switch (name) {
                case "strategy" -> strategy = text(where + ".strategy");
                case "key" -> key = text(where + ".key");
                case "oldType" -> oldType = type(text(where + ".oldType"), where + ".oldType", at);
                case "newType" -> newType = type(text(where + ".newType"), where + ".newType", at);
                case "count" -> count = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1L;
                case "entries" -> entries = entries(where, false);
                default -> throw corrupt(at, where + ": unknown key '" + name + "'; known: " + DECANT_TABLE);
            }
        }
        if (key == null || entries == null) {
            throw corrupt(start, where + ": missing " + (key == null ? "key" : "entries"));
        }
        if (count != null && count != entries.size()) {
            throw corrupt(start, where + ": count says " + count + " but there are " + entries.size()
                    + " entries; the file was cut or edited");
        }
        return new MappingDocument.Table(table, strategy, key, oldType, newType, entries);
    }

    private MappingDocument.Table mappings() throws IOException {
        List<MappingDocument.Entry> entries = entries("mappings", true);
        String oldField = entries.isEmpty() ? "old" : idFields.get(0);
        return new MappingDocument.Table("mappings", null, oldField, null, null, entries);
    }

    private List<String> idFields;

    private List<MappingDocument.Entry> entries(String where, boolean foreign) throws IOException {
        expect(JsonToken.START_ARRAY, where);
        List<MappingDocument.Entry> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int index = out.size();
            int at = line();
            String here = where + "[" + index + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw corrupt(at, here + ": expected an object, got " + p.currentToken().asString());
            }
            JsonNode node = tree();
            out.add(foreign ? foreignEntry(node, index, at, here) : entry(node, index, at, here));
        }
        return out;
    }

    private MappingDocument.Entry entry(JsonNode node, int index, int at, String here) {
        JsonNode old = required(node, "old", at, here);
        JsonNode neu = required(node, "new", at, here);
        Map<String, String> extras = new LinkedHashMap<>();
        Instant migratedAt = null;
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            switch (f.getKey()) {
                case "old", "new" -> { }
                case "migratedAt" -> migratedAt = instant(f.getValue(), here + ".migratedAt", at);
                default -> extra(extras, f.getKey(), f.getValue(), at, here);
            }
        }
        return new MappingDocument.Entry(index, at, old, neu, extras, migratedAt);
    }

    /**
     * An entry of a {@code mappings} file: the two id fields are {@code old} and {@code new} when
     * present, else the two fields named like {@code supabaseUserId} / {@code stack_auth_id}
     * ({@link #ID_FIELD}), the first written being the old id. Every entry must use the same two.
     */
    private MappingDocument.Entry foreignEntry(JsonNode node, int index, int at, String here) {
        List<String> found = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (ID_FIELD.matcher(n).matches()) {
                found.add(n);
            }
        });
        List<String> ids = found.contains("old") && found.contains("new") ? List.of("old", "new") : found;
        if (ids.size() != 2) {
            throw corrupt(at, here + ": needs exactly two id fields (old and new, or two names ending in Id or _id,"
                    + " the first being the old id); found " + ids);
        }
        if (idFields == null) {
            idFields = ids;
        } else if (!idFields.equals(ids)) {
            throw corrupt(at, here + ": id fields " + ids + " differ from the first entry's " + idFields);
        }
        Map<String, String> extras = new LinkedHashMap<>();
        Instant migratedAt = null;
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (ids.contains(f.getKey())) {
                continue;
            }
            if (f.getKey().equals("migratedAt")) {
                migratedAt = instant(f.getValue(), here + ".migratedAt", at);
            } else {
                extra(extras, f.getKey(), f.getValue(), at, here);
            }
        }
        return new MappingDocument.Entry(index, at, node.get(ids.get(0)), node.get(ids.get(1)), extras, migratedAt);
    }

    private void extra(Map<String, String> extras, String name, JsonNode v, int at, String here) {
        if (v.isNull()) {
            return;
        }
        if (!v.isValueNode()) {
            throw corrupt(at, here + "." + name + ": expected a string or number, got " + KeyValues.kindOf(v));
        }
        extras.put(name, v.asText());
    }

    private JsonNode required(JsonNode node, String field, int at, String here) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw corrupt(at, here + ": missing \"" + field + "\"");
        }
        return v;
    }

    private Instant instant(JsonNode v, String where, int at) {
        if (v.isNull()) {
            return null;
        }
        try {
            if (v.isTextual()) {
                return Instant.parse(v.textValue());
            }
        } catch (DateTimeParseException e) {
            // reported below with the rule
        }
        throw corrupt(at, where + ": expected an ISO 8601 instant such as 2026-01-23T10:00:00Z, got "
                + ErrorContext.preview(v.isTextual() ? v.textValue() : v.toString()));
    }

    private LogicalType type(String s, String where, int at) {
        try {
            LogicalType t = LogicalType.parse(s);
            if (KeyValues.family(t) != null) {
                return t;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw corrupt(at, where + ": '" + s + "' is not an id type (text, int16, int32, int64, uuid)");
    }

    private JsonNode tree() throws IOException {
        return MAPPER.readTree(p);
    }

    private String text(String where) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw corrupt(line(), where + ": expected a string");
        }
        return p.getText();
    }

    private void expect(JsonToken token, String where) {
        if (p.currentToken() != token) {
            throw corrupt(line(), where + ": expected " + (token == JsonToken.START_ARRAY ? "an array" : "an object"));
        }
    }

    private int line() {
        return p.currentTokenLocation().getLineNr();
    }

    private DecantException corrupt(int line, String detail) {
        return MappingFile.corrupt(file, line, null, detail);
    }
}
