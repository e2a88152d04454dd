package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.decant.core.error.ErrorCode;
import io.decant.core.transform.ConversionException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class MysqlTextTest {
    @Test
    void parsesServerText() {
        assertEquals(LocalDate.of(1000, 1, 1), MysqlText.parseDate("1000-01-01"));
        assertEquals(LocalDate.of(9999, 12, 31), MysqlText.parseDate("9999-12-31"));
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000), MysqlText.parseTime("23:59:59.999999"));
        assertEquals(LocalTime.of(12, 0, 0, 500_000_000), MysqlText.parseTime("12:00:00.5"));
        assertEquals(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 1000), MysqlText.parseDateTime("2024-03-10 02:30:00.000001"));
        assertEquals(LocalDateTime.of(2024, 3, 10, 2, 30), MysqlText.parseDateTime("2024-03-10 02:30:00"));
    }

    @Test
    void zeroDatesAreDataErrors() {
        ConversionException e = assertThrows(ConversionException.class, () -> MysqlText.parseDate("0000-00-00"));
        assertEquals(ErrorCode.VALUE_INVALID, e.code());
        assertEquals(MysqlText.RULE_ZERO_DATE, e.rule());
        assertThrows(ConversionException.class, () -> MysqlText.parseDateTime("2024-00-10 00:00:00"));
        assertThrows(ConversionException.class, () -> MysqlText.parseDate("2023-02-29"));
    }

    @Test
    void durationsAreNotTimesOfDay() {
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE,
                assertThrows(ConversionException.class, () -> MysqlText.parseTime("838:59:59.000000")).code());
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE,
                assertThrows(ConversionException.class, () -> MysqlText.parseTime("-00:00:01")).code());
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE,
                assertThrows(ConversionException.class, () -> MysqlText.parseTime("24:00:00")).code());
    }

    @Test
    void formatsWithMicrosecondsAndRefusesNanoseconds() {
        assertEquals("0001-01-01", MysqlText.formatDate(LocalDate.of(1, 1, 1)));
        assertEquals("00:00:00.000000", MysqlText.formatTime(LocalTime.MIDNIGHT));
        assertEquals("9999-12-31 23:59:59.999999", MysqlText.formatDateTime(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)));
        assertEquals(ErrorCode.PRECISION_LOSS, assertThrows(ConversionException.class,
                () -> MysqlText.formatTime(LocalTime.of(1, 2, 3, 1))).code());
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, assertThrows(ConversionException.class,
                () -> MysqlText.formatDate(LocalDate.of(10000, 1, 1))).code());
    }
}
