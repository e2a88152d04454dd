package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.decant.core.error.ErrorCode;
import io.decant.core.type.Bytes;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConversionsTest {
    private final Conversions utc = Conversions.utc();

    private Object convert(LogicalType from, LogicalType to, Object v) {
        return utc.find(from, to).converter().convert(v);
    }

    private ErrorCode rejects(LogicalType from, LogicalType to, Object v) {
        return assertThrows(ConversionException.class, () -> convert(from, to, v)).code();
    }

    @ParameterizedTest
    @CsvSource({"12.5,12.50", "0.30000000000000004,0.30", "5.0,5.00", "-0.1,-0.10", "99999999.99,99999999.99", "59.97000000000001,59.97"})
    void realMoneyComesBackAtTheDeclaredScale(double stored, String expected) {
        assertEquals(new BigDecimal(expected), convert(LogicalType.FLOAT64, LogicalType.decimal(10, 2), stored));
    }

    @Test
    void realValuesThatAreNotTheNoiseOfADecimalAreRejected() {
        assertEquals(ErrorCode.PRECISION_LOSS, rejects(LogicalType.FLOAT64, LogicalType.decimal(10, 2), 0.123));
        assertEquals(ErrorCode.PRECISION_LOSS, rejects(LogicalType.FLOAT64, LogicalType.decimal(10, 2), 1234567.891));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, rejects(LogicalType.FLOAT64, LogicalType.decimal(4, 2), 100.0));
        assertEquals(ErrorCode.VALUE_INVALID, rejects(LogicalType.FLOAT64, LogicalType.decimal(10, 2), Double.NaN));
    }

    @Test
    void integersNarrowOnlyWhenTheyFit() {
        assertEquals((short) 32767, convert(LogicalType.INT64, LogicalType.INT16, 32767L));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, rejects(LogicalType.INT64, LogicalType.INT16, 32768L));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, rejects(LogicalType.INT64, LogicalType.INT32, Long.MAX_VALUE));
        assertEquals(ErrorCode.PRECISION_LOSS, rejects(LogicalType.INT64, LogicalType.FLOAT64, (1L << 53) + 1));
        assertEquals(ErrorCode.PRECISION_LOSS, rejects(LogicalType.DECIMAL, LogicalType.INT64, new BigDecimal("1.5")));
        assertEquals(7L, convert(LogicalType.DECIMAL, LogicalType.INT64, new BigDecimal("7.000")));
    }

    @Test
    void textIsParsedStrictly() {
        assertEquals(ErrorCode.VALUE_INVALID, rejects(LogicalType.TEXT, LogicalType.INT64, " 42"));
        assertEquals(ErrorCode.VALUE_INVALID, rejects(LogicalType.TEXT, LogicalType.FLOAT64, "0x1p3"));
        assertEquals(ErrorCode.VALUE_INVALID, rejects(LogicalType.TEXT, LogicalType.FLOAT64, "1.5d"));
        assertEquals(ErrorCode.VALUE_INVALID, rejects(LogicalType.TEXT, LogicalType.UUID, "1-1-1-1-1"));
        assertEquals(ErrorCode.VALUE_INVALID, rejects(LogicalType.TEXT, LogicalType.BOOLEAN, "yes"));
        assertEquals(ErrorCode.VALUE_INVALID, rejects(LogicalType.TEXT, LogicalType.JSON, "{\"a\":1} x"));
        assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                convert(LogicalType.TEXT, LogicalType.UUID, "123E4567-e89b-12d3-a456-426614174000"));
        assertEquals(Double.NEGATIVE_INFINITY, convert(LogicalType.TEXT, LogicalType.FLOAT64, "-Infinity"));
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-02 03:04:05,2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05.123456Z,2024-01-02T03:04:05.123456Z",
        "2024-01-02T03:04:05+02:00,2024-01-02T01:04:05Z",
        "2024-01-02,2024-01-02T00:00:00Z",
        "2024-01-02 03:04,2024-01-02T03:04:00Z"})
    void textTimestampsInSeveralFormats(String text, String instant) {
        assertEquals(Instant.parse(instant), convert(LogicalType.TEXT, LogicalType.TIMESTAMPTZ, text));
    }

    @Test
    void impossibleDatesAndDstGapsAreErrors() {
        assertEquals(ErrorCode.VALUE_INVALID, rejects(LogicalType.TEXT, LogicalType.TIMESTAMP, "2024-02-30 00:00:00"));
        Conversions mexico = new Conversions(ZoneId.of("America/Mexico_City"));
        // 2022-04-03 02:30 did not exist in Mexico City (clocks jumped from 02:00 to 03:00).
        assertThrows(ConversionException.class, () -> mexico.find(LogicalType.TIMESTAMP, LogicalType.TIMESTAMPTZ)
                .converter().convert(LocalDateTime.parse("2022-04-03T02:30:00")));
    }

    @Test
    void textLengthIsCountedInCharactersNotUtf16Units() {
        assertEquals("😀😀", convert(LogicalType.TEXT, LogicalType.text(2), "😀😀"));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, rejects(LogicalType.TEXT, LogicalType.text(2), "abc"));
    }

    @Test
    void bytesLengthIsCountedInBytesAndSpelledSoInPlansAndManifests() {
        Bytes three = Bytes.wrap(new byte[] {1, 2, 3});
        assertEquals(three, convert(LogicalType.BYTES, LogicalType.bytes(3), three));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, rejects(LogicalType.BYTES, LogicalType.bytes(2), three));
        assertEquals(three, convert(LogicalType.bytes(3), LogicalType.BYTES, three));
        assertEquals("bytes(300)", LogicalType.bytes(300).toString());
        assertEquals(LogicalType.bytes(300), LogicalType.parse("bytes(300)"));
        assertEquals(LogicalType.BYTES, LogicalType.parse("bytes"));
    }

    @Test
    void pairsWithoutAConversionAreKnownAtPlanTime() {
        assertFalse(utc.exists(LogicalType.BYTES, LogicalType.TEXT));
        assertFalse(utc.exists(LogicalType.INT64, LogicalType.TIMESTAMPTZ), "epoch needs a named cast");
        assertFalse(utc.exists(LogicalType.TEXT, LogicalType.BYTES));
    }
}
