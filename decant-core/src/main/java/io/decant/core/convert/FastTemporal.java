package io.decant.core.convert;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Hand-written parsing of the shapes that almost every timestamp and UUID in real data has, because
 * the general formatter costs microseconds a value (the profile of verify and migrate showed it
 * first). It accepts exactly a subset of what {@link TextParsers} accepts and returns the same
 * value; anything else returns {@code null} and the caller takes the general path, which also
 * words every rejection. A test compares both on seeded random text.
 *
 * <p>Shapes: {@code YYYY-MM-DD[(T|t| )HH:MM[:SS[.f{1,9}]]][Z|z|±HH:MM|±HHMM|±HH]}.
 */
final class FastTemporal {
    private FastTemporal() {
    }

    /** A LocalDateTime, or an OffsetDateTime when an offset is written; null when not a fast shape or invalid. */
    static Object parse(String s) {
        return scan(s, false, null);
    }

    /**
     * The value of {@code s} as {@link TextParsers#parseInstant} gives it, computed without making a
     * LocalDateTime: an Instant when an offset is written or {@code naiveZone} is a fixed offset; a
     * LocalDateTime (as {@link #parse}) for the caller to place in a zone with rules; null when not a
     * fast shape or invalid.
     */
    static Object instant(String s, ZoneId naiveZone) {
        return scan(s, true, naiveZone);
    }

    private static Object scan(String s, boolean toInstant, ZoneId naiveZone) {
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nano = 0;
        int i = 10;
        if (i < n && (s.charAt(i) == 'T' || s.charAt(i) == 't' || s.charAt(i) == ' ')) {
            if (n < i + 6 || s.charAt(i + 3) != ':') {
                return null;
            }
            hour = digits(s, i + 1, 2);
            minute = digits(s, i + 4, 2);
            if (hour < 0 || minute < 0) {
                return null;
            }
            i += 6;
            if (i < n && s.charAt(i) == ':') {
                second = digits(s, i + 1, 2);
                if (second < 0) {
                    return null;
                }
                i += 3;
                if (i < n && s.charAt(i) == '.') {
                    int start = ++i;
                    int value = 0;
                    while (i < n && i - start < 9 && Character.isDigit(s.charAt(i)) && s.charAt(i) <= '9') {
                        value = value * 10 + (s.charAt(i) - '0');
                        i++;
                    }
                    int len = i - start;
                    if (len == 0 || (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                        return null;
                    }
                    for (int k = len; k < 9; k++) {
                        value *= 10;
                    }
                    nano = value;
                }
            }
        }
        boolean zoned = false;
        int offsetSeconds = 0;
        if (i < n) {
            char c = s.charAt(i);
            if ((c == 'Z' || c == 'z') && i + 1 == n) {
                zoned = true;
            } else if (c == '+' || c == '-') {
                int rest = n - i - 1;
                int oh;
                int om = 0;
                if (rest == 2) {
                    oh = digits(s, i + 1, 2);
                } else if (rest == 4) {
                    oh = digits(s, i + 1, 2);
                    om = digits(s, i + 3, 2);
                } else if (rest == 5 && s.charAt(i + 3) == ':') {
                    oh = digits(s, i + 1, 2);
                    om = digits(s, i + 4, 2);
                } else {
                    return null;
                }
                int total = oh * 3600 + om * 60;
                if (oh < 0 || om < 0 || om > 59 || total > 18 * 3600) {
                    return null;
                }
                zoned = true;
                offsetSeconds = c == '-' ? -total : total;
            } else {
                return null;
            }
        }
        if (toInstant && (zoned || naiveZone instanceof ZoneOffset)) {
            // what LocalDateTime.of accepts (the year has 4 digits: always in range), then its toEpochSecond
            if (month < 1 || month > 12 || day < 1 || day > 28 && day > monthLength(year, month) || hour > 23
                    || minute > 59 || second > 59) {
                return null;
            }
            int offset = zoned ? offsetSeconds : ((ZoneOffset) naiveZone).getTotalSeconds();
            return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offset,
                    nano);
        }
        try {
            LocalDateTime ldt = LocalDateTime.of(year, month, day, hour, minute, second, nano);
            return zoned ? OffsetDateTime.of(ldt, ZoneOffset.ofTotalSeconds(offsetSeconds)) : ldt;
        } catch (DateTimeException e) {
            return null; // the general path words the rejection
        }
    }

    private static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** {@link java.time.LocalDate#toEpochDay} of a valid date with a year from 0 to 9999. */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long m = month;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 + (367 * m - 362) / 12 + day - 1;
        if (m > 2) {
            total -= isLeap(y) ? 1 : 2;
        }
        return total - 719_528L; // days from 0000-01-01 to 1970-01-01
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The canonical 8-4-4-4-12 hexadecimal form, or null for anything else. */
    static UUID uuid(String s) {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
            return null;
        }
        long hi = 0;
        long lo = 0;
        int nibbles = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                return null;
            }
            if (nibbles < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            nibbles++;
        }
        return new UUID(hi, lo);
    }
}
