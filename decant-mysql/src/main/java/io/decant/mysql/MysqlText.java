package io.decant.mysql;

import io.decant.core.transform.ConversionException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * MySQL's text forms of temporal values, parsed and printed without any time zone and without
 * java.sql types. The server sends {@code YYYY-MM-DD}, {@code [-]H..H:MM:SS[.ffffff]} and
 * {@code YYYY-MM-DD HH:MM:SS[.ffffff]}; a TIMESTAMP arrives in the session zone, which decant pins
 * to UTC.
 */
final class MysqlText {
    static final String RULE_ZERO_DATE = "mysql date: a zero date or a zero month/day ('0000-00-00') is no calendar"
            + " date; zero_date: null on the column (or zero_dates: null for the whole source) in the spec makes it"
            + " NULL, zero_date: 1970-01-01 a date of your choice";
    static final String RULE_TIME = "mysql time: a time of day 00:00:00..23:59:59.999999; MySQL TIME also holds"
            + " durations (-838:59:59..838:59:59), which have no logical type and no cast reads; skip: true on the column"
            + " leaves it out";
    static final String RULE_DATE = "mysql date: YYYY-MM-DD";
    static final String RULE_MICROS = "mysql temporal: at most 6 fractional digits (microseconds)";

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private MysqlText() {
    }

    /** Whether the server's text of a DATE or DATETIME is a zero date: a zero month or day ('0000-00-00', '2024-02-00'). */
    static boolean isZeroDate(String s) {
        return s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-'
                && (s.startsWith("00", 5) || s.startsWith("00", 8));
    }

    static LocalDate parseDate(String s) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw ConversionException.invalid(RULE_DATE, "not a date");
        }
        int month = digits(s, 5, 7, RULE_DATE);
        int day = digits(s, 8, 10, RULE_DATE);
        if (month == 0 || day == 0) {
            throw ConversionException.invalid(RULE_ZERO_DATE, "zero date " + s);
        }
        try {
            return LocalDate.of(digits(s, 0, 4, RULE_DATE), month, day);
        } catch (DateTimeException e) {
            throw ConversionException.invalid(RULE_DATE, "not a calendar date: " + s);
        }
    }

    static LocalDateTime parseDateTime(String s) {
        LocalDate date = parseDate(s);
        if (s.length() == 10) {
            return date.atStartOfDay();
        }
        if (s.charAt(10) != ' ' && s.charAt(10) != 'T') {
            throw ConversionException.invalid(RULE_DATE, "not a date and time");
        }
        return LocalDateTime.of(date, parseTime(s.substring(11)));
    }

    static LocalTime parseTime(String s) {
        if (s.startsWith("-")) {
            throw ConversionException.range(RULE_TIME, "negative time " + s);
        }
        int colon = s.indexOf(':');
        if (colon < 1 || s.length() < colon + 6 || s.charAt(colon + 3) != ':') {
            throw ConversionException.invalid(RULE_TIME, "not a time");
        }
        int hour = digits(s, 0, colon, RULE_TIME);
        int minute = digits(s, colon + 1, colon + 3, RULE_TIME);
        int second = digits(s, colon + 4, colon + 6, RULE_TIME);
        int nanos = 0;
        int end = colon + 6;
        if (s.length() > end) {
            if (s.charAt(end) != '.' || s.length() == end + 1 || s.length() > end + 10) {
                throw ConversionException.invalid(RULE_TIME, "not a time");
            }
            String fraction = s.substring(end + 1);
            nanos = digits(fraction, 0, fraction.length(), RULE_TIME) * POW10[9 - fraction.length()];
        }
        if (hour > 23) {
            throw ConversionException.range(RULE_TIME, "time " + s + " is not a time of day");
        }
        try {
            return LocalTime.of(hour, minute, second, nanos);
        } catch (DateTimeException e) {
            throw ConversionException.invalid(RULE_TIME, "not a time: " + s);
        }
    }

    /** {@code YYYY-MM-DD}; years beyond 9999 or before 0 cannot be written and are refused. */
    static String formatDate(LocalDate d) {
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            throw ConversionException.range("mysql date: years 0000..9999", "year " + year + " does not fit a MySQL date");
        }
        StringBuilder sb = new StringBuilder(10);
        pad(sb, year, 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        return pad(sb, d.getDayOfMonth(), 2).toString();
    }

    /** {@code HH:MM:SS.ffffff}; nanoseconds beyond the microsecond would be rounded by the server, so they are refused. */
    static String formatTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        appendTime(sb, t);
        return sb.toString();
    }

    static String formatDateTime(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(26).append(formatDate(t.toLocalDate())).append(' ');
        appendTime(sb, t.toLocalTime());
        return sb.toString();
    }

    private static void appendTime(StringBuilder sb, LocalTime t) {
        if (t.getNano() % 1000 != 0) {
            throw ConversionException.precision(RULE_MICROS, t + " has nanoseconds");
        }
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        pad(sb, t.getNano() / 1000, 6);
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    private static int digits(String s, int from, int to, String rule) {
        if (from >= to || to > s.length() || to - from > 9) {
            throw ConversionException.invalid(rule, "not a number where digits belong: " + s);
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw ConversionException.invalid(rule, "not a digit where digits belong: " + s);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
