package io.decant.sqlite;

import io.decant.core.schema.SchemaObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code --create-schema} leaves behind of a SQLite table, for {@code plan}: partial and expression
 * indexes (their CREATE INDEX as SQLite keeps it), CHECK constraints (read from the CREATE TABLE text,
 * which is all SQLite keeps of them) and triggers; and the file's views.
 */
final class SqliteNotCreated {
    private static final Pattern NAMED = Pattern.compile(
            "(?i)\\bCONSTRAINT\\s+(\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*\\]|\\w+)\\s*$");

    private SqliteNotCreated() {
    }

    static List<SchemaObject> of(Connection c, String table) throws SQLException {
        List<SchemaObject> out = new ArrayList<>();
        List<Object[]> indexes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, partial FROM pragma_index_list(?) WHERE origin = 'c'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new Object[] {rs.getString(1), rs.getInt(2) != 0});
                }
            }
        }
        for (Object[] ix : indexes) {
            String name = (String) ix[0];
            boolean expression = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pragma_index_info(?) WHERE cid = -2")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    expression = rs.next() && rs.getInt(1) > 0;
                }
            }
            boolean partial = (Boolean) ix[1];
            if (partial || expression) {
                out.add(new SchemaObject(SchemaObject.Kind.INDEX, partial && expression ? "partial expression index"
                        : partial ? "partial index" : "expression index", name, sql(c, "index", name)));
            }
        }
        out.sort(java.util.Comparator.comparing(SchemaObject::name));
        for (String[] check : checks(sql(c, "table", table))) {
            out.add(new SchemaObject(SchemaObject.Kind.CHECK, "check constraint", check[0], check[1]));
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? COLLATE NOCASE ORDER BY name")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SchemaObject(SchemaObject.Kind.TRIGGER, "trigger", rs.getString(1), null));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, dflt_value FROM pragma_table_xinfo(?) WHERE dflt_value IS NOT NULL AND hidden = 0 ORDER BY cid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SchemaObject(SchemaObject.Kind.DEFAULT, "default of column", rs.getString(1),
                            "DEFAULT " + rs.getString(2)));
                }
            }
        }
        return out;
    }

    static List<String> views(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " (view)");
            }
        }
        return out;
    }

    private static String sql(Connection c, String type, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sql FROM sqlite_master WHERE type = ? AND name = ?")) {
            ps.setString(1, type);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Each CHECK of a CREATE TABLE statement (column or table constraint) as {name or null, "CHECK (...)"}: the
     * word CHECK outside quotes inside the column list, and its parenthesised expression, quotes respected.
     */
    static List<String[]> checks(String createSql) {
        List<String[]> out = new ArrayList<>();
        if (createSql == null) {
            return out;
        }
        int depth = 0;
        int defStart = -1;
        for (int i = 0; i < createSql.length(); i++) {
            char ch = createSql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
                i = closing(createSql, i);
            } else if (ch == '(') {
                depth++;
                if (depth == 1) {
                    defStart = i + 1;
                }
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 1) {
                defStart = i + 1;
            } else if (depth == 1 && isCheckAt(createSql, i)) {
                int open = createSql.indexOf('(', i + 5);
                int end = balanced(createSql, open);
                if (end < 0) {
                    break;
                }
                Matcher m = NAMED.matcher(createSql.substring(Math.max(defStart, 0), i));
                String name = m.find() ? unquote(m.group(1)) : null;
                out.add(new String[] {name, "CHECK " + createSql.substring(open, end + 1)});
                i = end;
            }
        }
        return out;
    }

    private static boolean isCheckAt(String s, int i) {
        if (!s.regionMatches(true, i, "CHECK", 0, 5) || i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))
                || i > 0 && s.charAt(i - 1) == '_') {
            return false;
        }
        int j = i + 5;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '(';
    }

    /** The index of the parenthesis closing the one at {@code open}, quotes skipped; -1 when there is none. */
    private static int balanced(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
                i = closing(s, i);
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the quote closing the one at {@code at} (a doubled quote inside is part of the text). */
    private static int closing(String s, int at) {
        char close = s.charAt(at) == '[' ? ']' : s.charAt(at);
        for (int i = at + 1; i < s.length(); i++) {
            if (s.charAt(i) == close) {
                if (close != ']' && i + 1 < s.length() && s.charAt(i + 1) == close) {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return s.length();
    }

    private static String unquote(String name) {
        char first = name.charAt(0);
        if (first == '"' || first == '`' || first == '[') {
            String inner = name.substring(1, name.length() - 1);
            return first == '"' ? inner.replace("\"\"", "\"") : inner;
        }
        return name;
    }
}
