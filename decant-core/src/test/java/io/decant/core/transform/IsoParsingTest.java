package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FastTemporal}'s strict ISO parsers against java.time's ISO formatters over seeded random
 * text: the same value, or both refuse (DateTimeException). The text is mostly well-formed (so the
 * fast paths are exercised) with out-of-range fields, odd fraction lengths, offsets and
 * single-character damage mixed in.
 */
class IsoParsingTest {
    private static final String[] OFFSETS = {"Z", "Z", "Z", "z", "+00:00", "+02:00", "-05:30", "+0200", "+18:00", "+18:01", "", "Z ",
        "-00:00", "+05:60", "+1:000", "-18:00", "+02"};

    private static String two(Random r, int max) {
        int v = r.nextInt(max + 3);
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String date(Random r) {
        int y = switch (r.nextInt(8)) {
            case 0 -> r.nextInt(100);
            case 1 -> 9990 + r.nextInt(10);
            default -> 1900 + r.nextInt(200);
        };
        String year = r.nextInt(30) == 0 ? "+" + (10000 + r.nextInt(1000)) : String.format(Locale.ROOT, "%04d", y);
        return year + "-" + two(r, 12) + "-" + two(r, 31);
    }

    private static String time(Random r) {
        StringBuilder sb = new StringBuilder().append(two(r, 23)).append(':').append(two(r, 59));
        if (r.nextInt(6) > 0) {
            sb.append(':').append(two(r, 59));
            if (r.nextBoolean()) {
                sb.append('.');
                int digits = r.nextInt(11);
                for (int i = 0; i < digits; i++) {
                    sb.append((char) ('0' + r.nextInt(10)));
                }
            }
        }
        return sb.toString();
    }

    /** One character replaced, dropped or added, now and then. */
    private static String damage(Random r, String s) {
        if (r.nextInt(8) != 0 || s.isEmpty()) {
            return s;
        }
        int at = r.nextInt(s.length());
        char c = "0912:-T .xZ+٣".charAt(r.nextInt(13));
        return switch (r.nextInt(3)) {
            case 0 -> s.substring(0, at) + c + s.substring(at + 1);
            case 1 -> s.substring(0, at) + s.substring(at + 1);
            default -> s.substring(0, at) + c + s.substring(at);
        };
    }

    private static Object outcome(Function<String, Object> parse, String s) {
        try {
            return parse.apply(s);
        } catch (DateTimeException e) {
            return "refused";
        }
    }

    private static int agree(Function<String, Object> iso, Function<String, Object> jdk, String s) {
        Object expected = outcome(jdk, s);
        assertEquals(expected, outcome(iso, s), () -> "'" + s + "'");
        return expected.equals("refused") ? 0 : 1;
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 20261206L})
    void parsesWhatJavaTimeParsesAndRefusesWhatItRefuses(long seed) {
        Random r = new Random(seed);
        int[] accepted = new int[4];
        for (int i = 0; i < 20_000; i++) {
            accepted[0] += agree(FastTemporal::parseIsoDate, s -> LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE), damage(r, date(r)));
            accepted[1] += agree(FastTemporal::parseIsoTime, s -> LocalTime.parse(s, DateTimeFormatter.ISO_LOCAL_TIME), damage(r, time(r)));
            accepted[2] += agree(FastTemporal::parseIsoTimestamp, s -> LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                    damage(r, date(r) + "T" + time(r)));
            accepted[3] += agree(FastTemporal::parseIsoInstant, s -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
                    damage(r, date(r) + "T" + time(r) + OFFSETS[r.nextInt(OFFSETS.length)]));
        }
        for (int n : accepted) {
            assertTrue(n > 5_000, "most candidates are valid, so the accepting paths are compared too: " + java.util.Arrays.toString(accepted));
        }
    }
}
