package io.decant.files.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO 8601 text for dates and times, at full precision, without the JVM zone. The common shapes
 * (years 0000-9999) are formatted and parsed by hand because {@link DateTimeFormatter} costs about
 * a microsecond per value, which alone would halve the row rate of a table with two timestamps;
 * everything else goes through the JDK's ISO formatters, so the accepted language is exactly ISO.
 * Fractions are written in groups of three digits, as {@link Instant#toString()} does.
 */
final class Iso {
    private Iso() {
    }

    // ---- formatting

    static String date(LocalDate d) {
        int y = d.getYear();
        if (y < 0 || y > 9999) {
            return d.toString();
        }
        char[] c = new char[10];
        writeDate(c, 0, y, d.getMonthValue(), d.getDayOfMonth());
        return new String(c);
    }

    static String time(LocalTime t) {
        char[] c = new char[18];
        int n = writeTime(c, 0, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        return new String(c, 0, n);
    }

    static String timestamp(LocalDateTime ts) {
        int y = ts.getYear();
        if (y < 0 || y > 9999) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(ts) + "T" + time(ts.toLocalTime());
        }
        char[] c = new char[29];
        writeDate(c, 0, y, ts.getMonthValue(), ts.getDayOfMonth());
        c[10] = 'T';
        int n = writeTime(c, 11, ts.getHour(), ts.getMinute(), ts.getSecond(), ts.getNano());
        return new String(c, 0, n);
    }

    static String instant(Instant i) {
        // 0000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999999Z
        if (i.getEpochSecond() < -62167219200L || i.getEpochSecond() > 253402300799L) {
            return i.toString();
        }
        LocalDateTime ts = LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC);
        char[] c = new char[30];
        writeDate(c, 0, ts.getYear(), ts.getMonthValue(), ts.getDayOfMonth());
        c[10] = 'T';
        int n = writeTime(c, 11, ts.getHour(), ts.getMinute(), ts.getSecond(), ts.getNano());
        c[n] = 'Z';
        return new String(c, 0, n + 1);
    }

    private static void writeDate(char[] c, int at, int y, int m, int d) {
        c[at] = digit(y / 1000);
        c[at + 1] = digit(y / 100 % 10);
        c[at + 2] = digit(y / 10 % 10);
        c[at + 3] = digit(y % 10);
        c[at + 4] = '-';
        two(c, at + 5, m);
        c[at + 7] = '-';
        two(c, at + 8, d);
    }

    private static int writeTime(char[] c, int at, int h, int m, int s, int nano) {
        two(c, at, h);
        c[at + 2] = ':';
        two(c, at + 3, m);
        c[at + 5] = ':';
        two(c, at + 6, s);
        int n = at + 8;
        if (nano == 0) {
            return n;
        }
        int digits = nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
        c[n++] = '.';
        int div = 100_000_000;
        for (int i = 0; i < digits; i++) {
            c[n++] = digit(nano / div % 10);
            div /= 10;
        }
        return n;
    }

    private static void two(char[] c, int at, int v) {
        c[at] = digit(v / 10);
        c[at + 1] = digit(v % 10);
    }

    private static char digit(int v) {
        return (char) ('0' + v);
    }

    // ---- parsing; each throws DateTimeException for text that is not the ISO form

    static LocalDate parseDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = num(s, 0, 4);
            int m = num(s, 5, 2);
            int d = num(s, 8, 2);
            if ((y | m | d) >= 0) {
                return LocalDate.of(y, m, d);
            }
        }
        return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
    }

    static LocalTime parseTime(String s) {
        LocalTime t = fastTime(s, 0, s.length());
        return t != null ? t : LocalTime.parse(s, DateTimeFormatter.ISO_LOCAL_TIME);
    }

    static LocalDateTime parseTimestamp(String s) {
        LocalDateTime ts = fastTimestamp(s, s.length());
        return ts != null ? ts : LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    static Instant parseInstant(String s) {
        int n = s.length();
        if (n > 0 && s.charAt(n - 1) == 'Z') {
            LocalDateTime ts = fastTimestamp(s, n - 1);
            if (ts != null) {
                return ts.toInstant(ZoneOffset.UTC);
            }
        }
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static LocalDateTime fastTimestamp(String s, int end) {
        if (end < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T') {
            return null;
        }
        int y = num(s, 0, 4);
        int m = num(s, 5, 2);
        int d = num(s, 8, 2);
        LocalTime t = fastTime(s, 11, end);
        if ((y | m | d) < 0 || t == null) {
            return null;
        }
        return LocalDateTime.of(LocalDate.of(y, m, d), t);
    }

    /** HH:MM:SS[.f{1,9}] exactly, or null for the formatter to judge. */
    private static LocalTime fastTime(String s, int from, int end) {
        int len = end - from;
        if (len < 8 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
            return null;
        }
        int h = num(s, from, 2);
        int m = num(s, from + 3, 2);
        int sec = num(s, from + 6, 2);
        if ((h | m | sec) < 0) {
            return null;
        }
        int nano = 0;
        if (len > 8) {
            int digits = len - 9;
            if (s.charAt(from + 8) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            int f = num(s, from + 9, digits);
            if (f < 0) {
                return null;
            }
            nano = f;
            for (int i = digits; i < 9; i++) {
                nano *= 10;
            }
        }
        try {
            return LocalTime.of(h, m, sec, nano);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, from+len)}, or -1 if any character is not a digit. */
    private static int num(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
