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
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import io.decant.files.Fixtures;
import io.decant.testkit.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


public class FolderTargetTest {
    @TempDir
    Path tmp;

    static final Table USERS = new Table(new TableId("auth", "users"), List.of(
            new Column("id", "uuid", LogicalType.UUID, false, Column.Identity.NONE),
            new Column("email", "text", LogicalType.TEXT, false, Column.Identity.NONE),
            new Column("encrypted_password", "varchar(255)", LogicalType.text(255), true, Column.Identity.NONE)),
            List.of("id"), List.of(new Index("users_email_key", List.of("email"), true, true)), List.of(), 3);
    public static final Table POSTS = new Table(TableId.of("posts"), List.of(
            new Column("id", "bigint", LogicalType.INT64, false, Column.Identity.BY_DEFAULT),
            new Column("user_id", "uuid", LogicalType.UUID, true, Column.Identity.NONE),
            new Column("price", "numeric(10,2)", LogicalType.decimal(10, 2), true, Column.Identity.NONE)),
            List.of("id"), List.of(), List.of(new ForeignKey("posts_user_fk", List.of("user_id"),
            new TableId("auth", "users"), List.of("id"))), 2);

    static List<Object[]> users() {
        return List.of(
                new Object[] {java.util.UUID.fromString("11111111-1111-1111-1111-111111111111"), "a@example.com", "$2a$10$secrethash"},
                new Object[] {java.util.UUID.fromString("22222222-2222-2222-2222-222222222222"), "b@example.com", null});
    }

    public static List<Object[]> posts(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new Object[] {(long) i, null, new java.math.BigDecimal(i + ".50")});
        }
        return rows;
    }

    @Test
    void manifestRecordsSchemaFilesAndChecksums() throws Exception {
        Path dir = tmp.resolve("export");
        try (TargetDatabase target = Fixtures.DIALECT.openTarget(dir.toString(), Fixtures.settings(
                "source", "postgres://app:hunter2@db.example.com/app", "specHash", "sha256:abc"))) {
            target.createTables(List.of(USERS, POSTS));
            write(target, USERS, users());
            write(target, POSTS, posts(2));
            assertEquals(List.of("auth.users", "posts"), target.tables().stream().map(t -> t.id().display()).toList());
        }
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals("decant", m.get("tool").asText());
        assertEquals(1, m.get("formatVersion").asInt());
        assertEquals("jsonl", m.get("format").asText());
        assertEquals("postgres://app:***@db.example.com/app", m.get("source").asText());
        assertEquals("2026-03-01T09:30:15.123Z", m.get("exportedAt").asText());
        assertEquals("sha256:abc", m.get("specHash").asText());
        JsonNode users = m.get("tables").get("auth.users");
        assertEquals("auth", users.get("schema").asText());
        assertEquals("users", users.get("name").asText());
        assertEquals("text(255)", users.get("columns").get(2).get("logicalType").asText());
        assertEquals("varchar(255)", users.get("columns").get(2).get("sourceType").asText());
        assertFalse(users.get("columns").get(0).get("nullable").asBoolean());
        assertEquals("[\"id\"]", users.get("primaryKey").toString());
        assertEquals("users_email_key", users.get("indexes").get(0).get("name").asText());
        assertEquals(2, users.get("rowCount").asLong());
        assertTrue(users.get("containsSecrets").asBoolean());
        JsonNode file = users.get("files").get(0);
        assertEquals("auth.users.jsonl", file.get("name").asText());
        assertEquals(2, file.get("rows").asLong());
        byte[] data = Files.readAllBytes(dir.resolve("auth.users.jsonl"));
        assertEquals(data.length, file.get("bytes").asLong());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data)),
                file.get("sha256").asText());
        assertEquals(32, users.get("checksum").asText().length());
        JsonNode posts = m.get("tables").get("posts");
        assertFalse(posts.get("containsSecrets").asBoolean());
        assertEquals("by_default", posts.get("columns").get(0).get("identity").asText());
        JsonNode fk = posts.get("foreignKeys").get(0);
        assertEquals("[\"user_id\"]", fk.get("columns").toString());
        assertEquals("auth", fk.get("refSchema").asText());
        assertEquals("users", fk.get("refTable").asText());
        assertEquals("[\"id\"]", fk.get("refColumns").toString());
        // Read back as a source: the schema is the manifest's.
        try (var source = Fixtures.DIALECT.openSource(dir.toString(), io.decant.core.spi.OpenOptions.DEFAULT)) {
            Table t = source.tables().get(1);
            assertEquals(POSTS, t.withRowEstimate(2));
            assertEquals(2, source.countRows(t));
        }
    }

    @Test
    void jsonFormatWritesArraysAndFreshTrackMetadata() throws Exception {
        Path dir = tmp.resolve("migration-data");
        try (TargetDatabase target = Fixtures.DIALECT.openTarget("json:" + dir, Fixtures.settings("sourceDatabase", "supabase"))) {
            write(target, POSTS, posts(2));
            write(target, Fixtures.table("empty", Column.of("x", LogicalType.INT32)), List.of());
        }
        assertEquals("[\n{\"id\":1,\"user_id\":null,\"price\":\"1.50\"},\n{\"id\":2,\"user_id\":null,\"price\":\"2.50\"}\n]\n",
                Files.readString(dir.resolve("posts.json")));
        assertEquals("[\n]\n", Files.readString(dir.resolve("empty.json")));
        assertEquals("{\n"
                + "  \"exportedAt\": \"2026-03-01T09:30:15.123Z\",\n"
                + "  \"sourceDatabase\": \"supabase\",\n"
                + "  \"tables\": {\n"
                + "    \"posts\": {\n"
                + "      \"rowCount\": 2\n"
                + "    },\n"
                + "    \"empty\": {\n"
                + "      \"rowCount\": 0\n"
                + "    }\n"
                + "  }\n"
                + "}", Files.readString(dir.resolve("metadata.json")));
        assertEquals(2, Fixtures.readAll(dir.toString(), "posts").size());
    }

    @Test
    void filesAndFolderAreOwnerOnly() throws Exception {
        Services.assume(OwnerOnly.posix(tmp), "the temporary folder's file system has no POSIX permissions to check");
        Path dir = tmp.resolve("a/b/export");
        Fixtures.export(dir, POSTS, posts(3));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a"))));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }

    @Test
    void abortLeavesNoFileAndNoManifestEntry() throws Exception {
        Path dir = tmp.resolve("export");
        try (TargetDatabase target = Fixtures.DIALECT.openTarget(dir.toString(), Fixtures.settings())) {
            write(target, USERS, users());
            TableSink sink = target.openSink(POSTS, POSTS.columns(), SinkOptions.DEFAULT);
            posts(1000).forEach(sink::write);
            sink.abort();
            sink.abort();
            assertEquals(List.of("auth.users"), target.tables().stream().map(t -> t.id().display()).toList());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("auth.users.jsonl", "manifest.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.readString(dir.resolve("manifest.json")).contains("posts"));
    }

    @Test
    void largeTablesAreSplitAndSmallOnesKeepThePlainName() throws Exception {
        Path dir = tmp.resolve("split");
        try (TargetDatabase target = Fixtures.DIALECT.openTarget(dir.toString(), Fixtures.settings("rowsPerFile", "4"))) {
            write(target, POSTS, posts(10));
            write(target, USERS, users());
        }
        Manifest m = ManifestCodec.read(dir);
        List<ManifestFile> files = m.tables().get("posts").files();
        assertEquals(List.of("posts.00001.jsonl", "posts.00002.jsonl", "posts.00003.jsonl"), files.stream().map(ManifestFile::name).toList());
        assertEquals(List.of(4L, 4L, 2L), files.stream().map(ManifestFile::rows).toList());
        assertEquals("auth.users.jsonl", m.tables().get("auth.users").files().get(0).name());
        List<Object[]> back = Fixtures.readAll(dir.toString(), "posts");
        assertEquals(10, back.size());
        assertEquals(10L, back.get(9)[0]);
    }

    @Test
    void reExportReplacesFilesAndTruncateRemovesThem() throws Exception {
        Path dir = tmp.resolve("again");
        try (TargetDatabase target = Fixtures.DIALECT.openTarget(dir.toString(), Fixtures.settings("rowsPerFile", "4"))) {
            write(target, POSTS, posts(10));
        }
        try (TargetDatabase target = Fixtures.DIALECT.openTarget(dir.toString(), Fixtures.settings())) {
            write(target, POSTS, posts(3));
            assertTrue(Files.exists(dir.resolve("posts.jsonl")));
            assertFalse(Files.exists(dir.resolve("posts.00002.jsonl")));
            target.truncate(List.of(POSTS));
            assertEquals(List.of(), target.tables());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("manifest.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void unsafeTableNamesAreEscapedDeterministically() {
        assertEquals("users", FileNames.base(TableId.of("users")));
        assertEquals("auth.users", FileNames.base(new TableId("auth", "users")));
        assertEquals("auth%2Eusers", FileNames.base(TableId.of("auth.users")));
        assertEquals("%2E%2E%2Fetc%2Fpasswd", FileNames.base(TableId.of("../etc/passwd")));
        assertEquals("my%20table%C3%A9", FileNames.base(TableId.of("my tableé")));
        assertEquals("%6Danifest", FolderTarget.baseFor(TableId.of("manifest")));
        assertEquals("%4Detadata", FolderTarget.baseFor(TableId.of("Metadata")));
        String longName = "x".repeat(300);
        assertEquals(200, FileNames.base(TableId.of(longName)).length());
    }

    @Test
    void tablesDifferingOnlyInCaseAreRefused() {
        Path dir = tmp.resolve("case");
        try (TargetDatabase target = Fixtures.DIALECT.openTarget(dir.toString(), Fixtures.settings())) {
            write(target, Fixtures.table("Users", Column.of("x", LogicalType.INT32)), List.of());
            DecantException e = assertThrows(DecantException.class,
                    () -> target.openSink(Fixtures.table("users", Column.of("x", LogicalType.INT32)), List.of(), SinkOptions.DEFAULT));
            assertEquals(ErrorCode.USAGE, e.code());
        }
    }

    @Test
    void aForeignNonEmptyFolderIsRefused() throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        DecantException e = assertThrows(DecantException.class,
                () -> Fixtures.DIALECT.openTarget(tmp.toString(), Fixtures.settings()));
        assertTrue(e.getMessage().contains("is not empty and holds no manifest.json"), e.getMessage());
    }

    @Test
    void secretValuesNeverReachMessages() {
        Table t = Fixtures.table("creds", Column.of("api_token", LogicalType.JSON));
        Path dir = tmp.resolve("secret");
        DecantException e = assertThrows(DecantException.class, () -> Fixtures.export(dir, t,
                List.<Object[]>of(new Object[] {io.decant.core.type.JsonText.parse("null")})));
        assertEquals("[VALUE_INVALID] creds.api_token (row 1): a JSON document that is the literal null would read back as "
                + "SQL NULL (value '<secret>') [rule: set files setting jsonNullAsSqlNull=true to accept that]", e.getMessage());
    }

    @Test
    void aSecretKeyColumnIsRedactedInTheRowKey() {
        Table t = new Table(TableId.of("sessions"), List.of(Column.of("session_token", LogicalType.TEXT),
                Column.of("doc", LogicalType.JSON)), List.of("session_token"), List.of(), List.of(), -1);
        DecantException e = assertThrows(DecantException.class, () -> Fixtures.export(tmp.resolve("sessions"), t,
                List.<Object[]>of(new Object[] {"tok-123", io.decant.core.type.JsonText.parse("null")})));
        assertTrue(e.getMessage().startsWith("[VALUE_INVALID] sessions.doc (row 1, session_token=<redacted>): "), e.getMessage());
        assertFalse(e.getMessage().contains("tok-123"), e.getMessage());
    }

    private static void write(TargetDatabase target, Table t, List<Object[]> rows) {
        try (TableSink sink = target.openSink(t, t.columns(), SinkOptions.DEFAULT)) {
            rows.forEach(sink::write);
            sink.commit();
        }
    }

    static String read(Path p) throws Exception {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
