package io.decant.core.ids;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spec.IdStrategy;
import io.decant.core.transform.ConversionException;
import io.decant.core.type.LogicalType;
import io.decant.core.util.Jackson;
import io.decant.core.util.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The id mapping file: old id -> new id per remapped table, kept for support cases (FreshTrack keeps
 * it 90 days), written owner-only (rw-------) because it may hold emails, and replaced atomically.
 *
 * <h2>decant's layout</h2>
 * <pre>{@code
 * {
 *   "format": "decant.ids/1",
 *   "generatedAt": "2026-01-23T10:00:00Z",        ISO 8601 instant, UTC
 *   "retainUntil": "2026-04-23T10:00:00Z",        generatedAt + retention days (default 90)
 *   "tables": {
 *     "users": {                                  the table as named under ids: in the spec
 *       "strategy": "http",                       keep | uuid | uuid5 | file | match | http
 *       "key": "id",                              the source key column
 *       "oldType": "text", "newType": "uuid",     logical types of the ids (text, int16/32/64, uuid)
 *       "count": 2,                               number of entries: a cut file is detected
 *       "entries": [
 *         {"old": "u_1", "new": "0190c5a4-...", "email": "a@x.io", "migratedAt": "2026-01-23T10:00:01Z"}
 *       ]
 *     }
 *   }
 * }
 * }</pre>
 * {@code old} and {@code new} are JSON strings, or numbers for integer ids (strings beyond 2^53, which
 * JavaScript cannot hold exactly). Every other field of an entry is an informational copy
 * ({@code email}) that decant never maps by.
 *
 * <h2>One-table layout (FreshTrack's {@code user-mapping.json})</h2>
 * {@code {"generatedAt", "retainUntil", "mappings": [{"supabaseUserId": .., "stackAuthUserId": .., "email": .., "migratedAt": ..}]}}:
 * the two id fields of an entry are {@code old} and {@code new} if present, else the two fields whose
 * names end in {@code Id}, {@code ID} or {@code _id}; <b>the first written is the old id</b>. Every
 * entry must use the same two names. It names no table: it serves the table whose spec points to it.
 * Its other top-level keys are ignored; decant's layout allows no unknown key.
 *
 * <h2>Strict reading</h2>
 * A problem is a {@link ErrorCode#FILE_CORRUPT} naming the file, the line and the entry: invalid
 * JSON, a duplicate key, a missing field, an id that is not of the key's type, the same old id twice,
 * or two old ids mapped to the same new id. Old ids that are not in the source are warnings, reported
 * by the {@code file} strategy.
 */
public final class MappingFile {
    public static final String FORMAT = "decant.ids/1";
    /** FreshTrack's retention: long enough for support cases that quote an old id. */
    public static final int DEFAULT_RETENTION_DAYS = 90;
    private static final Set<String> RESERVED = Set.of("old", "new", "migratedAt");
    /** The file is synced before its stream is closed; the generator must not close it first. */
    private static final JsonFactory FACTORY = Jackson.FACTORY;

    private MappingFile() {
    }

    public static MappingDocument read(Path file) {
        return new MappingReader(file).read();
    }

    /** The journal of strategy http beside {@code mappingFile}: {@code user-mapping.json.journal}. */
    public static Path journalOf(Path mappingFile) {
        return mappingFile.resolveSibling(mappingFile.getFileName() + ".journal");
    }

    public static Instant retainUntil(Instant generatedAt, int retentionDays) {
        return generatedAt.plus(Duration.ofDays(retentionDays));
    }

    /** Writes {@code maps} in their order, atomically and owner-only. */
    public static void write(Path file, Instant generatedAt, Instant retainUntil, List<IdMap> maps) {
        OwnerOnlyFiles.write(file, out -> {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("format", FORMAT);
                g.writeStringField("generatedAt", generatedAt.toString());
                g.writeStringField("retainUntil", retainUntil.toString());
                g.writeObjectFieldStart("tables");
                for (IdMap m : maps) {
                    writeTable(g, m);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
        });
    }

    private static void writeTable(JsonGenerator g, IdMap m) throws IOException {
        g.writeObjectFieldStart(m.table());
        g.writeStringField("strategy", m.strategy().spelling());
        g.writeStringField("key", m.keyColumn());
        g.writeStringField("oldType", m.oldType().toString());
        g.writeStringField("newType", m.newType().toString());
        g.writeNumberField("count", m.size());
        g.writeArrayFieldStart("entries");
        for (IdEntry e : m.entries()) {
            g.writeStartObject();
            g.writeFieldName("old");
            KeyValues.write(g, e.oldId());
            g.writeFieldName("new");
            KeyValues.write(g, e.newId());
            for (Map.Entry<String, String> x : e.extras().entrySet()) {
                // Extras are copies for people; a column that happens to be called "old" is not worth a format change.
                if (!RESERVED.contains(x.getKey())) {
                    g.writeStringField(x.getKey(), x.getValue());
                }
            }
            if (e.migratedAt() != null) {
                g.writeStringField("migratedAt", e.migratedAt().toString());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Types the ids of {@code t} and checks that the mapping is one-to-one.
     *
     * @param oldType the source key's type, or {@code null} to use the file's (text when it does not say)
     * @param newType the target key's type, or {@code null} to use the file's, else the JSON form of
     *                the first entry (a string: text, a number: int64)
     */
    public static IdMap toIdMap(MappingDocument doc, MappingDocument.Table t, String table, String keyColumn,
                                IdStrategy strategy, LogicalType oldType, LogicalType newType) {
        LogicalType ot = oldType != null ? oldType : t.oldType() != null ? t.oldType() : inferred(t, true);
        LogicalType nt = newType != null ? newType : t.newType() != null ? t.newType() : inferred(t, false);
        IdMap.Builder b = IdMap.builder(table, keyColumn, strategy, ot, nt);
        Map<Object, MappingDocument.Entry> seenOld = new HashMap<>();
        Map<Object, MappingDocument.Entry> seenNew = new HashMap<>();
        for (MappingDocument.Entry e : t.entries()) {
            Object old = typed(doc, table, e, e.old(), ot, "old");
            Object neu = typed(doc, table, e, e.neu(), nt, "new");
            MappingDocument.Entry first = seenOld.putIfAbsent(KeyValues.canonical(old), e);
            if (first != null) {
                throw corrupt(doc.file(), e.line(), table, where(e) + ": old id " + ErrorContext.preview(KeyValues.text(old))
                        + " appears again; first at " + where(first) + " (line " + first.line() + ")");
            }
            first = seenNew.putIfAbsent(KeyValues.canonical(neu), e);
            if (first != null) {
                throw corrupt(doc.file(), e.line(), table, where(e) + ": new id " + ErrorContext.preview(KeyValues.text(neu))
                        + " is also the new id of " + where(first) + " (line " + first.line()
                        + "); two old ids cannot become one");
            }
            b.add(new IdEntry(old, neu, e.extras(), e.migratedAt()));
        }
        return b.build();
    }

    private static LogicalType inferred(MappingDocument.Table t, boolean old) {
        if (t.entries().isEmpty()) {
            return LogicalType.TEXT;
        }
        MappingDocument.Entry e = t.entries().get(0);
        return (old ? e.old() : e.neu()).isIntegralNumber() ? LogicalType.INT64 : LogicalType.TEXT;
    }

    private static Object typed(MappingDocument doc, String table, MappingDocument.Entry e, JsonNode v, LogicalType type, String which) {
        try {
            return KeyValues.fromJson(v, type);
        } catch (ConversionException x) {
            String shown = v.isValueNode() ? ErrorContext.preview(v.asText()) : KeyValues.kindOf(v);
            throw new DecantException(ErrorCode.FILE_CORRUPT, context(doc.file(), e.line(), table).withRule(x.rule()),
                    where(e) + ": " + which + " id " + shown + " is not a " + type + " (" + x.getMessage() + ")");
        }
    }

    private static String where(MappingDocument.Entry e) {
        return "entries[" + e.index() + "]";
    }

    private static ErrorContext context(Path file, int line, String table) {
        return ErrorContext.EMPTY.withTable(table).withLocation("mapping file " + file + (line > 0 ? ", line " + line : ""));
    }

    static DecantException corrupt(Path file, int line, String table, String detail) {
        return new DecantException(ErrorCode.FILE_CORRUPT, context(file, line, table), detail);
    }
}
