package io.decant.core.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
