package io.decant.sqlite;

import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * Cuts a SQL script into complete statements, each with the line it starts on, so that SQLite can
 * run them one at a time and a failure names its line. A statement ends at a semicolon outside
 * quotes, identifiers and comments, with one exception that SQLite's own shell makes too: the body
 * of {@code CREATE [TEMP] TRIGGER ... BEGIN ... END;} holds semicolons, so such a statement ends
 * only at a semicolon that follows {@code END} which itself follows a semicolon ({@code CASE ... END}
 * inside a trigger body is not preceded by one).
 *
 * <p>The tokens are SQLite's: {@code '...'} strings and {@code "..."} and {@code `...`}
 * identifiers with their doubled-quote escapes, {@code [...]} identifiers, {@code --} and
 * {@code /* *\/} comments. Nothing else of the statement is interpreted: SQLite parses it.
 */
final class ScriptStatements {
    /** A complete statement (with its closing semicolon, if it had one) and the line it starts on (1-based). */
    record Statement(String sql, long line) {
        /** The first keyword, upper-cased, or "" for a statement that starts with something else. */
        String keyword() {
            int i = 0;
            int n = sql.length();
            while (i < n && !Character.isLetter(sql.charAt(i))) {
                if (sql.startsWith("--", i)) {
                    int nl = sql.indexOf('\n', i);
                    i = nl < 0 ? n : nl + 1;
                } else if (sql.startsWith("/*", i)) {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (Character.isWhitespace(sql.charAt(i))) {
                    i++;
                } else {
                    return "";
                }
            }
            int start = i;
            while (i < n && Character.isLetter(sql.charAt(i))) {
                i++;
            }
            return sql.substring(start, i).toUpperCase(Locale.ROOT);
        }
    }

    /** Where a statement stands with respect to the trigger rule. */
    private enum State { START, NORMAL, EXPLAIN, CREATE, TRIGGER, SEMI, END }

    private final Reader in;
    private final StringBuilder sql = new StringBuilder();
    private final StringBuilder word = new StringBuilder();
    private long line = 1;
    private long startLine = 1;
    private int pending = -2; // -2: nothing read ahead
    private State state = State.START;
    private boolean blank = true;

    ScriptStatements(Reader in) {
        this.in = in;
    }

    /** The next statement, or null at the end of the script. A last statement without ';' is returned as it is. */
    Statement next() throws IOException {
        sql.setLength(0);
        blank = true;
        state = State.START;
        int c;
        while ((c = read()) >= 0) {
            append(c);
            switch (c) {
                case '\'', '"', '`' -> {
                    startToken();
                    quoted(c, c);
                    token();
                }
                case '[' -> {
                    startToken();
                    quoted(']', -1);
                    token();
                }
                case '-', '/' -> {
                    int d = peek();
                    if (c == '-' && d == '-') {
                        lineComment();
                    } else if (c == '/' && d == '*') {
                        append(read());
                        blockComment();
                    } else {
                        startToken();
                        token();
                    }
                }
                case ';' -> {
                    if (blank) {
                        sql.setLength(0); // an empty statement (or comments and ';'): SQLite skips it, and so do we
                    } else if (semicolon()) {
                        return new Statement(sql.toString(), startLine);
                    }
                }
                default -> {
                    if (isWordChar(c)) {
                        startToken();
                        word.setLength(0);
                        word.append((char) c);
                        int d;
                        while ((d = peek()) >= 0 && isWordChar(d)) {
                            append(read());
                            word.append((char) d);
                        }
                        keyword(word.toString().toUpperCase(Locale.ROOT));
                    } else if (!Character.isWhitespace(c)) {
                        startToken();
                        token();
                    }
                }
            }
        }
        return blank ? null : new Statement(sql.toString(), startLine);
    }

    private void startToken() {
        if (blank) {
            blank = false;
            startLine = line;
        }
    }

    private boolean semicolon() {
        switch (state) {
            case TRIGGER, SEMI -> {
                state = State.SEMI;
                return false;
            }
            case END -> {
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private void keyword(String w) {
        switch (state) {
            case START -> state = w.equals("CREATE") ? State.CREATE : w.equals("EXPLAIN") ? State.EXPLAIN : State.NORMAL;
            case EXPLAIN -> state = w.equals("CREATE") ? State.CREATE : State.NORMAL;
            case CREATE -> state = w.equals("TRIGGER") ? State.TRIGGER
                    : w.equals("TEMP") || w.equals("TEMPORARY") ? State.CREATE : State.NORMAL;
            case TRIGGER, END -> state = State.TRIGGER;
            case SEMI -> state = w.equals("END") ? State.END : State.TRIGGER;
            case NORMAL -> { }
        }
    }

    /** Any token other than a word: inside a trigger it breaks the "; END ;" rule; elsewhere the statement is plain. */
    private void token() {
        switch (state) {
            case TRIGGER, SEMI, END -> state = State.TRIGGER;
            case START, EXPLAIN, CREATE -> state = State.NORMAL;
            case NORMAL -> { }
        }
    }

    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    private void quoted(int close, int escapeDouble) throws IOException {
        int c;
        while ((c = read()) >= 0) {
            append(c);
            if (c == close) {
                if (escapeDouble >= 0 && peek() == escapeDouble) {
                    append(read());
                    continue;
                }
                return;
            }
        }
    }

    private void lineComment() throws IOException {
        int c;
        while ((c = read()) >= 0) {
            append(c);
            if (c == '\n') {
                return;
            }
        }
    }

    private void blockComment() throws IOException {
        int prev = 0;
        int c;
        while ((c = read()) >= 0) {
            append(c);
            if (prev == '*' && c == '/') {
                return;
            }
            prev = c;
        }
    }

    private void append(int c) {
        sql.append((char) c);
    }

    private int read() throws IOException {
        int c;
        if (pending != -2) {
            c = pending;
            pending = -2;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (pending == -2) {
            pending = in.read();
        }
        return pending;
    }
}
