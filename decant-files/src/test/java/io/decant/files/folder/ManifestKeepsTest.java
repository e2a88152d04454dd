package io.decant.files.folder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
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
