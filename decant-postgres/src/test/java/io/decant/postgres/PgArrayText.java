package io.decant.postgres;

import io.decant.core.transform.ConversionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL's text form of a one-dimensional array ({@code {1,NULL,"a b","x\"y"}}) into
 * element texts, {@code null} for NULL. Reading arrays as text lets every element go through the same
 * parser as a scalar of its type, instead of pgjdbc's getArray, which yields java.sql.Timestamp and
 * friends for temporal elements.
 */
final class PgArrayText {
    static final String RULE = BinaryDecoders.RULE_ARRAY;

    private PgArrayText() {
    }

    static List<String> split(String s) {
        if (s.startsWith("[")) {
            throw ConversionException.range(RULE, "array with explicit bounds " + s.substring(0, s.indexOf('=') + 1));
        }
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
            throw ConversionException.invalid("PostgreSQL array text", "cannot parse array '" + s + "'");
        }
        List<String> out = new ArrayList<>();
        int end = s.length() - 1;
        int i = 1;
        if (i == end) {
            return out;
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(i);
            if (c == '{') {
                throw ConversionException.range(RULE, "multi-dimensional array");
            }
            sb.setLength(0);
            boolean quoted = c == '"';
            if (quoted) {
                i++;
                while (s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    sb.append(s.charAt(i++));
                }
                i++;
                out.add(sb.toString());
            } else {
                while (i < end && s.charAt(i) != ',') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    sb.append(s.charAt(i++));
                }
                String v = sb.toString();
                out.add(v.equalsIgnoreCase("NULL") ? null : v);
            }
            if (i >= end) {
                return out;
            }
            i++; // the comma
        }
    }
}
