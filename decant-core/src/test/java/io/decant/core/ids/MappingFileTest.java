package io.decant.core.ids;

import static io.decant.core.ids.MemoryDb.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.type.LogicalType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MappingFileTest {
    @TempDir
    Path dir;

    static final String FRESHTRACK = """
            {
              "generatedAt": "2026-01-23T10:00:00Z",
              "retainUntil": "2026-04-23T10:00:00Z",
              "mappings": [
                {"supabaseUserId": "11111111-1111-4111-8111-111111111111", "stackAuthUserId": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "email": "a@x.io", "migratedAt": "2026-01-23T10:00:01Z"},
                {"supabaseUserId": "22222222-2222-4222-8222-222222222222", "stackAuthUserId": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "email": "b@x.io", "migratedAt": "2026-01-23T10:00:02Z"},
                {"supabaseUserId": "99999999-9999-4999-8999-999999999999", "stackAuthUserId": "cccccccc-cccc-4ccc-8ccc-cccccccccccc", "email": "gone@x.io", "migratedAt": "2026-01-23T10:00:03Z"}
              ]
            }
            """;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void writesOwnerOnlyAndReadsBackFaithfully() throws Exception {
        IdMap m = IdMap.builder("users", "id", IdStrategy.HTTP, LogicalType.INT64, LogicalType.UUID)
                .add(new IdEntry(1L, UUID.fromString("0190c5a4-1111-7000-8000-000000000001"), Map.of("email", "a@x.io"), Instant.parse("2026-01-23T10:00:00Z")))
                .add(new IdEntry(1L << 60, UUID.fromString("0190c5a4-1111-7000-8000-000000000002"), Map.of(), Instant.parse("2026-01-23T10:00:00Z")))
                .build();
        Path f = dir.resolve("sub/user-mapping.json");
        Instant gen = Instant.parse("2026-01-23T10:00:00Z");
        MappingFile.write(f, gen, MappingFile.retainUntil(gen, MappingFile.DEFAULT_RETENTION_DAYS), List.of(m));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String text = Files.readString(f);
        assertTrue(text.contains("\"retainUntil\" : \"2026-04-23T10:00:00Z\""), text);
        assertTrue(text.contains("\"old\" : 1,"), text);
        assertTrue(text.contains("\"old\" : \"1152921504606846976\""), "beyond 2^53 as a string: " + text);
        MappingDocument doc = MappingFile.read(f);
        IdMap back = MappingFile.toIdMap(doc, doc.table("users").orElseThrow(), "users", "id", IdStrategy.HTTP, null, null);
        assertEquals(LogicalType.INT64, back.oldType());
        assertEquals(LogicalType.UUID, back.newType());
        assertEquals(m.lookup(1L << 60), back.lookup(1L << 60));
        assertEquals("a@x.io", back.entry(1L).orElseThrow().extras().get("email"));
        assertTrue(doc.retentionPassed(Instant.parse("2026-04-24T00:00:00Z")));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void fileStrategyReadsFreshTrackLayout() throws Exception {
        Path f = write("user-mapping.json", FRESHTRACK);
        MemoryDb db = new MemoryDb().table("users", List.of(
                row(UUID.fromString("11111111-1111-4111-8111-111111111111")),
                row(UUID.fromString("22222222-2222-4222-8222-222222222222")),
                row(UUID.fromString("33333333-3333-4333-8333-333333333333"))), "id", LogicalType.UUID);
        IdSpec spec = new IdSpec(IdStrategy.FILE, null, f.toString(), null, null, null, List.of());
        IdBuildResult r = IdMapBuilder.run(IdBuildRequest.of("users", spec, db).withNewKeyType(LogicalType.UUID));
        assertEquals(UUID.fromString("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"), r.map().lookup(UUID.fromString("11111111-1111-4111-8111-111111111111")));
        assertEquals(1, r.unmatched());
        assertEquals(List.of("33333333-3333-4333-8333-333333333333"), r.unmatchedSample());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("1 entries of " + f + " have an old id that is not in the source: '99999999"), r.warnings().get(0));
        assertEquals("b@x.io", r.map().entry(UUID.fromString("22222222-2222-4222-8222-222222222222")).orElseThrow().extras().get("email"));
    }

    @Test
    void swappedIdFieldsAreDetected() throws Exception {
        Path f = write("swapped.json", """
                {"mappings": [{"newId": "n1", "oldId": "o1"}]}""");
        MemoryDb db = new MemoryDb().table("users", List.<Object[]>of(row("o1")), "id", LogicalType.TEXT);
        IdSpec spec = new IdSpec(IdStrategy.FILE, null, f.toString(), null, null, null, List.of());
        DecantException e = assertThrows(DecantException.class, () -> IdMapBuilder.run(IdBuildRequest.of("users", spec, db)));
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("look swapped"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON            | {"tables": {                                                    | line 1): not valid JSON
            neither layout      | {"generatedAt": "2026-01-23T10:00:00Z"}                         | has neither tables
            unknown key         | {"generatedAt":"2026-01-23T10:00:00Z","retainUntil":"2026-01-23T10:00:00Z","tables":{},"x":1} | unknown key [x]
            duplicate key       | {"tables": {}, "tables": {}}                                     | Duplicate field 'tables'
            bad instant         | {"generatedAt":"yesterday","retainUntil":"2026-01-23T10:00:00Z","tables":{}} | generatedAt: expected an ISO 8601 instant
            missing new         | {"mappings": [{"old": "a"}]}                                     | mappings[0]: needs exactly two id fields
            three id fields     | {"mappings": [{"aId": "a", "bId": "b", "cId": "c"}]}             | found [aId, bId, cId]
            count mismatch      | {"generatedAt":"2026-01-23T10:00:00Z","retainUntil":"2026-01-23T10:00:00Z","tables":{"users":{"key":"id","count":3,"entries":[]}}} | count says 3 but there are 0 entries
            entry not object    | {"mappings": [42]}                                               | mappings[0]: expected an object
            """)
    void malformedFilesNameTheProblem(String name, String text, String expected) throws Exception {
        Path f = write("bad.json", text);
        DecantException e = assertThrows(DecantException.class, () -> MappingFile.read(f));
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("mapping file " + f), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void duplicatesAndBadIdsNameEntryAndLine() throws Exception {
        Path dupOld = write("dup-old.json", "{\"mappings\": [\n{\"old\": \"a\", \"new\": \"1\"},\n{\"old\": \"a\", \"new\": \"2\"}\n]}");
        assertEquals("[FILE_CORRUPT] users (mapping file " + dupOld + ", line 3): entries[1]: old id 'a' appears again; first at entries[0] (line 2)",
                typed(dupOld, LogicalType.TEXT).getMessage());
        Path dupNew = write("dup-new.json", "{\"mappings\": [\n{\"old\": \"a\", \"new\": \"1\"},\n{\"old\": \"b\", \"new\": \"1\"}\n]}");
        assertTrue(typed(dupNew, LogicalType.TEXT).getMessage().contains("entries[1]: new id '1' is also the new id of entries[0] (line 2); two old ids cannot become one"));
        Path badNew = write("bad-new.json", "{\"mappings\": [\n{\"old\": \"a\", \"new\": \"not-a-uuid\"}\n]}");
        DecantException e = typed(badNew, LogicalType.UUID);
        assertTrue(e.getMessage().contains("line 2): entries[0]: new id 'not-a-uuid' is not a uuid"), e.getMessage());
        assertTrue(e.getMessage().contains("[rule: uuid: 8-4-4-4-12"), e.getMessage());
        Path missing = dir.resolve("nope.json");
        assertEquals(ErrorCode.IO_ERROR, assertThrows(DecantException.class, () -> MappingFile.read(missing)).code());
    }

    private static DecantException typed(Path f, LogicalType newType) {
        return assertThrows(DecantException.class, () -> {
            MappingDocument doc = MappingFile.read(f);
            MappingFile.toIdMap(doc, doc.table("users").orElseThrow(), "users", "id", IdStrategy.FILE, LogicalType.TEXT, newType);
        });
    }
}
