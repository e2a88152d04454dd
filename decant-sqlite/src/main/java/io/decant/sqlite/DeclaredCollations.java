package io.decant.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The COLLATE clause of each column definition in a CREATE TABLE statement, by lower-case column name, upper
 * case collation name. SQLite keeps no catalog of column collations, so the statement is read: its column list
 * split at top-level commas (outside quotes and parentheses), string literals blanked before looking.
 */
final class DeclaredCollations {
    private static final Pattern COLLATE = Pattern.compile("(?i)\\bCOLLATE\\s+(\"([^\"]*)\"|`([^`]*)`|\\[([^\\]]*)\\]|(\\w+))");
    private static final Pattern TABLE_CONSTRAINT = Pattern.compile("(?i)^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\\b.*",
            Pattern.DOTALL);

    private DeclaredCollations() {
    }

    /** The COLLATE clause of each column definition in {@code createSql}, by lower-case column name. */
    static Map<String, String> of(String createSql) {
        Map<String, String> out = new java.util.HashMap<>();
        if (createSql == null) {
            return out;
        }
        for (String d : definitions(createSql)) {
            String def = d.trim();
            if (def.isEmpty() || TABLE_CONSTRAINT.matcher(def).matches()) {
                continue;
            }
            int end = nameEnd(def);
            if (end < 0) {
                continue;
            }
            Matcher m = COLLATE.matcher(def.substring(end));
            if (m.find()) {
                String coll = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
                        : m.group(4) != null ? m.group(4) : m.group(5);
                out.put(name(def.substring(0, end)), coll.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /** Whether a definition of {@link #definitions} is a table constraint (PRIMARY KEY, FOREIGN KEY, ...), not a column. */
    static boolean isTableConstraint(String def) {
        return TABLE_CONSTRAINT.matcher(def.trim()).matches();
    }

    /** The end of the name that starts {@code def} (quoted or bare), or -1 when a quote does not close. */
    static int nameEnd(String def) {
        char first = def.charAt(0);
        if (first == '"' || first == '`' || first == '[') {
            int end = def.indexOf(first == '[' ? ']' : first, 1);
            return end < 0 ? -1 : end + 1;
        }
        int end = 0;
        while (end < def.length() && !Character.isWhitespace(def.charAt(end))) {
            end++;
        }
        return end;
    }

    /** A name as the statement writes it ({@code "Name"}, {@code [name]}, {@code name}), unquoted and in lower case. */
    static String name(String written) {
        String n = written.trim();
        if (n.length() >= 2 && (n.charAt(0) == '"' || n.charAt(0) == '`' || n.charAt(0) == '[')) {
            n = n.substring(1, n.length() - 1);
        }
        return n.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The column definitions and table constraints of {@code createSql}: its list split at top-level commas (outside
     * quotes and parentheses), with the text of string literals blanked.
     */
    static List<String> definitions(String createSql) {
        List<String> defs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean inList = false;
        char quote = 0;
        for (int i = 0; i < createSql.length(); i++) {
            char ch = createSql.charAt(i);
            if (quote != 0) {
                if (inList) {
                    cur.append(quote == '\'' && ch != quote ? ' ' : ch);
                }
                if (ch == quote) {
                    quote = 0;
                }
                continue;
            }
            if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '[') {
                quote = ']';
            } else if (ch == '(') {
                depth++;
                if (depth == 1 && !inList) {
                    inList = true;
                    continue;
                }
            } else if (ch == ')') {
                depth--;
                if (depth == 0 && inList) {
                    defs.add(cur.toString());
                    break;
                }
            } else if (ch == ',' && depth == 1 && inList) {
                defs.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            if (inList) {
                cur.append(ch);
            }
        }
        return defs;
    }
}
