package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spec.CastNames;
import io.decant.core.spec.CastSpec;
import io.decant.core.spec.TimeFormat;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CastsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Object apply(String cast, LogicalType from, Object value) {
        return Casts.resolve(CastSpec.of(cast), from, ZoneOffset.UTC).converter().convert(value);
    }

    private static Object apply(CastSpec cast, LogicalType from, Object value) {
        return Casts.resolve(cast, from, ZoneOffset.UTC).converter().convert(value);
    }

    private static CastSpec timeCast(String type, TimeFormat format, ZoneId zone) {
        return new CastSpec(type, CastNames.target(type), format, zone);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("boolean", LogicalType.INT64, 1L, true),
                Arguments.of("bool", LogicalType.INT64, 0L, false),
                Arguments.of("boolean", LogicalType.TEXT, "t", true),
                Arguments.of("boolean", LogicalType.TEXT, "FALSE", false),
                Arguments.of("boolean", LogicalType.TEXT, "1", true),
                Arguments.of("uuid", LogicalType.TEXT, "0b1e3c1a-3c2f-4a5e-9d6b-1f2e3d4c5b6a",
                        UUID.fromString("0b1e3c1a-3c2f-4a5e-9d6b-1f2e3d4c5b6a")),
                Arguments.of("timestamptz", LogicalType.TEXT, "2024-03-01 12:30:00", Instant.parse("2024-03-01T12:30:00Z")),
                Arguments.of("timestamptz", LogicalType.TEXT, "2024-03-01T12:30:00+02:00", Instant.parse("2024-03-01T10:30:00Z")),
                Arguments.of("timestamp with time zone", LogicalType.TEXT, "2024-03-01", Instant.parse("2024-03-01T00:00:00Z")),
                Arguments.of("date", LogicalType.TEXT, "2024-02-29", LocalDate.of(2024, 2, 29)),
                Arguments.of("jsonb", LogicalType.TEXT, "{\"a\": [1, 2]}", JsonText.parse("{\"a\": [1, 2]}")),
                Arguments.of("numeric(10,2)", LogicalType.TEXT, "12.5", new BigDecimal("12.50")),
                Arguments.of("integer", LogicalType.TEXT, "-42", -42),
                Arguments.of("bigint", LogicalType.INT32, 7, 7L),
                Arguments.of("smallint", LogicalType.INT64, 32767L, (short) 32767),
                Arguments.of("double precision", LogicalType.TEXT, "1.5", 1.5d),
                Arguments.of("varchar(3)", LogicalType.TEXT, "abc", "abc"),
                Arguments.of("text", LogicalType.UUID, UUID.fromString("0b1e3c1a-3c2f-4a5e-9d6b-1f2e3d4c5b6a"),
                        "0b1e3c1a-3c2f-4a5e-9d6b-1f2e3d4c5b6a"),
                Arguments.of("epoch_ms", LogicalType.TIMESTAMPTZ, Instant.parse("2024-01-01T00:00:00.123456Z"), 1704067200123L),
                Arguments.of("epoch_ms", LogicalType.TIMESTAMPTZ, Instant.parse("1969-12-31T23:59:59.9995Z"), -1L),
                Arguments.of("epoch_s", LogicalType.TIMESTAMPTZ, Instant.parse("2024-01-01T00:00:00.9Z"), 1704067200L),
                Arguments.of("epoch_ms", LogicalType.TIMESTAMP, LocalDateTime.of(2024, 1, 1, 0, 0), 1704067200000L),
                Arguments.of("epoch_ms", LogicalType.DATE, LocalDate.of(1970, 1, 2), 86_400_000L),
                Arguments.of("epoch_ms", LogicalType.INT64, 1704067200000L, 1704067200000L),
                Arguments.of("epoch_ms", LogicalType.TEXT, "1704067200000", 1704067200000L),
                Arguments.of("cents", LogicalType.decimal(10, 2), new BigDecimal("12.34"), 1234L),
                Arguments.of("cents", LogicalType.decimal(10, 3), new BigDecimal("12.340"), 1234L),
                Arguments.of("cents", LogicalType.DECIMAL, new BigDecimal("-0.01"), -1L),
                Arguments.of("cents", LogicalType.INT64, 12L, 1200L),
                Arguments.of("cents", LogicalType.FLOAT64, 0.1 + 0.2, 30L),
                Arguments.of("cents", LogicalType.TEXT, "19.99", 1999L));
    }

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @MethodSource("accepted")
    void acceptedValues(String cast, LogicalType from, Object in, Object out) {
        assertEquals(out, apply(cast, from, in));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("boolean", LogicalType.INT64, 2L, ErrorCode.VALUE_INVALID, "integer 2 is not 0 or 1"),
                Arguments.of("boolean", LogicalType.TEXT, "yes", ErrorCode.VALUE_INVALID, "not a boolean"),
                Arguments.of("uuid", LogicalType.TEXT, "abc-123-def", ErrorCode.VALUE_INVALID, "not a UUID"),
                Arguments.of("timestamptz", LogicalType.TEXT, "yesterday", ErrorCode.VALUE_INVALID, "not a timestamp"),
                Arguments.of("date", LogicalType.TEXT, "2023-02-29", ErrorCode.VALUE_INVALID, "not a date"),
                Arguments.of("json", LogicalType.TEXT, "{a:1}", ErrorCode.VALUE_INVALID, "invalid JSON"),
                Arguments.of("numeric(4,2)", LogicalType.TEXT, "123.4", ErrorCode.VALUE_OUT_OF_RANGE, "does not fit decimal(4,2)"),
                Arguments.of("numeric(10,2)", LogicalType.TEXT, "1.234", ErrorCode.PRECISION_LOSS, "more than 2 fractional digits"),
                Arguments.of("integer", LogicalType.TEXT, " 42", ErrorCode.VALUE_INVALID, "not an integer"),
                Arguments.of("smallint", LogicalType.INT64, 40000L, ErrorCode.VALUE_OUT_OF_RANGE, "does not fit int16"),
                Arguments.of("varchar(3)", LogicalType.TEXT, "abcd", ErrorCode.VALUE_OUT_OF_RANGE, "does not fit text(3)"),
                Arguments.of("cents", LogicalType.DECIMAL, new BigDecimal("12.345"), ErrorCode.PRECISION_LOSS,
                        "12.345 is not a whole number of cents"),
                Arguments.of("cents", LogicalType.DECIMAL, new BigDecimal("92233720368547758.08"), ErrorCode.VALUE_OUT_OF_RANGE,
                        "92233720368547758.08 x 100 does not fit int64"),
                Arguments.of("cents", LogicalType.INT64, Long.MAX_VALUE / 10, ErrorCode.VALUE_OUT_OF_RANGE, "does not fit int64"),
                Arguments.of("cents", LogicalType.FLOAT64, 0.125, ErrorCode.PRECISION_LOSS, "not a whole number of cents"),
                Arguments.of("cents", LogicalType.TEXT, "1,50", ErrorCode.VALUE_INVALID, "not a decimal number"),
                Arguments.of("epoch_ms", LogicalType.TEXT, "2024-01-01", ErrorCode.VALUE_INVALID, "not a number"));
    }

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @MethodSource("rejected")
    void rejectedValues(String cast, LogicalType from, Object in, ErrorCode code, String message) {
        ConversionException e = assertThrows(ConversionException.class, () -> apply(cast, from, in));
        assertEquals(code, e.code());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.rule() != null && !e.rule().isBlank());
    }

    @Test
    void centsRuleIsWritten() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> apply("cents", LogicalType.DECIMAL, new BigDecimal("12.345")));
        assertEquals("cents: the amount times 100 must be a whole number within int64; NULL stays NULL", e.rule());
    }

    static Stream<Arguments> impossible() {
        return Stream.of(
                Arguments.of("date", LogicalType.UUID, "cast date cannot apply to a uuid column"),
                Arguments.of("timestamptz", LogicalType.INT64,
                        "cast timestamptz cannot apply to a int64 column; a number needs format: epoch_s, epoch_ms or sqlite (Julian day)"),
                Arguments.of("cents", LogicalType.BOOLEAN,
                        "cast cents cannot apply to a boolean column; cents takes a decimal, integer, float or text amount"),
                Arguments.of("epoch_ms", LogicalType.UUID, "cast epoch_ms cannot apply to a uuid column"),
                Arguments.of("bytea", LogicalType.TEXT, "cast bytea cannot apply to a text column"),
                Arguments.of("boolean", LogicalType.DECIMAL, "cast boolean cannot apply to a decimal column"));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("impossible")
    void impossiblePairsFailAtPlanTime(String cast, LogicalType from, String message) {
        DecantException e = assertThrows(DecantException.class, () -> Casts.resolve(CastSpec.of(cast), from));
        assertEquals(ErrorCode.NO_CONVERSION, e.code());
        assertTrue(e.detail().startsWith(message), e.detail());
    }

    @Test
    void unknownCastSuggests() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CastSpec.of("timestamtz"));
        assertTrue(e.getMessage().startsWith("unknown cast 'timestamtz'; did you mean 'timestamptz'?; known casts: boolean, bool"),
                e.getMessage());
    }

    @Test
    void postgresSpellingsResolveToLogicalTypes() {
        assertEquals(LogicalType.decimal(12, 4), CastSpec.of("NUMERIC(12, 4)").outputType());
        assertEquals(LogicalType.decimal(5, 0), CastSpec.of("decimal(5)").outputType());
        assertEquals(LogicalType.FLOAT64, CastSpec.of("Double  Precision").outputType());
        assertEquals(LogicalType.text(20), CastSpec.of("character varying(20)").outputType());
        assertEquals(LogicalType.INT64, CastSpec.of("epoch_ms").outputType());
        assertEquals(LogicalType.INT64, CastSpec.of("cents").outputType());
        assertThrows(IllegalArgumentException.class, () -> CastSpec.of("numeric(3,5)"));
        assertThrows(IllegalArgumentException.class, () -> CastSpec.of("numeric(0)"));
    }

    @Test
    void naiveTimesUseTheCastZoneThenTheSpecZone() {
        CastSpec berlin = timeCast("timestamptz", null, BERLIN);
        assertEquals(Instant.parse("2024-07-01T10:00:00Z"), apply(berlin, LogicalType.TEXT, "2024-07-01 12:00:00"));
        Conversion specZone = Casts.resolve(CastSpec.of("timestamptz"), LogicalType.TEXT, ZoneId.of("Asia/Tokyo"));
        assertEquals(Instant.parse("2024-07-01T03:00:00Z"), specZone.converter().convert("2024-07-01 12:00:00"));
    }

    @Test
    void dstGapIsAnErrorNotAGuess() {
        CastSpec berlin = timeCast("timestamptz", null, BERLIN);
        ConversionException e = assertThrows(ConversionException.class,
                () -> apply(berlin, LogicalType.TEXT, "2024-03-31 02:30:00"));
        assertTrue(e.getMessage().contains("does not exist in Europe/Berlin (DST gap)"), e.getMessage());
    }

    @Test
    void epochFormatsReadNumbersAndText() {
        CastSpec ms = timeCast("timestamptz", TimeFormat.EPOCH_MS, null);
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), apply(ms, LogicalType.INT64, 1704067200000L));
        assertEquals(Instant.parse("2024-01-01T00:00:00.000500Z"), apply(ms, LogicalType.TEXT, "1704067200000.5"));
        CastSpec s = timeCast("timestamptz", TimeFormat.EPOCH_S, null);
        assertEquals(Instant.parse("2024-01-01T00:00:00.25Z"), apply(s, LogicalType.FLOAT64, 1704067200.25));
        assertEquals(Instant.parse("1969-12-31T23:59:59.5Z"), apply(s, LogicalType.DECIMAL, new BigDecimal("-0.5")));
        ConversionException e = assertThrows(ConversionException.class,
                () -> apply(ms, LogicalType.TEXT, "1.0000001"));
        assertEquals(ErrorCode.PRECISION_LOSS, e.code());
        CastSpec date = timeCast("date", TimeFormat.EPOCH_S, null);
        assertEquals(LocalDate.of(1970, 1, 2), apply(date, LogicalType.INT64, 86_400L));
        assertEquals(ErrorCode.PRECISION_LOSS, assertThrows(ConversionException.class,
                () -> apply(date, LogicalType.INT64, 86_401L)).code());
        CastSpec epochFromSeconds = timeCast("epoch_ms", TimeFormat.EPOCH_S, null);
        assertEquals(1_000L, apply(epochFromSeconds, LogicalType.INT64, 1L));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, assertThrows(ConversionException.class,
                () -> apply(epochFromSeconds, LogicalType.INT64, Long.MAX_VALUE)).code());
    }

    @Test
    void sqliteFormatReadsTextAndJulianDays() {
        CastSpec tz = timeCast("timestamptz", TimeFormat.SQLITE, null);
        assertEquals(Instant.parse("2024-01-01T12:00:00Z"), apply(tz, LogicalType.TEXT, "2024-01-01 12:00:00"));
        assertEquals(Instant.parse("2024-01-01T11:00:00Z"), apply(tz, LogicalType.TEXT, "2024-01-01 12:00:00+01:00"));
        assertEquals(Instant.parse("1970-01-01T00:00:00Z"), apply(tz, LogicalType.FLOAT64, 2440587.5));
        assertEquals(Instant.parse("2000-01-01T12:00:00Z"), apply(tz, LogicalType.TEXT, "2451545.0"));
        CastSpec berlinLocal = timeCast("timestamp", TimeFormat.SQLITE, BERLIN);
        assertEquals(LocalDateTime.of(2024, 1, 1, 12, 0), apply(berlinLocal, LogicalType.TEXT, "2024-01-01 12:00:00"));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, assertThrows(ConversionException.class,
                () -> apply(tz, LogicalType.FLOAT64, -1.0)).code());
        assertEquals(ErrorCode.VALUE_INVALID, assertThrows(ConversionException.class,
                () -> apply(tz, LogicalType.TEXT, "now")).code());
    }

    @Test
    void isoFormatOnlyReadsText() {
        DecantException e = assertThrows(DecantException.class,
                () -> Casts.resolve(timeCast("timestamptz", TimeFormat.ISO, null), LogicalType.INT64));
        assertEquals("cast timestamptz cannot apply to a int64 column; format iso reads text", e.detail());
    }

    @Test
    void epochOfLocalTimeInDstGapIsAnError() {
        CastSpec ms = timeCast("epoch_ms", null, BERLIN);
        assertThrows(ConversionException.class, () -> apply(ms, LogicalType.TIMESTAMP, LocalDateTime.of(2024, 3, 31, 2, 30)));
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 100).mapToObj(i -> 0xCAFEL + i);
    }

    /** cents is exact both ways: n/100 with scale 2 gives back n, for any long that fits. */
    @ParameterizedTest
    @MethodSource("seeds")
    void centsRoundTrip(long seed) {
        Random r = new Random(seed);
        long n = r.nextLong() / 100;
        BigDecimal amount = BigDecimal.valueOf(n, 2);
        assertEquals(n, apply("cents", LogicalType.decimal(0, 2), amount));
        assertEquals(n, apply("cents", LogicalType.TEXT, amount.toPlainString()));
    }

    /** epoch_ms of a text timestamp agrees with java.time for random instants. */
    @ParameterizedTest
    @MethodSource("seeds")
    void epochMsMatchesJavaTime(long seed) {
        Random r = new Random(seed);
        Instant t = Instant.ofEpochSecond(r.nextInt(Integer.MAX_VALUE) - (1L << 30), r.nextInt(1_000_000_000));
        assertEquals(Math.floorDiv(t.getEpochSecond() * 1_000_000_000L + t.getNano(), 1_000_000L),
                apply("epoch_ms", LogicalType.TIMESTAMPTZ, t));
        CastSpec iso = timeCast("epoch_ms", TimeFormat.ISO, null);
        assertEquals(t.toEpochMilli(), apply(iso, LogicalType.TEXT, t.toString()));
    }

    @Test
    void constantsConvertAtPlanTime() {
        assertEquals(0.1d, Casts.constant(new BigDecimal("0.1"), LogicalType.FLOAT64, ZoneOffset.UTC));
        assertEquals(false, Casts.constant(0L, LogicalType.BOOLEAN, ZoneOffset.UTC));
        assertEquals(JsonText.parse("{}"), Casts.constant("{}", LogicalType.JSON, ZoneOffset.UTC));
        assertNull(Casts.constant(null, LogicalType.UUID, ZoneOffset.UTC));
        DecantException e = assertThrows(DecantException.class,
                () -> Casts.constant(new BigDecimal("1.5"), LogicalType.INT32, ZoneOffset.UTC));
        assertEquals("the constant '1.5' is not a valid int32: 1.5 has a fraction", e.detail());
        e = assertThrows(DecantException.class, () -> Casts.constant(true, LogicalType.UUID, ZoneOffset.UTC));
        assertEquals("the constant 'true' (boolean) cannot become uuid", e.detail());
    }

    @Test
    void ruleNamesTheCast() {
        Conversion c = Casts.resolve(CastSpec.of("uuid"), LogicalType.TEXT);
        assertEquals("cast uuid: text -> uuid (strict parse)", c.rule());
        assertEquals(LogicalType.UUID, c.to());
    }

    @Test
    void wayOutNamesOnlyACastThatResolvesForThePair() {
        assertEquals("{ cast: { type: text, encoding: utf8 } } (encodings: utf8, base64, hex, latin1)",
                Casts.wayOut(LogicalType.BYTES, LogicalType.TEXT));
        assertEquals("{ cast: { type: bytes, encoding: utf8 } } (encodings: utf8, base64, hex, latin1)",
                Casts.wayOut(LogicalType.TEXT, LogicalType.BYTES));
        assertEquals("{ cast: { type: timestamptz, format: epoch_s } } (formats: epoch_s, epoch_ms, sqlite)",
                Casts.wayOut(LogicalType.INT64, LogicalType.TIMESTAMPTZ));
        assertNull(Casts.wayOut(LogicalType.UUID, LogicalType.INT32));
        assertNull(Casts.wayOut(LogicalType.INT64, LogicalType.BYTES));
    }

    @Test
    void aCastThatCannotApplyNamesTheOneThatCanOrSkip() {
        DecantException bytes = assertThrows(DecantException.class, () -> Casts.resolve(CastSpec.of("uuid"), LogicalType.BYTES));
        assertEquals("cast uuid cannot apply to a bytes column; the cast that can: { cast: { type: text, encoding: utf8 } }"
                + " (encodings: utf8, base64, hex, latin1)", bytes.detail());
        DecantException date = assertThrows(DecantException.class, () -> Casts.resolve(CastSpec.of("uuid"), LogicalType.DATE));
        assertEquals("cast uuid cannot apply to a date column; no cast makes a date value a uuid: change the cast, or leave"
                + " the column out with skip: true", date.detail());
    }
}
