package io.decant.files.folder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.SchemaObject;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import io.decant.files.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * manifest.json keeps what migrate keeps of a table for {@code import --create-schema}: a text column's collation,
 * a unique key's NULLS NOT DISTINCT and deferral, a foreign key's INITIALLY DEFERRED. Each is written only when set,
 * so a manifest of a table without them is what an older decant wrote, and an older manifest reads as before.
 */
class ManifestKeepsTest {
    @TempDir
    Path tmp;

    static final Table SLOTS = new Table(TableId.of("slots"), List.of(
            new Column("id", "integer", LogicalType.INT32, false, Column.Identity.NONE),
            new Column("code", "text", LogicalType.TEXT, false, Column.Identity.NONE, null, null, "postgresql C"),
            new Column("label", "text", LogicalType.TEXT, true, Column.Identity.NONE, null, null, "sqlite BINARY"),
            new Column("pos", "integer", LogicalType.INT32, true, Column.Identity.NONE)),
            List.of("id"), List.of(
            new Index("slots_code_key", List.of("code"), true, true, null, null, true, null),
            new Index("slots_pos_key", List.of("pos"), true, true, null, null, false, "DEFERRABLE INITIALLY DEFERRED"),
            new Index("slots_label_key", List.of("label"), true, true, null, null, true, "DEFERRABLE")),
            List.of(), 1);
    static final Table ITEMS = new Table(TableId.of("items"), List.of(
            new Column("id", "integer", LogicalType.INT32, false, Column.Identity.NONE),
            new Column("slot_id", "integer", LogicalType.INT32, true, Column.Identity.NONE)),
            List.of("id"), List.of(), List.of(
            new ForeignKey("items_slot_fk", List.of("slot_id"), TableId.of("slots"), List.of("id"), true, null, null, true)),
            1);

    /** The folder after writing {@code rows} into each of {@code tables}, one after another, as an export does. */
    private Path exported(List<Table> tables, List<Object[]> rows) {
        Path dir = tmp.resolve("export");
        tables.forEach(t -> Fixtures.export(dir, t, rows));
        return dir;
    }

    @Test
    void collationsUniqueKeyDetailsAndDeferralComeBackAsTheyWere() throws Exception {
        Path dir = exported(List.of(ITEMS), List.<Object[]>of(new Object[] {1, 1}));
        exported(List.of(SLOTS), List.<Object[]>of(new Object[] {1, "a", "b", 1}));
        Manifest m = ManifestCodec.read(dir);
        assertEquals(SLOTS.withRowEstimate(1), m.tables().get("slots").toTable());
        assertEquals(ITEMS.withRowEstimate(1), m.tables().get("items").toTable());

        JsonNode slots = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("tables").get("slots");
        assertFalse(slots.get("columns").get(0).has("collation"), "an integer column has none");
        assertEquals("postgresql C", slots.get("columns").get(1).get("collation").asText());
        JsonNode code = slots.get("indexes").get(0);
        assertTrue(code.get("nullsNotDistinct").asBoolean());
        assertFalse(code.has("deferral"));
        assertEquals("DEFERRABLE INITIALLY DEFERRED", slots.get("indexes").get(1).get("deferral").asText());
        assertFalse(slots.get("indexes").get(1).has("nullsNotDistinct"));
    }

    @Test
    void aTableWithoutThemIsWrittenAsAnOlderDecantWroteIt() throws Exception {
        Path dir = exported(List.of(FolderTargetTest.POSTS), FolderTargetTest.posts(1));
        String manifest = Files.readString(dir.resolve("manifest.json"));
        for (String key : List.of("collation", "nullsNotDistinct", "deferral", "initiallyDeferred")) {
            assertFalse(manifest.contains("\"" + key + "\""), key + " in " + manifest);
        }
    }

    static final Table PEOPLE = new Table(TableId.of("people"), List.of(
            new Column("id", "integer", LogicalType.INT32, false, Column.Identity.NONE, null, "postgresql integer"),
            new Column("code", "character(2)", LogicalType.text(2), false, Column.Identity.NONE, null,
                    "postgresql character(2)"),
            new Column("m", "mood", LogicalType.TEXT, true, Column.Identity.NONE, null, "postgresql mood", null,
                    "enum {sad,ok,happy}"),
            new Column("shout", "text", LogicalType.TEXT, true, Column.Identity.COMPUTED, null,
                    "postgresql text GENERATED ALWAYS AS (upper((code)::text)) STORED")),
            List.of("id"), List.of(
            new Index("people_lower_code", List.of(), false, false, null, "postgresql USING btree (lower((code)::text))"),
            new Index("people_code_rich", List.of(), true, false, null, "postgresql USING btree (code) WHERE (id > 0)"),
            new Index("people_m_key", List.of("m"), true, true)),
            List.of(), 1);

    @Test
    void declaredAndOwnTypesAndIndexDefinitionsComeBackForAnImportToCreate() throws Exception {
        Path dir = exported(List.of(PEOPLE), List.<Object[]>of(new Object[] {1, "BY", "ok"}));
        ManifestTable t = ManifestCodec.read(dir).tables().get("people");
        assertEquals(PEOPLE.columns(), t.columns(), "declared types, the enum's labels, the computed expression");
        assertEquals(PEOPLE.indexes(), t.indexes());
        assertEquals(List.of(PEOPLE.indexes().get(2)), t.toTable().indexes(), "a source's indexes over columns only");
        List<SchemaObject> objects = t.objectsNotCreated();
        assertEquals(List.of(
                new SchemaObject(SchemaObject.Kind.INDEX, "expression index", "people_lower_code",
                        "CREATE INDEX people_lower_code ON people USING btree (lower((code)::text))", null,
                        PEOPLE.indexes().get(0)),
                new SchemaObject(SchemaObject.Kind.INDEX, "partial index", "people_code_rich",
                        "CREATE UNIQUE INDEX people_code_rich ON people USING btree (code) WHERE (id > 0)", null,
                        PEOPLE.indexes().get(1))), objects);

        JsonNode people = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("tables").get("people");
        JsonNode m = people.get("columns").get(2);
        assertEquals("postgresql mood", m.get("declaredType").asText());
        assertEquals("enum {sad,ok,happy}", m.get("ownType").asText());
        assertFalse(m.has("nativeType"), "nativeType stays for types decant does not model: " + m);
        assertFalse(people.get("columns").get(0).has("ownType"));
        assertEquals("postgresql USING btree (code) WHERE (id > 0)", people.get("indexes").get(1).get("definition").asText());
        assertEquals(0, people.get("indexes").get(1).get("columns").size());
        assertFalse(people.get("indexes").get(2).has("definition"));
    }

    /**
     * A computed column is recorded at its place among the columns, with its expression, and its values are in no
     * file: the files hold the other columns, the folder checks and reads back as one without it.
     */
    @Test
    void aComputedColumnIsRecordedAtItsPlaceAndNeverWritten() throws Exception {
        Path dir = exported(List.of(PEOPLE), List.<Object[]>of(new Object[] {1, "BY", "ok"}, new Object[] {2, "DE", null}));
        JsonNode people = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("tables").get("people");
        JsonNode shout = people.get("columns").get(3);
        assertEquals("shout", shout.get("name").asText());
        assertEquals("computed", shout.get("identity").asText());
        assertEquals("postgresql text GENERATED ALWAYS AS (upper((code)::text)) STORED", shout.get("declaredType").asText());
        String rows = Files.readString(dir.resolve("people.jsonl"));
        assertFalse(rows.contains("shout"), rows);

        ManifestTable t = ManifestCodec.read(dir).tables().get("people");
        assertEquals(PEOPLE.columns().subList(0, 3), t.fileColumns());
        FolderCheck.Result check = FolderCheck.run(dir);
        assertTrue(check.ok(), check.toString());
        try (FolderSource source = FolderSource.open(dir)) {
            Table read = source.tables().get(0);
            assertEquals(PEOPLE.columns(), read.columns(), "the import's plan sees the computed column");
            List<Object[]> back = Fixtures.readAll(source, new Table(read.id(), t.fileColumns(), read.primaryKey(),
                    read.indexes(), read.foreignKeys(), read.rowEstimate()));
            assertEquals(2, back.size());
            assertEquals(List.of(1, "BY", "ok"), List.of(back.get(0)));
        }
    }

    /** A manifest edited so that an index's definition or a column's type carries other SQL: refused, naming both. */
    @Test
    void aTamperedDefinitionOrTypeIsRefusedBeforeItReachesDdl() throws Exception {
        Path dir = exported(List.of(PEOPLE), List.<Object[]>of(new Object[] {1, "BY", "ok"}));
        Path file = dir.resolve("manifest.json");
        String original = Files.readString(file);
        Files.writeString(file, original.replace("USING btree (code) WHERE (id > 0)",
                "USING btree (code) WHERE (id > 0); DROP TABLE people"));
        DecantException e = assertThrows(DecantException.class, () -> ManifestCodec.read(dir));
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
        assertTrue(e.getMessage().contains("table people: index people_code_rich: \"definition\" ';' at 34 of 'USING"
                + " btree (code) WHERE (id > 0); DROP TABLE people' would end the statement or begin other SQL; correct it,"
                + " or remove the index from \"indexes\" and create it on the target after the import"), e.getMessage());

        Files.writeString(file, original.replace("\"postgresql mood\"", "\"postgresql mood REFERENCES people\""));
        e = assertThrows(DecantException.class, () -> ManifestCodec.read(dir));
        assertTrue(e.getMessage().contains("table people: column m: \"declaredType\" 'mood REFERENCES people' is not a"
                + " type name as PostgreSQL spells one; correct it, or remove it and the column is created with the"
                + " target's type for its logical type"), e.getMessage());

        Files.writeString(file, original.replace("upper((code)::text)) STORED", "upper((code)::text)) STORED, x int"));
        e = assertThrows(DecantException.class, () -> ManifestCodec.read(dir));
        assertTrue(e.getMessage().contains("table people: column shout: \"declaredType\" 'text GENERATED ALWAYS AS"
                + " (upper((code)::text)) STORED, x int' does not end as a computed column's expression does"), e.getMessage());

        Files.writeString(file, original.replace("\"enum {sad,ok,happy}\"", "\"range {a,b}\""));
        e = assertThrows(DecantException.class, () -> ManifestCodec.read(dir));
        assertTrue(e.getMessage().contains("column m: \"ownType\" 'range {a,b}' is not \"enum ...\" or \"domain ...\""),
                e.getMessage());
    }

    /**
     * An export records only what its folder reads back: a type or a definition the reader would refuse is left to
     * the logical type, or noted by the export's plan, so that the folder it writes always imports.
     */
    @Test
    void aFolderKeepsOnlyWhatItReadsBack() throws Exception {
        try (io.decant.core.spi.TargetDatabase target = Fixtures.DIALECT.openTarget(tmp.resolve("kept").toString(),
                Fixtures.settings())) {
            assertTrue(target.keepsDeclaredType("postgresql character(2)"));
            assertEquals("string (postgresql tsvector)", target.nativeColumnType("postgresql tsvector"));
            assertTrue(target.buildsIndexDefinition("postgresql USING btree (lower(email))"));
            assertNull(target.ownTypeNotKept("postgresql mood", "enum {sad,ok}"));

            assertFalse(target.keepsDeclaredType("postgresql integer DEFAULT 1"));
            assertNull(target.nativeColumnType("postgresql tsvector; DROP TABLE t"));
            assertFalse(target.buildsIndexDefinition("postgresql USING btree (a); DROP TABLE t"));
            assertFalse(target.buildsIndexDefinition("mysql USING btree (a)"));
            assertEquals("an export folder keeps only types as PostgreSQL spells them",
                    target.ownTypeNotKept("postgresql mood CHECK(false)", "enum {sad,ok}"));
        }
    }

    /** Once the index is removed, as the refusal says, the folder reads; the column keeps only what is left. */
    @Test
    void theWayOutOfARefusalReads() throws Exception {
        Path dir = exported(List.of(PEOPLE), List.<Object[]>of(new Object[] {1, "BY", "ok"}));
        Path file = dir.resolve("manifest.json");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        var indexes = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("tables").get("people").get("indexes");
        ((com.fasterxml.jackson.databind.node.ObjectNode) indexes.get(1)).put("definition", "postgresql USING btree (code);");
        new ObjectMapper().writeValue(file.toFile(), root);
        assertThrows(DecantException.class, () -> ManifestCodec.read(dir));
        indexes.remove(1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("tables").get("people").get("columns").get(2))
                .remove(List.of("declaredType", "ownType"));
        new ObjectMapper().writeValue(file.toFile(), root);
        ManifestTable t = ManifestCodec.read(dir).tables().get("people");
        assertEquals(1, t.objectsNotCreated().size());
        assertNull(t.columns().get(2).nativeType());
        assertNull(t.columns().get(2).ownType());
    }

    /** The manifest of a decant that did not know the fields: text columns, a unique key, a deferrable foreign key. */
    static final String OLD_MANIFEST = """
            {
              "tool": "decant",
              "version": "0.1.0",
              "formatVersion": 1,
              "format": "jsonl",
              "source": "postgres://app@db.example.com:5432/app",
              "exportedAt": "2026-03-01T09:30:15.123Z",
              "specHash": null,
              "tables": {
                "slots": {
                  "schema": null,
                  "name": "slots",
                  "columns": [
                    {"name": "id", "logicalType": "int32", "sourceType": "integer", "nullable": false, "identity": "none"},
                    {"name": "code", "logicalType": "text", "sourceType": "text", "nullable": false, "identity": "none"}
                  ],
                  "primaryKey": ["id"],
                  "indexes": [{"name": "slots_code_key", "columns": ["code"], "unique": true, "constraint": true}],
                  "foreignKeys": [{"name": "slots_self_fk", "columns": ["id"], "refSchema": null, "refTable": "slots",
                    "refColumns": ["id"], "onDelete": null, "onUpdate": null, "deferrable": true}],
                  "rowCount": 0,
                  "files": [],
                  "checksum": null,
                  "containsSecrets": false
                }
              }
            }
            """;

    @Test
    void anOlderManifestReadsAsBefore() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(dir.resolve("manifest.json"), OLD_MANIFEST);
        Table t = ManifestCodec.read(dir).tables().get("slots").toTable();
        assertNull(t.columns().get(1).collation(), "the target database's default, as before");
        assertEquals(new Index("slots_code_key", List.of("code"), true, true), t.indexes().get(0));
        assertNull(t.columns().get(1).nativeType(), "no declared type: the target's own for the logical one");
        assertTrue(ManifestCodec.read(dir).tables().get("slots").objectsNotCreated().isEmpty());
        ForeignKey fk = t.foreignKeys().get(0);
        assertTrue(fk.deferrable());
        assertFalse(fk.initiallyDeferred());
    }

    @Test
    void aDeferralOtherThanSqlsTwoIsRefusedBeforeItReachesDdl() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("manifest.json"), OLD_MANIFEST.replace("\"constraint\": true}",
                "\"constraint\": true, \"deferral\": \"DEFERRABLE; DROP TABLE slots\"}"));
        DecantException e = assertThrows(DecantException.class, () -> ManifestCodec.read(dir));
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("table slots: index slots_code_key: \"deferral\" 'DEFERRABLE; DROP TABLE slots'"
                + " is not DEFERRABLE or DEFERRABLE INITIALLY DEFERRED; correct it, or remove it for a key checked at each"
                + " row"), e.getMessage());
    }

    @Test
    void anEmptyCollationIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(dir.resolve("manifest.json"), OLD_MANIFEST.replace("\"sourceType\": \"text\",",
                "\"sourceType\": \"text\", \"collation\": \" \","), StandardCharsets.UTF_8);
        DecantException e = assertThrows(DecantException.class, () -> ManifestCodec.read(dir));
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("column code: \"collation\" is empty; remove it, and the column is created"
                + " with the target database's default collation"), e.getMessage());
    }
}
