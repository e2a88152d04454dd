package io.decant.files.inferred;

import io.decant.core.error.DecantException;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import io.decant.files.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


class InferredSourcesTest {
    @TempDir
    Path tmp;

    static final String BACKUP = """
            {
              "exportedAt": "2026-01-01T00:00:00.000Z",
              "users": [
                {"id": 1, "email": "a@example.com", "approved": 1, "score": 1.5, "meta": {"x": [1]}, "flag": true, "gone": null},
                {"id": 9007199254740993, "email": "b@example.com", "approved": 0, "score": 2, "meta": [], "flag": false, "gone": null, "mixed": "x"},
                {"id": 3, "email": null, "approved": 1, "score": -0.0, "meta": null, "flag": null, "gone": null, "mixed": 2}
              ],
              "posts": [
                {"id": 10, "user_id": 1, "created_at": "2024-01-01T10:00:00.000Z", "price": "12.50"}
              ],
              "empty": []
            }
            """;

    @Test
    void d1BackupTypesAreInferredFromTheValues() throws Exception {
        Path file = tmp.resolve("backup.json");
        Files.writeString(file, BACKUP);
        assertTrue(Fixtures.DIALECT.accepts(file.toString()));
        try (SourceDatabase source = Fixtures.DIALECT.openSource(file.toString(), OpenOptions.DEFAULT)) {
            List<Table> tables = source.tables();
            assertEquals(List.of("users", "posts", "empty"), tables.stream().map(Table::name).toList());
            Table users = tables.get(0);
            assertEquals(new Column("id", "json:integer", LogicalType.INT64, false, Column.Identity.NONE), users.column("id"));
            assertEquals(new Column("email", "json:string|null", LogicalType.TEXT, true, Column.Identity.NONE), users.column("email"));
            assertEquals(LogicalType.INT64, users.column("approved").type());
            assertEquals(LogicalType.FLOAT64, users.column("score").type());
            assertEquals(LogicalType.JSON, users.column("meta").type());
            assertEquals(LogicalType.BOOLEAN, users.column("flag").type());
            assertEquals(new Column("gone", "json:null", LogicalType.TEXT, true, Column.Identity.NONE), users.column("gone"));
            Column mixed = users.column("mixed");
            assertFalse(mixed.isSupported());
            assertEquals("values of mixed JSON types (integer|string); choose one with types.users.mixed or read it as_text",
                    mixed.unsupported());
            assertTrue(mixed.nullable(), "missing from the first row");
            assertEquals(3, source.countRows(users));
            assertEquals(List.of(), users.primaryKey());

            List<Object[]> rows = Fixtures.readAll(source, users);
            assertEquals(3, rows.size());
            assertEquals(9007199254740993L, rows.get(1)[0]);
            assertEquals(2.0, rows.get(1)[3]);
            assertEquals(-0.0, rows.get(2)[3]);
            assertEquals(JsonText.trusted("{\"x\":[1]}"), rows.get(0)[4]);
            assertNull(rows.get(0)[7], "missing key reads as NULL");
            assertEquals("x", rows.get(1)[7], "unsupported column is read as text (as_text)");
            assertEquals("2", rows.get(2)[7]);
            assertEquals(0, Fixtures.readAll(source, tables.get(2)).size());
            assertTrue(source.checkNotes().get(0).contains("skipped member \"exportedAt\""), source.checkNotes().toString());
        }
    }

    @Test
    void typesCanBeOverriddenPerColumn() throws Exception {
        Path file = tmp.resolve("backup.json");
        Files.writeString(file, BACKUP);
        OpenOptions options = Fixtures.settings("types.posts.created_at", "timestamptz", "types.posts.price", "decimal(10,2)");
        try (SourceDatabase source = Fixtures.DIALECT.openSource("d1backup:" + file, options)) {
            Table posts = source.tables().get(1);
            assertEquals(LogicalType.TIMESTAMPTZ, posts.column("created_at").type());
            List<Object[]> rows = Fixtures.readAll(source, posts);
            assertEquals(Instant.parse("2024-01-01T10:00:00Z"), rows.get(0)[2]);
            assertEquals(new BigDecimal("12.50"), rows.get(0)[3]);
        }
    }

    @Test
    void aBackupThatIsNotAnObjectOfArrays() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"users\": [{\"id\": 1}, 2]}");
        try (SourceDatabase source = Fixtures.DIALECT.openSource(file.toString(), OpenOptions.DEFAULT)) {
            DecantException e = assertThrows(DecantException.class, source::tables);
            assertEquals("[FILE_CORRUPT] users (bad.json line 1): expected a row object, got an integer", e.getMessage());
        }
    }

    @Test
    void freshTrackFolderIsReadWithInferredTypes() throws Exception {
        Path dir = tmp.resolve("migration-data");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metadata.json"), "{\n  \"exportedAt\": \"2025-11-02T10:00:00.000Z\",\n"
                + "  \"sourceDatabase\": \"supabase\",\n  \"tables\": {\n    \"organizations\": {\n      \"rowCount\": 2\n    },\n"
                + "    \"sensor_readings\": {\n      \"rowCount\": 5\n    }\n  }\n}");
        Files.writeString(dir.resolve("organizations.json"),
                "[\n  {\"id\": \"9b2c\", \"name\": \"Acme\", \"settings\": {\"tz\": \"UTC\"}},\n  {\"id\": \"77aa\", \"name\": \"Émile & Co\", \"settings\": null}\n]");
        Files.writeString(dir.resolve("sensor_readings.json"), "[{\"id\": \"1\", \"value\": \"12.50\", \"at\": \"2025-01-01T00:00:00.000Z\"}]");
        try (SourceDatabase source = Fixtures.DIALECT.openSource(dir.toString(), OpenOptions.DEFAULT)) {
            List<Table> tables = source.tables();
            assertEquals(List.of("organizations", "sensor_readings"), tables.stream().map(Table::name).toList());
            assertEquals(LogicalType.JSON, tables.get(0).column("settings").type());
            assertEquals(LogicalType.TEXT, tables.get(1).column("at").type(), "timestamps are never guessed");
            List<Object[]> orgs = Fixtures.readAll(source, tables.get(0));
            assertEquals("Émile & Co", orgs.get(1)[1]);
            assertEquals(1, Fixtures.readAll(source, tables.get(1)).size());
            assertTrue(source.checkNotes().contains("sensor_readings: metadata.json says 5 rows, sensor_readings.json holds 1"),
                    source.checkNotes().toString());
        }
        Files.delete(dir.resolve("organizations.json"));
        try (SourceDatabase source = Fixtures.DIALECT.openSource(dir.toString(), OpenOptions.DEFAULT)) {
            DecantException e = assertThrows(DecantException.class, source::tables);
            assertEquals("[FILE_CORRUPT] organizations (organizations.json): file is missing, but metadata.json lists the table",
                    e.getMessage());
        }
    }

    @Test
    void invalidUtf8InABackupNamesTheLine() throws Exception {
        Path file = tmp.resolve("utf.json");
        byte[] head = "{\"t\": [\n{\"a\": \"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = "\"}\n]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(head);
        b.write(0xED);
        b.write(0xA0);
        b.write(0x80);  // an encoded UTF-16 surrogate (CESU-8), which Jackson alone would accept
        b.writeBytes(tail);
        Files.write(file, b.toByteArray());
        try (SourceDatabase source = Fixtures.DIALECT.openSource(file.toString(), OpenOptions.DEFAULT)) {
            DecantException e = assertThrows(DecantException.class, source::tables);
            assertEquals("[FILE_CORRUPT] (utf.json line 2): invalid UTF-8: malformed sequence of 3 bytes at byte offset 15",
                    e.getMessage());
        }
    }
}
