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
        for (String d : defs) {
            String def = d.trim();
            if (def.isEmpty() || TABLE_CONSTRAINT.matcher(def).matches()) {
                continue;
            }
            String name;
            int end;
            char first = def.charAt(0);
            if (first == '"' || first == '`' || first == '[') {
                char close = first == '[' ? ']' : first;
                end = def.indexOf(close, 1);
                if (end < 0) {
                    continue;
                }
                name = def.substring(1, end);
                end++;
            } else {
                end = 0;
                while (end < def.length() && !Character.isWhitespace(def.charAt(end))) {
                    end++;
                }
                name = def.substring(0, end);
            }
            Matcher m = COLLATE.matcher(def.substring(end));
            if (m.find()) {
                String coll = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
                        : m.group(4) != null ? m.group(4) : m.group(5);
                out.put(name.toLowerCase(java.util.Locale.ROOT), coll.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }
}
