package io.decant.sqlite.demo;

import java.util.SplittableRandom;

/**
 * Deterministic values for the demo: everything comes from a {@link SplittableRandom} whose algorithm
 * is fixed by the JDK's specification, so a seed gives the same values on every JVM. No clock, no
 * default zone, no locale: timestamps are formatted by hand from epoch seconds in UTC.
 */
final class DemoValues {
    /** 2024-01-01T00:00:00Z: every generated instant lies in the two years after it. */
    static final long EPOCH_BASE = 1_704_067_200L;
    static final long TWO_YEARS = 2L * 365 * 24 * 3600;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private DemoValues() {
    }

    /** A version-4 UUID string from the generator's bits. */
    static String uuid(SplittableRandom r) {
        long hi = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                c[p++] = '-';
            }
            long word = i < 8 ? hi : lo;
            int b = (int) (word >>> (56 - 8 * (i % 8))) & 0xff;
            c[p++] = HEX[b >>> 4];
            c[p++] = HEX[b & 0xf];
        }
        return new String(c);
    }

    static String token(SplittableRandom r, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = TOKEN[r.nextInt(TOKEN.length)];
        }
        return new String(c);
    }

    static long instant(SplittableRandom r) {
        return EPOCH_BASE + r.nextLong(TWO_YEARS);
    }

    /** SQLite's own spelling, as {@code CURRENT_TIMESTAMP} writes it: {@code 2024-01-02 03:04:05}. */
    static String sqliteTimestamp(long epochSecond) {
        return format(epochSecond, -1, ' ', false);
    }

    /** JavaScript's {@code Date.toISOString()}: {@code 2024-01-02T03:04:05.123Z}. */
    static String isoMillis(long epochSecond, int millis) {
        return format(epochSecond, millis, 'T', true);
    }

    /** Either spelling, as D1 apps mix them when some rows come from SQL defaults and some from JavaScript. */
    static String mixedTimestamp(SplittableRandom r, long epochSecond) {
        return r.nextInt(3) == 0 ? sqliteTimestamp(epochSecond) : isoMillis(epochSecond, r.nextInt(1000));
    }

    private static String format(long epochSecond, int millis, char sep, boolean zulu) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secs = (int) Math.floorMod(epochSecond, 86_400L);
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), without java.time's allocations.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        char[] c = new char[millis >= 0 ? 24 : 19];
        put4(c, 0, (int) year);
        c[4] = '-';
        put2(c, 5, month);
        c[7] = '-';
        put2(c, 8, day);
        c[10] = sep;
        put2(c, 11, secs / 3600);
        c[13] = ':';
        put2(c, 14, secs / 60 % 60);
        c[16] = ':';
        put2(c, 17, secs % 60);
        if (millis >= 0) {
            c[19] = '.';
            c[20] = (char) ('0' + millis / 100);
            c[21] = (char) ('0' + millis / 10 % 10);
            c[22] = (char) ('0' + millis % 10);
            c[23] = zulu ? 'Z' : ' ';
        }
        return new String(c);
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static void put4(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 1000);
        c[at + 1] = (char) ('0' + v / 100 % 10);
        c[at + 2] = (char) ('0' + v / 10 % 10);
        c[at + 3] = (char) ('0' + v % 10);
    }
}
