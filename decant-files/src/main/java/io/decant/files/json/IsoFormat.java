package io.decant.files.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO 8601 text for dates and times, at full precision, without the JVM zone. The common shapes
 * (years 0000-9999) are formatted by hand because {@link DateTimeFormatter} costs about a
 * microsecond per value, which alone would halve the row rate of a table with two timestamps;
 * other years go through the JDK's ISO formatters. Fractions are written in groups of three
 * digits, as {@link Instant#toString()} does. The text is read back by core's one ISO parser,
 * {@link io.decant.core.transform.FastTemporal} ({@code parseIso*}).
 */
final class IsoFormat {
    private IsoFormat() {
    }

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
}
