package io.decant.core.spec;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MySQL's zero dates: {@code 0000-00-00} and dates with a zero month or day ({@code 2024-02-00}),
 * which old MySQL databases are full of and which are no calendar date. The spec says what they
 * become, for the whole source ({@code zero_dates: null}) or per column ({@code zero_date: null},
 * or a date such as {@code 1970-01-01}); unsaid, each one is refused. The reader applies it (only
 * a MySQL/MariaDB source holds zero dates), so the choice travels to the source as settings when it
 * is opened: {@value #SOURCE} for the whole source and {@value #COLUMN}{@code table.column} per column.
 */
public final class ZeroDates {
    /** The spelling of "becomes NULL" in the spec and in settings. */
    public static final String NULL = "null";
    public static final String SOURCE = "zero_dates";
    public static final String COLUMN = "zero_date:";

    private ZeroDates() {
    }

    static Map<String, String> settings(Spec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec.zeroDates() != null) {
            out.put(SOURCE, spec.zeroDates());
        }
        spec.tables().forEach((table, ts) -> ts.columns().forEach((column, cs) -> {
            if (cs.zeroDate() != null) {
                out.put(COLUMN + table + "." + column, cs.zeroDate());
            }
        }));
        return out;
    }

    /**
     * What a column's zero dates become under {@code settings}: {@link #NULL}, a date, or null when
     * they are refused.
     */
    public static String policy(Map<String, String> settings, String table, String column) {
        String own = settings.get(COLUMN + table + "." + column);
        return own != null ? own : settings.get(SOURCE);
    }

    /** The replacement date of a policy; null for {@link #NULL}. */
    public static LocalDate replacement(String policy) {
        return NULL.equals(policy) ? null : LocalDate.parse(policy);
    }

    /** Reads the spec's value: YAML null, or a date YYYY-MM-DD. */
    static String parse(YamlNode node) {
        if (node.isNull()) {
            return NULL;
        }
        String s = node.name();
        if (s == null) {
            return null;
        }
        try {
            LocalDate.parse(s);
            return s;
        } catch (DateTimeException e) {
            node.problem("expected null (zero dates become NULL) or a date such as 1970-01-01, got '" + node.raw() + "'");
            return null;
        }
    }

    /** For plans: what zero dates become. */
    public static String describe(String policy) {
        return NULL.equals(policy) ? "NULL" : policy;
    }
}
