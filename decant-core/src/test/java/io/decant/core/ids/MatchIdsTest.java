package io.decant.core.ids;

import static io.decant.core.ids.MemoryDb.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.MatchSpec;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MatchIdsTest {
    static final UUID A = UUID.fromString("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    static final UUID B = UUID.fromString("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb");

    private static MemoryDb source() {
        return new MemoryDb().table("users", List.of(row(1L, "IVY@X.IO"), row(2L, "bob@x.io"), row(3L, "nobody@x.io"), row(4L, null)),
                "id", LogicalType.INT64, "email", LogicalType.TEXT);
    }

    private static IdSpec spec(boolean ci) {
        return new IdSpec(IdStrategy.MATCH, null, null, null, new MatchSpec("profiles", "mail", "email", ci), null, List.of());
    }

    @Test
    void matchesCaseInsensitivelyInRootLocale() {
        // Under a Turkish default locale "IVY".toLowerCase() is "ıvy": the match must not depend on it.
        MemoryDb target = new MemoryDb().table("profiles", List.of(row(A, "ivy@x.io"), row(B, "bob@x.io")), "id", LogicalType.UUID, "mail", LogicalType.TEXT);
        IdBuildResult r = IdMapBuilder.run(IdBuildRequest.of("users", spec(true), source()).withTarget(target));
        assertEquals(A, r.map().lookup(1L));
        assertEquals(B, r.map().lookup(2L));
        assertEquals(2, r.unmatched());
        assertEquals(List.of("3", "4"), r.unmatchedSample());
        assertEquals("IVY@X.IO", r.map().entry(1L).orElseThrow().extras().get("email"));
        IdBuildResult exact = IdMapBuilder.run(IdBuildRequest.of("users", spec(false), source()).withTarget(target));
        assertNull(exact.map().lookup(1L));
    }

    @Test
    void ambiguousTargetRowsAreADataErrorNamingBoth() {
        MemoryDb target = new MemoryDb().table("profiles", List.of(row(A, "Bob@x.io"), row(B, "bob@x.io")), "id", LogicalType.UUID, "mail", LogicalType.TEXT);
        DecantException e = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("users", spec(true), source()).withTarget(target)));
        assertEquals(ErrorCode.VALUE_INVALID, e.code());
        assertTrue(e.getMessage().contains("users.id (row 2, id='2'): email 'bob@x.io' matches 2 rows of the target's profiles: id='" + A
                + "', id='" + B + "'"), e.getMessage());
    }

    @Test
    void twoSourceRowsMatchingOneTargetRowAreAnError() {
        MemoryDb src = new MemoryDb().table("users", List.of(row(1L, "bob@x.io"), row(2L, "BOB@x.io")), "id", LogicalType.INT64, "email", LogicalType.TEXT);
        MemoryDb target = new MemoryDb().table("profiles", List.<Object[]>of(row(A, "bob@x.io")), "id", LogicalType.UUID, "mail", LogicalType.TEXT);
        DecantException e = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("users", spec(true), src).withTarget(target)));
        assertTrue(e.getMessage().contains("two old ids cannot become one"), e.getMessage());
    }

    @Test
    void needsTheTarget() {
        assertEquals(ErrorCode.USAGE, assertThrows(DecantException.class,
                () -> IdMapBuilder.run(IdBuildRequest.of("users", spec(true), source()))).code());
    }
}
