package io.decant.core.ids;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.type.JsonText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON body of strategy {@code http}: {@code {{column}}} is replaced by the row's value,
 * JSON-escaped. ({@code ${NAME}} is the spec's environment syntax, expanded when the spec is read,
 * so columns use a different one.) Where the placeholder stands decides how a value is written:
 * <ul>
 * <li>a whole string, {@code "{{email}}"}: a JSON string of the value's text, or {@code null} for NULL;</li>
 * <li>part of a string, {@code "Hi {{name}}!"}: the escaped text, NULL as nothing;</li>
 * <li>outside strings, {@code {"age": {{age}}}}: a JSON value: numbers and booleans as such, NULL as
 *     {@code null}, JSON columns embedded, anything else a string.</li>
 * </ul>
 * The template is checked once: filled with NULLs it must be one JSON value.
 */
final class BodyTemplate {
    private enum Mode { WHOLE, PART, VALUE }

    private record Slot(String column, Mode mode) {
    }

    private final List<String> literals = new ArrayList<>();
    private final List<Slot> slots = new ArrayList<>();

    private BodyTemplate() {
    }

    static BodyTemplate compile(String template, String where) {
        BodyTemplate t = new BodyTemplate();
        StringBuilder lit = new StringBuilder();
        boolean inString = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (template.startsWith("{{", i)) {
                int end = template.indexOf("}}", i + 2);
                if (end < 0) {
                    throw problem(where, "unclosed {{ at character " + (i + 1));
                }
                String column = template.substring(i + 2, end).trim();
                Mode mode = Mode.VALUE;
                if (inString) {
                    boolean whole = lit.length() > 0 && lit.charAt(lit.length() - 1) == '"'
                            && template.startsWith("\"", end + 2) && !escapedQuoteBefore(lit);
                    mode = whole ? Mode.WHOLE : Mode.PART;
                    if (whole) {
                        lit.setLength(lit.length() - 1);
                        end++;
                        inString = false;
                    }
                }
                t.literals.add(lit.toString());
                t.slots.add(new Slot(column, mode));
                lit.setLength(0);
                i = end + 2;
                continue;
            }
            if (inString && c == '\\' && i + 1 < template.length()) {
                lit.append(c).append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            lit.append(c);
            i++;
        }
        t.literals.add(lit.toString());
        String empty = t.render(col -> null);
        try {
            JsonText.parse(empty);
        } catch (IllegalArgumentException e) {
            throw problem(where, "is not JSON once its placeholders are filled (with NULL): " + e.getMessage());
        }
        return t;
    }

    private static boolean escapedQuoteBefore(StringBuilder lit) {
        int backslashes = 0;
        for (int k = lit.length() - 2; k >= 0 && lit.charAt(k) == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static DecantException problem(String where, String detail) {
        return new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withLocation(where), "body " + detail);
    }

    /** The columns named, in order of first use. */
    Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        slots.forEach(s -> out.add(s.column()));
        return out;
    }

    interface Values {
        Object get(String column);
    }

    String render(Values row) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int k = 0; k < slots.size(); k++) {
            Slot s = slots.get(k);
            Object v = row.get(s.column());
            switch (s.mode()) {
                case WHOLE -> out.append(v == null ? "null" : quoted(text(v)));
                case PART -> {
                    if (v != null) {
                        out.append(JsonStringEncoder.getInstance().quoteAsString(text(v)));
                    }
                }
                case VALUE -> out.append(value(v));
            }
            out.append(literals.get(k + 1));
        }
        return out.toString();
    }

    static Map<String, Object> asMap(List<String> names, Object[] row) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            m.put(names.get(k), row[k]);
        }
        return m;
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d && Double.isFinite(d) || v instanceof Float f && Float.isFinite(f)) {
            return v.toString();
        }
        if (v instanceof JsonText j) {
            return j.text();
        }
        return quoted(text(v));
    }

    static String text(Object v) {
        return v instanceof UUID ? KeyValues.text(v) : String.valueOf(v);
    }

    private static String quoted(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
