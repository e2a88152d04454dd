package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast parsers accept a subset of the general ones and agree with them on every value they accept. */
class FastTemporalTest {
    private static final String[] SEPARATORS = {"T", " ", "t", "", "  ", "X"};
    private static final String[] ZONES = {"", "Z", "z", "+02:00", "-05:30", "+0200", "+02", "+18:00", "+18:30", "-25",
        "+2:00", "Z ", "UTC"};

    private static String two(Random r, int max) {
        int v = r.nextInt(max + 3);
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String candidate(Random r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%04d", r.nextInt(10000))).append('-').append(two(r, 12)).append('-')
                .append(two(r, 31));
        if (r.nextInt(5) > 0) {
            sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]).append(two(r, 24)).append(':').append(two(r, 60));
            if (r.nextInt(4) > 0) {
                sb.append(':').append(two(r, 60));
                if (r.nextBoolean()) {
                    sb.append('.');
                    int digits = r.nextInt(11);
                    for (int i = 0; i < digits; i++) {
                        sb.append((char) ('0' + r.nextInt(10)));
                    }
                }
            }
        }
        sb.append(ZONES[r.nextInt(ZONES.length)]);
        if (r.nextInt(20) == 0 && sb.length() > 1) {
            sb.setCharAt(r.nextInt(sb.length()), "0:-T .x٣".charAt(r.nextInt(8)));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 20261121L})
    void timestampsAgreeWithTheGeneralParser(long seed) {
        Random r = new Random(seed);
        int fast = 0;
        for (int i = 0; i < 20_000; i++) {
            String s = candidate(r);
            Object f = FastTemporal.parse(s);
            if (f == null) {
                continue;
            }
            fast++;
            Object general;
            try {
                general = TextParsers.parseTemporalGeneral(s, "test");
            } catch (ConversionException e) {
                general = "rejected";
            }
            assertEquals(general, f, s);
        }
        assertTrue(fast > 1000, "most valid shapes take the fast path: " + fast);
    }

    /** What parseInstant gave before it had a path of its own: the general parser, then the zone. */
    private static Object referenceInstant(String s, ZoneId zone) {
        try {
            Object p = TextParsers.parseTemporalGeneral(s, TextParsers.RULE_TIMESTAMPTZ);
            if (p instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            return Temporals.atZoneStrict((LocalDateTime) p, zone, TextParsers.RULE_TIMESTAMPTZ);
        } catch (ConversionException e) {
            return "rejected: " + e.getMessage() + " / " + e.rule();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Z", "+05:30", "-09:00", "America/Bahia_Banderas", "Europe/Paris"})
    void instantsAgreeWithTheGeneralParserInEveryNaiveZone(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Random r = new Random(zoneId.hashCode());
        int instants = 0;
        for (int i = 0; i < 8_000; i++) {
            String s = i % 4 == 0 ? DST_EDGES[r.nextInt(DST_EDGES.length)] : candidate(r);
            Object fast;
            try {
                fast = TextParsers.parseInstant(s, zone);
            } catch (ConversionException e) {
                fast = "rejected: " + e.getMessage() + " / " + e.rule();
            }
            assertEquals(referenceInstant(s, zone), fast, s);
            if (FastTemporal.instant(s, zone) instanceof Instant) {
                instants++;
            }
        }
        assertTrue(instants > 1000, "most valid shapes take the fast path: " + instants);
    }

    /** Local times in and around DST changes of the zones above, and leap days. */
    private static final String[] DST_EDGES = {"2024-04-07 02:30:00", "2024-10-27 01:30:00", "2024-10-27 02:30:00",
        "2024-03-31 02:30", "2024-03-31T02:00:00", "2023-10-29 02:59:59.999999999", "2024-02-29 12:00", "2023-02-29 12:00",
        "2000-02-29", "1900-02-29", "0000-02-29T00:00Z", "9999-12-31T23:59:59.999999999-18:00", "0000-01-01T00:00+18:00",
        "2024-12-31 23:59:60", "2024-06-31", "2024-04-30T24:00", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999+00:00"};

    @ParameterizedTest
    @ValueSource(longs = {5L, 6L})
    void uuidsAgreeWithTheGeneralCheck(long seed) {
        Random r = new Random(seed);
        String alphabet = "0123456789abcdefABCDEFgG-:٣Ａ";
        for (int i = 0; i < 20_000; i++) {
            String s = UUID.randomUUID().toString();
            if (r.nextBoolean()) {
                char[] c = s.toCharArray();
                c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
                s = new String(c);
            }
            if (r.nextInt(10) == 0) {
                s = s.toUpperCase(java.util.Locale.ROOT);
            }
            UUID f = FastTemporal.uuid(s);
            assertEquals(TextParsers.isUuidText(s), f != null, s);
            if (f != null) {
                assertEquals(UUID.fromString(s), f, s);
            }
        }
    }
}
