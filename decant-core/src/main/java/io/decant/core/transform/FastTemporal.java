package io.decant.core.transform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Hand-written parsing of the shapes that almost every timestamp and UUID in real data has, because
 * the general formatter costs microseconds a value (the profile of verify and migrate showed it
 * first). It accepts exactly a subset of what {@link TextParsers} accepts and returns the same
 * value; anything else returns {@code null} and the caller takes the general path, which also
 * words every rejection. A test compares both on seeded random text.
 *
 * <p>Shapes: {@code YYYY-MM-DD[(T|t| )HH:MM[:SS[.f{1,9}]]][Z|z|±HH:MM|±HHMM|±HH]}.
 *
 * <p>It is also the one parser of strict ISO 8601 text ({@code parseIso*}: what export folders and
 * other lossless files hold): the fast shapes first, and java.time's ISO formatters for everything
 * else, so the accepted language is exactly java.time's ISO and a value costs no formatter in the
 * common case. A test compares these with java.time on seeded random text.
 */
public final class FastTemporal {
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

    // ---- strict ISO 8601, as java.time's ISO formatters read it; each throws DateTimeException for other text

    /** {@code s} as {@link DateTimeFormatter#ISO_LOCAL_DATE} reads it. */
    public static LocalDate parseIsoDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = digits(s, 0, 4);
            int m = digits(s, 5, 2);
            int d = digits(s, 8, 2);
            if ((y | m | d) >= 0) {
                return LocalDate.of(y, m, d);
            }
        }
        return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
    }

    /** {@code s} as {@link DateTimeFormatter#ISO_LOCAL_TIME} reads it. */
    public static LocalTime parseIsoTime(String s) {
        LocalTime t = time(s, 0, s.length());
        return t != null ? t : LocalTime.parse(s, DateTimeFormatter.ISO_LOCAL_TIME);
    }

    /** {@code s} as {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME} reads it. */
    public static LocalDateTime parseIsoTimestamp(String s) {
        // The fast shapes' other separators and their offsets are not ISO_LOCAL_DATE_TIME: the formatter refuses them.
        if (s.length() > 10 && s.charAt(10) == 'T' && parse(s) instanceof LocalDateTime ts) {
            return ts;
        }
        return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /** {@code s} as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} reads it, as an instant. */
    public static Instant parseIsoInstant(String s) {
        int n = s.length();
        // Only Z and ±HH:MM are offsets of that formatter among the fast shapes; without one it refuses.
        boolean isoOffset = n > 16 && (s.charAt(n - 1) == 'Z'
                || (s.charAt(n - 6) == '+' || s.charAt(n - 6) == '-') && s.charAt(n - 3) == ':');
        if (isoOffset && s.charAt(10) == 'T' && instant(s, null) instanceof Instant i) {
            return i;
        }
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** {@code HH:MM:SS[.f{1,9}]} exactly in {@code s[from, end)}, or null for the formatter to judge. */
    private static LocalTime time(String s, int from, int end) {
        int len = end - from;
        if (len < 8 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
            return null;
        }
        int h = digits(s, from, 2);
        int m = digits(s, from + 3, 2);
        int sec = digits(s, from + 6, 2);
        if ((h | m | sec) < 0) {
            return null;
        }
        int nano = 0;
        if (len > 8) {
            int count = len - 9;
            if (s.charAt(from + 8) != '.' || count < 1 || count > 9) {
                return null;
            }
            int f = digits(s, from + 9, count);
            if (f < 0) {
                return null;
            }
            nano = f;
            for (int i = count; i < 9; i++) {
                nano *= 10;
            }
        }
        try {
            return LocalTime.of(h, m, sec, nano);
        } catch (DateTimeException e) {
            return null;
        }
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
