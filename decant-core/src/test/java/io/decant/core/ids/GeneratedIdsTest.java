package io.decant.core.ids;

import static io.decant.core.ids.MemoryDb.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.type.LogicalType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedIdsTest {
    static IdSpec spec(IdStrategy s) {
        return new IdSpec(s, null, null, null, null, null, List.of());
    }

    private static MemoryDb users(Object... ids) {
        return new MemoryDb().table("users", java.util.Arrays.stream(ids).map(i -> row(i, "x")).toList(),
                "id", LogicalType.TEXT, "name", LogicalType.TEXT);
    }

    @Test
    void keepConvertsTextUuidsToUuids() {
        MemoryDb db = users("0190C5A4-1111-7000-8000-000000000001", "0190c5a4-1111-7000-8000-000000000002");
        IdBuildResult r = IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.KEEP), db).withNewKeyType(LogicalType.UUID));
        IdMap m = r.map();
        assertEquals(2, m.size());
        assertEquals(UUID.fromString("0190c5a4-1111-7000-8000-000000000001"), m.lookup("0190C5A4-1111-7000-8000-000000000001"));
        assertEquals(LogicalType.UUID, m.newType());
        assertEquals(2, r.created());
    }

    @Test
    void keepNamesTheValueThatIsNotAUuid() {
        MemoryDb db = users("0190c5a4-1111-7000-8000-000000000001", "user_42");
        DecantException e = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.KEEP), db).withNewKeyType(LogicalType.UUID)));
        assertEquals(ErrorCode.VALUE_INVALID, e.code());
        assertTrue(e.getMessage().contains("users.id (row 2, id='user_42')"), e.getMessage());
        assertTrue(e.getMessage().contains("uuid: 8-4-4-4-12"), e.getMessage());
    }

    @Test
    void keepRefusesTwoSpellingsOfOneUuid() {
        MemoryDb db = users("0190c5a4-1111-7000-8000-000000000001", "0190C5A4-1111-7000-8000-000000000001");
        DecantException e = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.KEEP), db).withNewKeyType(LogicalType.UUID)));
        assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code());
        assertTrue(e.getMessage().contains("would both become"), e.getMessage());
    }

    @Test
    void noConversionIsAPlanTimeError() {
        MemoryDb db = users("a");
        DecantException e = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.UUID), db).withNewKeyType(LogicalType.INT64)));
        assertEquals(ErrorCode.NO_CONVERSION, e.code());
        assertTrue(e.getMessage().contains("users.id"), e.getMessage());
    }

    @Test
    void uuidGivesFreshV7AndReusesAnEarlierFile(@TempDir Path dir) {
        MemoryDb db = users("a", "b", "c");
        IdMap first = IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.UUID), db)).map();
        assertEquals(3, first.size());
        first.entries().forEach(e -> assertEquals(7, ((UUID) e.newId()).version()));
        Path file = dir.resolve("m.json");
        MappingFile.write(file, java.time.Instant.EPOCH, java.time.Instant.EPOCH, List.of(first));
        MemoryDb more = users("a", "b", "c", "d");
        IdBuildResult again = IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.UUID), more).withMappingFile(file));
        assertEquals(3, again.reused());
        assertEquals(1, again.created());
        for (String k : List.of("a", "b", "c")) {
            assertEquals(first.lookup(k), again.map().lookup(k));
        }
    }

    @Test
    void uuid5IsDeterministicPerTableAndNamespace() {
        MemoryDb db = new MemoryDb().table("users", List.of(row(1), row(2)), "id", LogicalType.INT32);
        IdMap a = IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.UUID5), db)).map();
        IdMap b = IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.UUID5), db)).map();
        assertEquals(a.lookup(1), b.lookup(1L));
        assertEquals(Uuid5.of(Uuid5.DECANT_NAMESPACE, "users:1"), a.lookup(1));
        UUID ns = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
        IdSpec withNs = new IdSpec(IdStrategy.UUID5, null, null, ns, null, null, List.of());
        assertEquals(Uuid5.of(ns, "users:2"), IdMapBuilder.run(IdBuildRequest.of("users", withNs, db)).map().lookup(2));
    }

    @Test
    void compositeKeyIsASpecErrorNamingTheTable() {
        Table t = new Table(TableId.of("memberships"), List.of(Column.of("org", LogicalType.INT64), Column.of("usr", LogicalType.INT64)),
                List.of("org", "usr"), List.of(), List.of(), -1);
        MemoryDb db = new MemoryDb().add(t, List.of());
        DecantException e = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("memberships", spec(IdStrategy.UUID), db)));
        assertEquals(ErrorCode.SPEC_INVALID, e.code());
        assertEquals("[SPEC_INVALID] memberships (ids.memberships): remapping ids needs a one-column primary key;"
                + " memberships has a composite key (org, usr)", e.getMessage());
    }

    @Test
    void unsupportedKeyTypeAndNullKeyAndDuplicateKey() {
        MemoryDb dec = new MemoryDb().table("t", List.of(), "id", LogicalType.DECIMAL);
        assertEquals(ErrorCode.SPEC_INVALID, assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("t", spec(IdStrategy.UUID), dec))).code());
        DecantException nul = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.UUID), users("a", null))));
        assertTrue(nul.getMessage().contains("(row 2, id=NULL)"), nul.getMessage());
        DecantException dup = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.UUID), users("a", "a"))));
        assertEquals(ErrorCode.CONSTRAINT_VIOLATION, dup.code());
    }

    @Test
    void lookupForFixesTheConversionOnce() {
        MemoryDb db = new MemoryDb().table("users", List.<Object[]>of(row(7L)), "id", LogicalType.INT64);
        IdMap m = IdMapBuilder.run(IdBuildRequest.of("users", spec(IdStrategy.UUID5), db)).map();
        Object neu = m.lookup(7L);
        assertEquals(neu, m.lookupFor(LogicalType.INT32).lookup(7));
        assertEquals(neu, m.lookupFor(LogicalType.TEXT).lookup("7"));
        assertNull(m.lookupFor(LogicalType.TEXT).lookup("seven"));
        assertEquals(7L, m.reverse(neu));
        assertEquals(ErrorCode.NO_CONVERSION, assertThrows(DecantException.class, () -> m.lookupFor(LogicalType.UUID)).code());
        DecantException json = assertThrows(DecantException.class, () -> m.lookupFor(LogicalType.JSON));
        assertTrue(json.getMessage().contains("JSON path"), json.getMessage());

        MemoryDb u = new MemoryDb().table("u", List.<Object[]>of(row(UUID.fromString("0190c5a4-1111-7000-8000-000000000001"))), "id", LogicalType.UUID);
        IdMap um = IdMapBuilder.run(IdBuildRequest.of("u", spec(IdStrategy.UUID5), u)).map();
        assertEquals(um.lookup(UUID.fromString("0190c5a4-1111-7000-8000-000000000001")),
                um.lookupFor(LogicalType.TEXT).lookup("0190C5A4-1111-7000-8000-000000000001"));
    }

    @Test
    void progressIsReported() {
        List<String> lines = new java.util.ArrayList<>();
        IdMapBuilder.build("users", spec(IdStrategy.UUID), users("a"), null, null, Map.of(), lines::add);
        assertEquals(List.of("users: 1 ids mapped (1 new, 0 reused, 0 unmatched)"), lines);
    }
}
