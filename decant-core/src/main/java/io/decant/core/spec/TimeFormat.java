package io.decant.core.spec;

import java.util.Locale;

/** How a cast reads a time value that is stored as text or as a number. */
public enum TimeFormat {
    /**
     * ISO 8601 as {@link io.decant.core.transform.TextParsers} reads it: {@code YYYY-MM-DD}, then
     * optionally {@code T} or a space and {@code HH:MM[:SS[.fraction]]}, then optionally {@code Z} or
     * an offset. Values without an offset are in the cast's zone.
     */
    ISO,
    /** What SQLite's date functions read: the ISO forms above, or a Julian day number such as {@code 2460000.5}. */
    SQLITE,
    /** Seconds since 1970-01-01T00:00Z: a whole number, or a decimal with up to 9 fractional digits. */
    EPOCH_S,
    /** Milliseconds since 1970-01-01T00:00Z: a whole number, or a decimal with up to 6 fractional digits. */
    EPOCH_MS;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
