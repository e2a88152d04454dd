package io.decant.core.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spec.IdStrategy;
import io.decant.core.type.LogicalType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonPathRewriterTest {
    static final UUID N1 = UUID.fromString("0190c5a4-1111-7000-8000-000000000001");
    static final UUID N2 = UUID.fromString("0190c5a4-1111-7000-8000-000000000002");

    static IdMap textMap() {
        return IdMap.builder("users", "id", IdStrategy.UUID, LogicalType.TEXT, LogicalType.UUID)
                .add(new IdEntry("u1", N1, null, Instant.EPOCH)).add(new IdEntry("u2", N2, null, Instant.EPOCH)).build();
    }

    @Test
    void rewritesAFieldKeepingTheRest() {
        JsonPathRewriter r = JsonPathRewriter.compile("$.owner.id", textMap());
        JsonPathRewriter.Result res = r.rewrite("{\"a\":1.10,\"owner\":{\"id\":\"u1\",\"name\":\"x\"},\"big\":12345678901234567890}");
        assertEquals("{\"a\":1.10,\"owner\":{\"id\":\"" + N1 + "\",\"name\":\"x\"},\"big\":12345678901234567890}", res.json());
        assertEquals(List.of(), res.unmapped());
    }

    @Test
    void rewritesEveryArrayElementAndReportsUnmapped() {
        JsonPathRewriter r = JsonPathRewriter.compile("$.members[*].id", textMap());
        JsonPathRewriter.Result res = r.rewrite("{\"members\":[{\"id\":\"u2\"},{\"id\":\"ghost\"},{\"id\":null},{\"x\":1},{\"id\":{\"deep\":1}}]}");
        assertEquals("{\"members\":[{\"id\":\"" + N2 + "\"},{\"id\":\"ghost\"},{\"id\":null},{\"x\":1},{\"id\":{\"deep\":1}}]}", res.json());
        assertEquals(List.of(new JsonPathRewriter.Unmapped("$.members[1].id", "ghost"), new JsonPathRewriter.Unmapped("$.members[4].id", "object")),
                res.unmapped());
    }

    @Test
    void indexStepsAndIntegerIds() {
        IdMap ints = IdMap.builder("users", "id", IdStrategy.UUID5, LogicalType.INT64, LogicalType.INT64)
                .add(new IdEntry(7L, 700L, null, null)).build();
        JsonPathRewriter r = JsonPathRewriter.compile("$.a.b[2]", ints);
        assertEquals("{\"a\":{\"b\":[7,7,700,\"7\"]}}", r.rewrite("{\"a\":{\"b\":[7,7,7,\"7\"]}}").json());
        assertEquals("{\"a\":{\"b\":[1,2,\"700\"]}}", JsonPathRewriter.compile("$.a.b[2]", ints).rewrite("{\"a\":{\"b\":[1,2,\"7\"]}}").json());
    }

    @Test
    void untouchedDocumentsAreReturnedAsTheyWere() {
        String doc = "{ \"other\" : [1, 2] }";
        JsonPathRewriter.Result res = JsonPathRewriter.compile("$.owner.id", textMap()).rewrite(doc);
        assertSame(doc, res.json());
        assertFalse(res.changed());
    }

    @Test
    void badPathsAndDocuments() {
        assertEquals(ErrorCode.SPEC_INVALID, assertThrows(DecantException.class, () -> JsonPathRewriter.compile("owner.id", textMap())).code());
        assertEquals(ErrorCode.SPEC_INVALID, assertThrows(DecantException.class, () -> JsonPathRewriter.compile("$.a[x]", textMap())).code());
        assertEquals(ErrorCode.VALUE_INVALID, assertThrows(DecantException.class,
                () -> JsonPathRewriter.compile("$.a", textMap()).rewrite("{\"a\":1,\"a\":2}")).code());
    }
}
