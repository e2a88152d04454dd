package io.decant.files.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.core.transform.FastTemporal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IsoFormat}'s output, read back by java.time and by the files' parser, is the value formatted. */
class IsoFormatTest {

    @ParameterizedTest
    @ValueSource(longs = {4L, 5L})
    void formatsWhatJavaTimeReadsBackAsTheSameValue(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            long second = r.nextInt(3) == 0 ? r.nextLong() % 400_000_000_000L : -2_000_000_000L + r.nextLong() % 6_000_000_000L;
            int nano = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            LocalDateTime ts = LocalDateTime.ofEpochSecond(second, nano, ZoneOffset.UTC);
            assertEquals(instant.toString(), IsoFormat.instant(instant));
            assertEquals(ts, LocalDateTime.parse(IsoFormat.timestamp(ts), DateTimeFormatter.ISO_LOCAL_DATE_TIME), ts::toString);
            assertEquals(ts.toLocalDate(), LocalDate.parse(IsoFormat.date(ts.toLocalDate()), DateTimeFormatter.ISO_LOCAL_DATE), ts::toString);
            assertEquals(ts.toLocalTime(), LocalTime.parse(IsoFormat.time(ts.toLocalTime()), DateTimeFormatter.ISO_LOCAL_TIME), ts::toString);
            assertEquals(ts, FastTemporal.parseIsoTimestamp(IsoFormat.timestamp(ts)), ts::toString);
            assertEquals(instant, FastTemporal.parseIsoInstant(IsoFormat.instant(instant)), instant::toString);
        }
    }
}
