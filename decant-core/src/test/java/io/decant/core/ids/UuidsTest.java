package io.decant.core.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
    @Test
    void uuid5MatchesTheRfcVector() {
        assertEquals(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"), Uuid5.of(Uuid5.NAMESPACE_DNS, "python.org"));
    }

    @Test
    void decantNamespaceIsPinned() {
        assertEquals(Uuid5.DECANT_NAMESPACE, Uuid5.of(Uuid5.NAMESPACE_URL, "https://decant.io/ns/ids"));
        // Computed independently (Python's uuid.uuid5): reruns and other tools agree.
        assertEquals(UUID.fromString("61e4e981-19fe-53ac-8e31-f9f6afffc111"),
                Uuid5.of(Uuid5.DECANT_NAMESPACE, Uuid5.nameFor("users", 42)));
        assertEquals(UUID.fromString("ff48c4eb-4fac-5b05-bb55-2a03d9b50ca8"),
                Uuid5.of(Uuid5.DECANT_NAMESPACE, Uuid5.nameFor("users", "abc")));
    }

    @Test
    void uuid5NamesUseCanonicalText() {
        assertEquals(Uuid5.nameFor("t", 7), Uuid5.nameFor("t", 7L));
        assertEquals("t:0190c5a4-0000-7000-8000-00000000000a",
                Uuid5.nameFor("t", UUID.fromString("0190C5A4-0000-7000-8000-00000000000A")));
    }

    @Test
    void uuid7LayoutVersionVariantAndTime() {
        Instant t = Instant.parse("2026-01-23T10:00:00.123Z");
        UuidV7 gen = new UuidV7(Clock.fixed(t, ZoneOffset.UTC), new Random(1));
        UUID u = gen.next();
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        assertEquals(t.toEpochMilli(), UuidV7.millisOf(u));
        assertTrue(u.toString().startsWith(String.format(java.util.Locale.ROOT, "%012x", t.toEpochMilli()).substring(0, 8)));
    }

    @Test
    void uuid7IsStrictlyIncreasingWithinOneMillisecondAndAcrossThem() {
        Instant t = Instant.parse("2026-01-23T10:00:00Z");
        UuidV7 same = new UuidV7(Clock.fixed(t, ZoneOffset.UTC), new Random(2));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            texts.add(same.next().toString());
        }
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort(null);
        assertEquals(sorted, texts, "text order is generation order");
        assertEquals(1000, texts.stream().distinct().count());
        UuidV7 real = UuidV7.create();
        UUID a = real.next();
        UUID b = real.next();
        assertNotEquals(a, b);
        assertTrue(a.toString().compareTo(b.toString()) < 0);
    }

    @Test
    void uuid7FieldBoundaries() {
        UUID u = UuidV7.of(0xFFFF_FFFF_FFFFL, 0xFFF, (1L << 62) - 1);
        assertEquals("ffffffff-ffff-7fff-bfff-ffffffffffff", u.toString());
        assertEquals("00000000-0000-7000-8000-000000000000", UuidV7.of(0, 0, 0).toString());
    }
}
