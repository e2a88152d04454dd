package io.decant.files.folder;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import io.decant.core.util.Jackson;
import io.decant.core.util.JsonMappers;
import io.decant.files.convex.ConvexRules;
import io.decant.files.convex.ImportScript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and writes manifest.json. Written by hand, key by key, so that its layout is stable API. */
final class ManifestCodec {
    private static final ObjectMapper MAPPER = JsonMappers.MAPPER;

    private ManifestCodec() {
    }

    static byte[] write(Manifest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = Jackson.DATA.createGenerator(out)) {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            g.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter));
            g.writeStartObject();
            g.writeStringField("tool", m.tool());
            g.writeStringField("version", m.version());
            g.writeNumberField("formatVersion", m.formatVersion());
            g.writeStringField("format", m.format().extension());
            g.writeStringField("source", m.source());
            g.writeStringField("exportedAt", m.exportedAt());
            g.writeStringField("specHash", m.specHash());
            if (m.convex() != null) {
                // Only in folders for Convex, so an export folder's manifest stays as it was.
                g.writeObjectFieldStart("convex");
                g.writeStringField("nulls", m.convex().nulls().text());
                g.writeStringField("importScript", ImportScript.FILE_NAME);
                g.writeEndObject();
            }
            g.writeObjectFieldStart("tables");
            for (ManifestTable t : m.tables().values()) {
                g.writeObjectFieldStart(t.key());
                writeTable(g, t);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeTable(JsonGenerator g, ManifestTable t) throws IOException {
        g.writeStringField("schema", t.id().schema());
        g.writeStringField("name", t.id().name());
        g.writeArrayFieldStart("columns");
        for (Column c : t.columns()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("logicalType", c.type().toString());
            g.writeStringField("sourceType", c.sourceType());
            g.writeBooleanField("nullable", c.nullable());
            g.writeStringField("identity", c.identity().name().toLowerCase(Locale.ROOT));
            if (c.nativeType() != null && !c.isSupported()) {
                // A type decant does not model, kept as the source database's text: a target of that type reads it back.
                g.writeStringField("nativeType", c.nativeType());
            } else if (c.nativeType() != null) {
                // The type the source declared for values decant models (character(2), an enum; a computed column's
                // with its expression): an import into a database of the same kind creates it where migrate would.
                // Only when the source said it.
                g.writeStringField("declaredType", c.nativeType());
                if (c.ownType() != null) {
                    g.writeStringField("ownType", c.ownType());
                }
            }
            if (c.collation() != null) {
                // Only when the source said how the column compares, so a manifest without it reads as before.
                g.writeStringField("collation", c.collation());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "primaryKey", t.primaryKey());
        g.writeArrayFieldStart("indexes");
        for (Index i : t.indexes()) {
            if (i.sourceOnly() != null) {
                continue; // over columns, but of a kind only its database builds: recorded by its definition, if at all
            }
            g.writeStartObject();
            g.writeStringField("name", i.name());
            strings(g, "columns", i.columns());
            g.writeBooleanField("unique", i.unique());
            g.writeBooleanField("constraint", i.constraint());
            if (i.definition() != null) {
                // One database's own index (partial, over expressions), for an import into one of its kind to build.
                g.writeStringField("definition", i.definition());
            }
            if (i.nullsNotDistinct()) {
                g.writeBooleanField("nullsNotDistinct", true);
            }
            if (i.deferral() != null) {
                g.writeStringField("deferral", i.deferral());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("foreignKeys");
        for (ForeignKey fk : t.foreignKeys()) {
            g.writeStartObject();
            g.writeStringField("name", fk.name());
            strings(g, "columns", fk.columns());
            g.writeStringField("refSchema", fk.refTable().schema());
            g.writeStringField("refTable", fk.refTable().name());
            strings(g, "refColumns", fk.refColumns());
            g.writeStringField("onDelete", fk.onDelete());
            g.writeStringField("onUpdate", fk.onUpdate());
            g.writeBooleanField("deferrable", fk.deferrable());
            if (fk.initiallyDeferred()) {
                g.writeBooleanField("initiallyDeferred", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("rowCount", t.rowCount());
        g.writeArrayFieldStart("files");
        for (ManifestFile f : t.files()) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeNumberField("rows", f.rows());
            g.writeStringField("sha256", f.sha256());
            if (f.sizeKnown()) {
                g.writeNumberField("bytes", f.bytes());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("checksum", t.checksum());
        g.writeBooleanField("containsSecrets", t.containsSecrets());
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Reads {@code dir/manifest.json}; a missing or malformed manifest is FILE_CORRUPT naming what is wrong. */
    static Manifest read(Path dir) {
        Path file = dir.resolve(Manifest.FILE_NAME);
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw corrupt("no " + Manifest.FILE_NAME + " in " + dir);
        } catch (JsonProcessingException e) {
            throw corrupt("not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw OwnerOnly.io("cannot read " + file, e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw corrupt(e.getMessage());
        }
    }

    private static Manifest parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        int formatVersion = required(root, "formatVersion").asInt();
        if (formatVersion != Manifest.FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion " + formatVersion + " is not understood by this decant (it reads "
                    + Manifest.FORMAT_VERSION + ")");
        }
        Format format = root.hasNonNull("format") ? Format.parse(root.get("format").asText()) : Format.JSONL;
        Map<String, ManifestTable> tables = new LinkedHashMap<>();
        JsonNode tablesNode = required(root, "tables");
        Iterator<Map.Entry<String, JsonNode>> it = tablesNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ManifestTable t;
            try {
                t = table(e.getKey(), e.getValue());
            } catch (IllegalArgumentException | NullPointerException ex) {
                throw new IllegalArgumentException("table " + e.getKey() + ": " + ex.getMessage(), ex);
            }
            if (!t.key().equals(e.getKey())) {
                throw new IllegalArgumentException("table key " + e.getKey() + " does not match its schema and name " + t.key());
            }
            tables.put(e.getKey(), t);
        }
        JsonNode convex = root.get("convex");
        ConvexRules rules = convex == null || convex.isNull() ? null : convexRules(convex);
        return new Manifest(text(root, "tool"), text(root, "version"), formatVersion, text(root, "source"),
                text(root, "exportedAt"), text(root, "specHash"), format, tables, rules);
    }

    private static ConvexRules convexRules(JsonNode n) {
        String nulls = required(n, "nulls").asText();
        try {
            return new ConvexRules(ConvexRules.Nulls.parse(nulls));
        } catch (DecantException e) {
            throw new IllegalArgumentException("convex.nulls '" + nulls + "' is not omit or null", e);
        }
    }

    private static ManifestTable table(String key, JsonNode n) {
        String name = n.hasNonNull("name") ? n.get("name").asText() : key;
        TableId id = new TableId(text(n, "schema"), name);
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : required(n, "columns")) {
            String identity = text(c, "identity");
            Column.Identity generates = identity == null ? Column.Identity.NONE
                    : Column.Identity.valueOf(identity.toUpperCase(Locale.ROOT));
            String nativeType = sql(c, "nativeType", generates == Column.Identity.COMPUTED);
            String declaredType = sql(c, "declaredType", generates == Column.Identity.COMPUTED);
            if (nativeType != null && declaredType != null) {
                throw new IllegalArgumentException("column " + text(c, "name") + " has both \"nativeType\" (a type decant"
                        + " does not model) and \"declaredType\"; remove one");
            }
            columns.add(new Column(required(c, "name").asText(), text(c, "sourceType"),
                    type(required(c, "logicalType").asText()), !c.has("nullable") || c.get("nullable").asBoolean(), generates,
                    nativeType == null ? null : "the text of " + text(c, "sourceType") + ", a type decant does not model",
                    nativeType != null ? nativeType : declaredType, collation(c), ownType(c, declaredType)));
        }
        List<Index> indexes = new ArrayList<>();
        for (JsonNode i : array(n, "indexes")) {
            String definition = definition(i);
            indexes.add(new Index(text(i, "name"), definition == null ? strings(i, "columns") : List.of(),
                    i.path("unique").asBoolean(), definition == null && i.path("constraint").asBoolean(), null, definition,
                    i.path("nullsNotDistinct").asBoolean(), deferral(i)));
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (JsonNode f : array(n, "foreignKeys")) {
            fks.add(new ForeignKey(text(f, "name"), strings(f, "columns"),
                    new TableId(text(f, "refSchema"), required(f, "refTable").asText()), strings(f, "refColumns"),
                    f.path("deferrable").asBoolean(), text(f, "onDelete"), text(f, "onUpdate"),
                    f.path("initiallyDeferred").asBoolean()));
        }
        List<ManifestFile> files = new ArrayList<>();
        for (JsonNode f : array(n, "files")) {
            files.add(new ManifestFile(required(f, "name").asText(), required(f, "rows").asLong(),
                    required(f, "sha256").asText().toLowerCase(Locale.ROOT),
                    // Older manifests may not record sizes; such a file is still read and checked by its SHA-256.
                    f.hasNonNull("bytes") ? f.get("bytes").asLong() : ManifestFile.UNKNOWN_SIZE));
        }
        return new ManifestTable(id, columns, strings(n, "primaryKey"), indexes, fks, required(n, "rowCount").asLong(),
                files, text(n, "checksum"), n.path("containsSecrets").asBoolean());
    }

    /** A column's collation as decant-core's Column holds it ({@code sqlite BINARY}); absent in older manifests. */
    private static String collation(JsonNode c) {
        String collation = text(c, "collation");
        if (collation != null && collation.isBlank()) {
            throw new IllegalArgumentException("column " + text(c, "name") + ": \"collation\" is empty; remove it, and"
                    + " the column is created with the target database's default collation");
        }
        return collation;
    }

    /**
     * A column's type in the source database's own SQL ({@code field}: nativeType, declaredType), which an import's
     * CREATE TABLE may declare as it is: refused unless it is a type as PostgreSQL spells one ({@link ManifestSql}).
     */
    private static String sql(JsonNode c, String field, boolean computed) {
        String type = text(c, field);
        String why = type == null ? null : ManifestSql.typeProblem(type, computed);
        if (why != null) {
            throw new IllegalArgumentException("column " + text(c, "name") + ": \"" + field + "\" " + why + "; correct it,"
                    + " or remove it and the column is created with the target's type for its logical type");
        }
        return type;
    }

    /** What a PostgreSQL enum's or domain's column compares to keep its type ({@link Column#ownType}); absent in older manifests. */
    private static String ownType(JsonNode c, String declaredType) {
        String ownType = text(c, "ownType");
        if (ownType != null && (declaredType == null || !ownType.startsWith("enum ") && !ownType.startsWith("domain "))) {
            throw new IllegalArgumentException("column " + text(c, "name") + ": \"ownType\" '" + ownType + "' is not"
                    + " \"enum ...\" or \"domain ...\" beside a \"declaredType\"; remove it, and the column is created with"
                    + " the target's type for its logical type");
        }
        return ownType;
    }

    /**
     * An index the source defines in its own SQL, after {@code CREATE INDEX name ON table}: refused unless it is
     * shaped as pg_get_indexdef writes one ({@link ManifestSql}), since an import may send it as it is.
     */
    private static String definition(JsonNode i) {
        String definition = text(i, "definition");
        String why = definition == null ? null : ManifestSql.indexProblem(definition);
        if (why != null) {
            throw new IllegalArgumentException("index " + text(i, "name") + ": \"definition\" " + why + "; correct it,"
                    + " or remove the index from \"indexes\" and create it on the target after the import");
        }
        return definition;
    }

    /**
     * A unique key's deferral, one of the two SQL spellings an export writes; anything else would reach the target's
     * DDL as it is, so it is refused.
     */
    private static String deferral(JsonNode i) {
        String deferral = text(i, "deferral");
        if (deferral != null && !DEFERRALS.contains(deferral)) {
            throw new IllegalArgumentException("index " + text(i, "name") + ": \"deferral\" '" + deferral + "' is not "
                    + String.join(" or ", DEFERRALS) + "; correct it, or remove it for a key checked at each row");
        }
        return deferral;
    }

    private static final List<String> DEFERRALS = List.of("DEFERRABLE", "DEFERRABLE INITIALLY DEFERRED");

    private static LogicalType type(String text) {
        try {
            return LogicalType.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown logical type '" + text + "'", e);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return v;
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? List.of() : v;
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(n, field)) {
            out.add(v.asText());
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static DecantException corrupt(String detail) {
        return new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(Manifest.FILE_NAME), detail);
    }
}
