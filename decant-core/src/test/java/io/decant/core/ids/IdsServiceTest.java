package io.decant.core.ids;

import static io.decant.core.ids.MemoryDb.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.type.LogicalType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdsServiceTest {
    @Test
    void buildShowLookup(@TempDir Path dir) throws Exception {
        MemoryDb db = new MemoryDb()
                .table("users", List.of(row("u1", "Ann@x.io"), row("u2", "bob@x.io")), "id", LogicalType.TEXT, "email", LogicalType.TEXT)
                .table("teams", List.of(row(1L), row(2L)), "id", LogicalType.INT64);
        Map<String, IdSpec> ids = new LinkedHashMap<>();
        ids.put("users", new IdSpec(IdStrategy.UUID5, null, null, null, null, null, List.of()));
        ids.put("teams", new IdSpec(IdStrategy.KEEP, null, null, null, null, null, List.of()));
        Instant now = Instant.parse("2026-01-23T10:00:00Z");
        IdsService service = new IdsService(Clock.fixed(now, ZoneOffset.UTC));
        Path file = dir.resolve("ids.json");
        IdsResults.Build b = service.build(new IdsService.BuildRequest(ids, db, null, file, 0, Map.of(), Map.of(), null, null));
        assertEquals(Instant.parse("2026-04-23T10:00:00Z"), b.retainUntil());
        assertEquals(List.of("users", "teams"), b.tables().stream().map(IdsResults.TableBuilt::table).toList());
        assertEquals(2, b.tables().get(0).entries());

        IdsResults.Show show = new IdsService(Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC)).show(file);
        assertTrue(show.retentionPassed());
        assertEquals("decant", show.layout());
        assertEquals(new IdsResults.TableShown("users", "uuid5", "id", "text", "uuid", 2), show.tables().get(0));
        assertEquals(new IdsResults.TableShown("teams", "keep", "id", "int64", "int64", 2), show.tables().get(1));

        String newU1 = Uuid5.of(Uuid5.DECANT_NAMESPACE, "users:u1").toString();
        IdsResults.Lookup byOld = service.lookup(file, "users", "u1");
        assertEquals(1, byOld.hits().size());
        assertEquals(newU1, byOld.hits().get(0).newId());
        IdsResults.Lookup byNew = service.lookup(file, null, newU1.toUpperCase(java.util.Locale.ROOT));
        assertEquals("new", byNew.hits().get(0).matchedBy());
        assertEquals("u1", byNew.hits().get(0).oldId());
        IdsResults.Lookup both = service.lookup(file, null, "1");
        assertEquals(List.of("teams"), both.hits().stream().map(IdsResults.Hit::table).distinct().toList());
        assertFalse(Files.exists(MappingFile.journalOf(file)));
    }
}
