package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spec.CastNames;
import io.decant.core.spec.CastSpec;
import io.decant.core.spec.TimeFormat;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TimeCasts} on its own: the epoch and Julian-day readers against java.time over seeded random
 * instants, the zone rules for naive values, what it refuses at plan time, and the rules it writes.
 */
class TimeCastsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long MIN_SECOND = LocalDate.of(1, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_SECOND = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400L;

    private static CastSpec cast(String type, TimeFormat format, ZoneId zone) {
        return new CastSpec(type, CastNames.target(type), format, zone);
    }

    private static Conversion toTime(String type, TimeFormat format, LogicalType from, ZoneId zone) {
        return TimeCasts.toTime(cast(type, format, null), from, CastNames.target(type).outputType(), zone);
    }

    private static Instant randomInstant(Random r, int fractionDigits) {
        long second = MIN_SECOND + (long) (r.nextDouble() * (MAX_SECOND - MIN_SECOND));
        int unit = (int) Math.pow(10, 9 - fractionDigits);
        return Instant.ofEpochSecond(second, (long) r.nextInt(1_000_000_000 / unit) * unit);
    }

    /** epoch_s and epoch_ms text, decimals and integers read as the instant java.time gives for the same count. */
    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 20261206L})
    void epochCountsAreTheInstantsJavaTimeGives(long seed) {
        Random r = new Random(seed);
        Conversion secondsText = toTime("timestamptz", TimeFormat.EPOCH_S, LogicalType.TEXT, ZoneOffset.UTC);
        Conversion millisText = toTime("timestamptz", TimeFormat.EPOCH_MS, LogicalType.TEXT, ZoneOffset.UTC);
        Conversion millisDecimal = toTime("timestamptz", TimeFormat.EPOCH_MS, LogicalType.DECIMAL, ZoneOffset.UTC);
        Conversion secondsInt = toTime("timestamptz", TimeFormat.EPOCH_S, LogicalType.INT64, ZoneOffset.UTC);
        for (int i = 0; i < 20_000; i++) {
            Instant t = randomInstant(r, 9);
            BigDecimal seconds = BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9));
            assertEquals(t, secondsText.converter().convert(seconds.toPlainString()), seconds::toPlainString);
            Instant micros = randomInstant(r, 6);
            BigDecimal millis = BigDecimal.valueOf(micros.getEpochSecond()).multiply(BigDecimal.valueOf(1000))
                    .add(BigDecimal.valueOf(micros.getNano(), 6));
            assertEquals(micros, millisText.converter().convert(millis.toPlainString()), millis::toPlainString);
            assertEquals(micros, millisDecimal.converter().convert(millis), millis::toPlainString);
            assertEquals(Instant.ofEpochSecond(t.getEpochSecond()), secondsInt.converter().convert(t.getEpochSecond()));
        }
    }

    /** epoch_s and epoch_ms of an instant drop the rest toward the past, as Math.floorDiv does. */
    @ParameterizedTest
    @ValueSource(longs = {3L, 4L})
    void epochOfATimeFloorsLikeFloorDiv(long seed) {
        Random r = new Random(seed);
        Conversion ms = TimeCasts.epoch(CastSpec.of("epoch_ms"), LogicalType.TIMESTAMPTZ, CastSpec.EpochUnit.MILLIS, ZoneOffset.UTC);
        Conversion s = TimeCasts.epoch(CastSpec.of("epoch_s"), LogicalType.TIMESTAMPTZ, CastSpec.EpochUnit.SECONDS, ZoneOffset.UTC);
        for (int i = 0; i < 20_000; i++) {
            Instant t = randomInstant(r, 9);
            BigDecimal nanos = BigDecimal.valueOf(t.getEpochSecond()).movePointRight(9).add(BigDecimal.valueOf(t.getNano()));
            assertEquals(nanos.movePointLeft(6).setScale(0, RoundingMode.FLOOR).longValueExact(), ms.converter().convert(t), t::toString);
            assertEquals(nanos.movePointLeft(9).setScale(0, RoundingMode.FLOOR).longValueExact(), s.converter().convert(t), t::toString);
        }
    }

    /** A Julian day number (SQLite's) is a naive time: known days, and random instants written as days read back to the millisecond. */
    @ParameterizedTest
    @ValueSource(longs = {5L, 6L})
    void julianDaysReadAsSqliteReadsThem(long seed) {
        Conversion local = toTime("timestamp", TimeFormat.SQLITE, LogicalType.DECIMAL, ZoneOffset.UTC);
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0), local.converter().convert(new BigDecimal("2440587.5")));
        assertEquals(LocalDateTime.of(2000, 1, 1, 12, 0), local.converter().convert(new BigDecimal("2451545")));
        assertEquals(LocalDateTime.of(-4713, 11, 24, 12, 0), local.converter().convert(BigDecimal.ZERO));
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            long ms = randomInstant(r, 3).toEpochMilli();
            BigDecimal day = BigDecimal.valueOf(ms + 210_866_760_000_000L).divide(BigDecimal.valueOf(86_400_000L), 12, RoundingMode.HALF_EVEN);
            LocalDateTime expected = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000, ZoneOffset.UTC);
            assertEquals(expected, local.converter().convert(day), day::toPlainString);
        }
        ConversionException past = assertThrows(ConversionException.class, () -> local.converter().convert(new BigDecimal("5373484.5")));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, past.code());
        assertTrue(past.getMessage().contains("Julian day 5373484.5 is outside 0..5373484.5"), past.getMessage());
    }

    @Test
    void naiveValuesTakeTheZoneAndAGapOrOverlapIsAnError() {
        Conversion berlin = toTime("timestamptz", TimeFormat.SQLITE, LogicalType.TEXT, BERLIN);
        assertEquals(Instant.parse("2024-01-01T11:00:00Z"), berlin.converter().convert("2024-01-01 12:00:00"));
        assertEquals(Instant.parse("2024-01-01T12:00:00Z"), berlin.converter().convert("2024-01-01 12:00:00Z"),
                "a value with an offset is an instant whatever the zone");
        assertEquals(Instant.parse("2024-01-01T11:00:00Z"), berlin.converter().convert("2460311.0"), "a Julian day is naive too");
        assertThrows(ConversionException.class, () -> berlin.converter().convert("2024-03-31 02:30:00"), "DST gap");
        assertThrows(ConversionException.class, () -> berlin.converter().convert("2024-10-27 02:30:00"), "DST overlap");
        Conversion date = toTime("date", TimeFormat.EPOCH_S, LogicalType.INT64, BERLIN);
        assertEquals(LocalDate.of(2024, 1, 1), date.converter().convert(Instant.parse("2023-12-31T23:00:00Z").getEpochSecond()));
        ConversionException notMidnight = assertThrows(ConversionException.class, () -> date.converter().convert(0L));
        assertEquals(ErrorCode.PRECISION_LOSS, notMidnight.code(), "1970-01-01T01:00 in Berlin is not a date");
    }

    @Test
    void textThatIsNotANumberOrHasTooManyDigitsIsRefusedNamingTheRule() {
        Conversion ms = toTime("timestamptz", TimeFormat.EPOCH_MS, LogicalType.TEXT, ZoneOffset.UTC);
        for (String bad : new String[] {"", "1e3", "0x10", "1,5", " 1", "1.2.3", "NaN"}) {
            ConversionException e = assertThrows(ConversionException.class, () -> ms.converter().convert(bad), bad);
            assertEquals(ErrorCode.VALUE_INVALID, e.code(), bad);
        }
        ConversionException digits = assertThrows(ConversionException.class, () -> ms.converter().convert("1.0000001"));
        assertEquals(ErrorCode.PRECISION_LOSS, digits.code());
        assertTrue(digits.getMessage().contains("1.0000001 has more than 6 fractional digits"), digits.getMessage());
        ConversionException far = assertThrows(ConversionException.class, () -> ms.converter().convert("1" + "0".repeat(30)));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, far.code());
    }

    @Test
    void impossiblePairsFailAtPlanTimeNamingTheWayOut() {
        DecantException iso = assertThrows(DecantException.class,
                () -> TimeCasts.toTime(cast("timestamptz", TimeFormat.ISO, null), LogicalType.INT64, LogicalType.TIMESTAMPTZ, ZoneOffset.UTC));
        assertEquals("cast timestamptz cannot apply to a int64 column; format iso reads text", iso.detail());
        DecantException bool = assertThrows(DecantException.class,
                () -> TimeCasts.toTime(cast("timestamptz", TimeFormat.EPOCH_S, null), LogicalType.BOOLEAN, LogicalType.TIMESTAMPTZ, ZoneOffset.UTC));
        assertEquals("cast timestamptz cannot apply to a boolean column; format epoch_s reads numbers or text", bool.detail());
        DecantException epoch = assertThrows(DecantException.class,
                () -> TimeCasts.epoch(CastSpec.of("epoch_ms"), LogicalType.BOOLEAN, CastSpec.EpochUnit.MILLIS, ZoneOffset.UTC));
        assertEquals("cast epoch_ms cannot apply to a boolean column; epoch_ms takes a timestamptz, timestamp, date, "
                + "or a number or text in a time format", epoch.detail());
        assertEquals(ErrorCode.NO_CONVERSION, epoch.code());
    }

    @Test
    void rulesSayWhatIsReadAndHow() {
        for (TimeFormat f : TimeFormat.values()) {
            assertTrue(TimeCasts.rule(f).startsWith(f.spelling() + ": "), TimeCasts.rule(f));
        }
        assertEquals("int64 -> timestamptz (epoch_ms: milliseconds since 1970-01-01T00:00Z, at most 6 fractional digits)",
                toTime("timestamptz", TimeFormat.EPOCH_MS, LogicalType.INT64, ZoneOffset.UTC).rule());
        assertEquals("int64 -> int64 epoch_ms (already epoch_ms)", TimeCasts.epoch(cast("epoch_ms", TimeFormat.EPOCH_MS, null),
                LogicalType.INT64, CastSpec.EpochUnit.MILLIS, ZoneOffset.UTC).rule());
        assertEquals("timestamp -> int64 epoch_s (whole seconds, the rest dropped), in Europe/Berlin",
                TimeCasts.epoch(CastSpec.of("epoch_s"), LogicalType.TIMESTAMP, CastSpec.EpochUnit.SECONDS, BERLIN).rule());
    }
}
