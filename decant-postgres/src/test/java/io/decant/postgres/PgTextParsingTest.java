package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.decant.core.error.ErrorCode;
import io.decant.core.transform.ConversionException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgTextParsingTest {
    @Test
    void temporals() {
        assertEquals(LocalDate.of(1, 1, 1), PgTemporalText.date("0001-01-01"));
        assertEquals(LocalDate.of(12345, 6, 7), PgTemporalText.date("12345-06-07"));
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000), PgTemporalText.time("23:59:59.999999"));
        assertEquals(LocalTime.of(1, 2, 3, 500_000_000), PgTemporalText.time("01:02:03.5"));
        assertEquals(LocalDateTime.of(2021, 4, 4, 2, 30), PgTemporalText.timestamp("2021-04-04 02:30:00"));
        assertEquals(Instant.parse("2021-04-04T08:30:00.123456Z"), PgTemporalText.timestamptz("2021-04-04 08:30:00.123456+00"));
        assertEquals(Instant.parse("2021-04-04T08:30:00Z"), PgTemporalText.timestamptz("2021-04-04 14:00:00+05:30"));
    }

    @Test
    void specialTemporalsAreDataErrors() {
        for (String s : List.of("infinity", "-infinity", "0044-03-15 BC")) {
            ConversionException e = assertThrows(ConversionException.class, () -> PgTemporalText.date(s));
            assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, e.code());
        }
        assertThrows(ConversionException.class, () -> PgTemporalText.timestamptz("0044-03-15 10:00:00+00 BC"));
        ConversionException e = assertThrows(ConversionException.class, () -> PgTemporalText.time("24:00:00"));
        assertEquals(PgTemporalText.RULE_2400, e.rule());
        assertEquals(ErrorCode.VALUE_INVALID, assertThrows(ConversionException.class, () -> PgTemporalText.date("2020-13-01")).code());
    }

    @Test
    void numericSpecials() {
        assertEquals(new BigDecimal("1.500"), PgTextValues.numeric("1.500"));
        assertEquals(ErrorCode.VALUE_INVALID, assertThrows(ConversionException.class, () -> PgTextValues.numeric("NaN")).code());
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, assertThrows(ConversionException.class, () -> PgTextValues.numeric("-Infinity")).code());
    }

    @Test
    void arrays() {
        assertEquals(Arrays.asList("1", null, "3"), PgArrayText.split("{1,NULL,3}"));
        assertEquals(Arrays.asList("a", null, "", "NULL", "x,y", "q\"z", "b\\s"),
                PgArrayText.split("{a,NULL,\"\",\"NULL\",\"x,y\",\"q\\\"z\",\"b\\\\s\"}"));
        assertEquals(List.of(), PgArrayText.split("{}"));
        assertThrows(ConversionException.class, () -> PgArrayText.split("{{1,2},{3,4}}"));
        assertThrows(ConversionException.class, () -> PgArrayText.split("[2:3]={1,2}"));
    }
}
