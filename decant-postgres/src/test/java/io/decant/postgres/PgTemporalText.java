package io.decant.postgres;

import io.decant.core.transform.ConversionException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Parses PostgreSQL's ISO output (DateStyle ISO, which pgjdbc insists on) of date, time, timestamp
 * and timestamptz by hand. Parsing ourselves instead of pgjdbc's getObject keeps three PostgreSQL
 * values from silently becoming something else: 'infinity' and '-infinity' (pgjdbc maps them to
 * MAX/MIN), BC dates (a year PostgreSQL and java.time number differently) and time '24:00:00'
 * (pgjdbc maps it to 23:59:59.999999999). All three are data errors naming the rule.
 * The session time zone is UTC, so timestamptz text carries the offset +00.
 */
final class PgTemporalText {
    static final String RULE_INFINITY = BinaryDecoders.RULE_INFINITY;
    static final String RULE_BC = BinaryDecoders.RULE_BC;
    static final String RULE_2400 = BinaryDecoders.RULE_2400;

    private PgTemporalText() {
    }

    static LocalDate date(String s) {
        rejectSpecial(s);
        Cursor c = new Cursor(s);
        LocalDate d = c.date();
        c.end();
        return d;
    }

    static LocalTime time(String s) {
        Cursor c = new Cursor(s);
        LocalTime t = c.time();
        c.end();
        return t;
    }

    static LocalDateTime timestamp(String s) {
        rejectSpecial(s);
        Cursor c = new Cursor(s);
        LocalDate d = c.date();
        c.expect(' ');
        LocalTime t = c.time();
        c.end();
        return LocalDateTime.of(d, t);
    }

    static Instant timestamptz(String s) {
        rejectSpecial(s);
        Cursor c = new Cursor(s);
        LocalDate d = c.date();
        c.expect(' ');
        LocalTime t = c.time();
        int offsetSeconds = c.offset();
        c.end();
        return LocalDateTime.of(d, t).toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
    }

    private static void rejectSpecial(String s) {
        if (s.equals("infinity") || s.equals("-infinity")) {
            throw ConversionException.range(RULE_INFINITY, "'" + s + "' cannot be represented");
        }
        if (s.endsWith(" BC")) {
            throw ConversionException.range(RULE_BC, "'" + s + "' is a BC date");
        }
    }

    /** A position in the text; every malformed input is a VALUE_INVALID naming the text. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        LocalDate date() {
            int year = digits(4, 9);
            expect('-');
            int month = digits(2, 2);
            expect('-');
            int day = digits(2, 2);
            try {
                return LocalDate.of(year, month, day);
            } catch (java.time.DateTimeException e) {
                throw bad();
            }
        }

        LocalTime time() {
            int h = digits(2, 2);
            expect(':');
            int m = digits(2, 2);
            expect(':');
            int sec = digits(2, 2);
            int nanos = 0;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int start = i;
                int frac = digits(1, 9);
                for (int k = i - start; k < 9; k++) {
                    frac *= 10;
                }
                nanos = frac;
            }
            if (h == 24 && m == 0 && sec == 0 && nanos == 0) {
                throw ConversionException.range(RULE_2400, "'" + s + "' is the end of the day");
            }
            if (h > 23 || m > 59 || sec > 59) {
                throw bad();
            }
            return LocalTime.of(h, m, sec, nanos);
        }

        int offset() {
            if (i >= s.length() || s.charAt(i) != '+' && s.charAt(i) != '-') {
                throw bad();
            }
            int sign = s.charAt(i++) == '-' ? -1 : 1;
            int total = digits(2, 2) * 3600;
            if (i < s.length() && s.charAt(i) == ':') {
                i++;
                total += digits(2, 2) * 60;
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                    total += digits(2, 2);
                }
            }
            return sign * total;
        }

        int digits(int min, int max) {
            int start = i;
            int v = 0;
            while (i < s.length() && i - start < max) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') {
                    break;
                }
                v = v * 10 + (ch - '0');
                i++;
            }
            if (i - start < min) {
                throw bad();
            }
            return v;
        }

        void expect(char ch) {
            if (i >= s.length() || s.charAt(i) != ch) {
                throw bad();
            }
            i++;
        }

        void end() {
            if (i != s.length()) {
                throw bad();
            }
        }

        private ConversionException bad() {
            return ConversionException.invalid("PostgreSQL ISO date/time text", "cannot parse '" + s + "'");
        }
    }
}
