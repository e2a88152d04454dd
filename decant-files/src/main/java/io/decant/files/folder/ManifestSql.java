package io.decant.files.folder;

import java.util.regex.Pattern;

/**
 * The checks on the source database's own SQL that manifest.json carries into an import's DDL: a column's type as
 * PostgreSQL's format_type spells it, a computed column's expression, an index's definition after the table's name
 * as pg_get_indexdef spells it. A manifest is a file a user can edit, so each is read as the shape PostgreSQL
 * writes or refused (FILE_CORRUPT), never sent as it is.
 *
 * <p>What the shapes guarantee: a type is a name, the words of a type, modifiers in parentheses and {@code []}, nothing
 * that could end the {@code CREATE TABLE} or add a clause to the column; an expression or definition is one run of text whose quotes close and
 * whose parentheses balance, without {@code ;}, comments or dollar quoting, and whose quoted text ends at the same
 * quote whether or not the server reads a backslash as an escape, so that {@code CREATE INDEX name ON table}
 * followed by it stays that one statement on that table. What is inside stays PostgreSQL's to judge as it judges the
 * source's own: an index expression or predicate may call only immutable functions and hold no subquery, so an
 * edited one is refused by the target, not run. Re-deriving the definition from the table's columns was the other
 * way, and was rejected: an expression index's text is the only record of what it indexes.
 */
final class ManifestSql {
    /** The database family whose SQL a manifest carries; the prefix of every such value, as decant-core holds it. */
    static final String POSTGRESQL = "postgresql ";

    private static final String IDENT = "(?:[A-Za-z_\\u0080-\\uFFFF][A-Za-z0-9_$\\u0080-\\uFFFF]*|\"(?:[^\"\\x00]|\"\")+\")";
    private static final String MODIFIER = "(?:" + IDENT + "|-?[0-9]+)";
    /** The words format_type writes after a type's first ({@code double precision}, {@code interval day to second}). */
    private static final String WORD = "(?:varying|precision|with|without|time|zone|to|year|month|day|hour|minute|second)";
    /**
     * {@code character varying(20)[]}, {@code public."Mood"}, {@code timestamp(3) with time zone}, {@code
     * geometry(Point,4326)}: a name, then only the words and modifiers of a type, so that no DEFAULT, CHECK,
     * REFERENCES or COLLATE rides along into the column's definition.
     */
    private static final Pattern TYPE = Pattern.compile(IDENT + "(?:\\." + IDENT + ")?(?: " + WORD + "|\\(" + MODIFIER
            + "(?:, ?" + MODIFIER + ")*\\))*(?:\\[[0-9]*\\])*");
    private static final String GENERATED = " GENERATED ALWAYS AS (";
    private static final String STORED = ") STORED";
    /** pg_get_indexdef after {@code ON table }: the access method, then the columns or expressions in parentheses. */
    private static final Pattern INDEX_HEAD = Pattern.compile("USING " + IDENT + " \\(.*", Pattern.DOTALL);

    private ManifestSql() {
    }

    /**
     * Why {@code nativeType}, a column's type as the manifest gives it, is not one PostgreSQL's format_type writes
     * ({@code computed}: followed by a computed column's expression), or null when it is.
     */
    static String typeProblem(String nativeType, boolean computed) {
        if (!nativeType.startsWith(POSTGRESQL)) {
            return "'" + nativeType + "' is not a PostgreSQL type (\"" + POSTGRESQL.trim() + " ...\"), the only kind an"
                    + " export records";
        }
        String type = nativeType.substring(POSTGRESQL.length());
        int generated = computed ? type.indexOf(GENERATED) : -1;
        String expression = null;
        if (generated >= 0) {
            if (!type.endsWith(STORED)) {
                return "'" + type + "' does not end as a computed column's expression does (\"" + STORED + "\")";
            }
            expression = type.substring(generated + GENERATED.length(), type.length() - STORED.length());
            type = type.substring(0, generated);
        }
        if (!TYPE.matcher(type).matches()) {
            return "'" + type + "' is not a type name as PostgreSQL spells one";
        }
        return expression == null ? null : runProblem(expression);
    }

    /** Why {@code definition}, an index's as the manifest gives it, is not as pg_get_indexdef writes one, or null. */
    static String indexProblem(String definition) {
        if (!definition.startsWith(POSTGRESQL)) {
            return "'" + definition + "' is not a PostgreSQL index definition (\"" + POSTGRESQL.trim() + " USING ...\"),"
                    + " the only kind an export records";
        }
        String tail = definition.substring(POSTGRESQL.length());
        if (!INDEX_HEAD.matcher(tail).matches()) {
            return "'" + tail + "' does not start as PostgreSQL's index definitions do (USING method (...))";
        }
        return runProblem(tail);
    }

    /**
     * How a note names an index recorded by its definition ({@link #indexProblem} passed), as a PostgreSQL source
     * names it from its catalog: "partial expression index", "partial index", "expression index", "hash index" (an
     * access method other than btree), else "index with an operator class of its own". The definition holds what
     * that choice reads: a {@code WHERE} after the list is the predicate, and an item of the list that opens with a
     * parenthesis or calls a function is an expression.
     */
    static String indexLabel(String definition) {
        String tail = definition.substring(POSTGRESQL.length() + "USING ".length());
        int i = tail.charAt(0) == '"' ? closing(tail, 0, '"', false) + 1 : 0;
        while (i < tail.length() && tail.charAt(i) != ' ') {
            i++;
        }
        String method = tail.substring(0, i);
        boolean expression = false;
        boolean partial = false;
        int depth = 0;
        boolean itemStart = false;
        for (i = tail.indexOf('(', i); i < tail.length(); i++) {
            char c = tail.charAt(i);
            if (itemStart && c != ' ') {
                itemStart = false;
                int end = c == '(' ? i : name(tail, i);
                // a qualified function name: schema.name(
                while (end < tail.length() && tail.charAt(end) == '.' && end > i) {
                    end = name(tail, end + 1);
                }
                expression |= end < tail.length() && tail.charAt(end) == '(';
            }
            if (c == '\'' || c == '"') {
                i = closing(tail, i, c, false);
            } else if (c == '(') {
                depth++;
                itemStart = depth == 1 && !partial; // the items of a list before any WHERE: columns, expressions, INCLUDE's, WITH's
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 1) {
                itemStart = true;
            } else if (depth == 0 && tail.startsWith(" WHERE ", i)) {
                partial = true;
            }
        }
        return partial && expression ? "partial expression index" : partial ? "partial index"
                : expression ? "expression index" : !method.equals("btree") ? method + " index"
                : "index with an operator class of its own";
    }

    /**
     * Why {@code sql} is not one run of SQL text that a statement may hold: a quote left open, a parenthesis closed
     * that was not opened or left open, or outside quotes a {@code ;}, a comment, dollar quoting or a control
     * character; null when it is none of those.
     */
    static String runProblem(String sql) {
        int depth = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                // E'...' (a backslash escapes) when the letter before the quote says so; '' is a quote either way.
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i == 1 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
                int end = closing(sql, i, '\'', escapes);
                // A server with standard_conforming_strings off reads a backslash in '...' as an escape: the literal
                // must end at the same quote either way, or SQL after it could be read as text here and run there.
                if (!escapes && end != closing(sql, i, '\'', true)) {
                    return "the text at " + (i + 1) + " of '" + sql + "' ends at another quote where a backslash"
                            + " escapes (standard_conforming_strings off)";
                }
                i = end;
            } else if (c == '"') {
                i = closing(sql, i, '"', false);
            } else if (c == ';' || c == '$' && (i == 0 || !identifierPart(sql.charAt(i - 1)))) {
                return "'" + c + "' at " + (i + 1) + " of '" + sql + "' would end the statement or begin other SQL";
            } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                return "a comment at " + (i + 1) + " of '" + sql + "'";
            } else if (c < ' ' || c == '\\') {
                return "character " + (int) c + " at " + (i + 1) + " of '" + sql + "' is not SQL outside quotes";
            } else if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                if (depth < 0) {
                    return "')' at " + (i + 1) + " of '" + sql + "' closes a parenthesis never opened";
                }
            }
            if (i < 0) {
                return "a quote opened in '" + sql + "' is never closed";
            }
            i++;
        }
        return depth == 0 ? null : "a parenthesis opened in '" + sql + "' is never closed";
    }

    /** The end of the name that starts at {@code at}: a quoted one, or a run of identifier characters. */
    private static int name(String sql, int at) {
        if (sql.charAt(at) == '"') {
            return closing(sql, at, '"', false) + 1;
        }
        int i = at;
        while (i < sql.length() && identifierPart(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c >= 0x80;
    }

    /** The index of the quote that closes the one at {@code open}, a doubled quote being one character; -1 if none. */
    private static int closing(String sql, int open, char quote, boolean escapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == 0) {
                return -1;
            }
            if (escapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }
}
