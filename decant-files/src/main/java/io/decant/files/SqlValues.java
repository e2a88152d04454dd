package io.decant.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The values of a dump's VALUES lists, each as its SQLite storage class: {@code null}, {@code Long}
 * (INTEGER), {@code Double} (REAL), {@code String} (TEXT) or {@code byte[]} (BLOB). Nothing is
 * converted here; {@link StoredValueDecoder} does that per column.
 *
 * <p>Read: {@code NULL}; integers with an optional sign (one beyond 64 bits is a REAL, as SQLite
 * itself parses it); hex integers {@code 0x1F}; reals {@code 1.5}, {@code -0.0}, {@code 1.0e+20}
 * and the infinities {@code 1e999}/{@code 9.0e+999} and their negatives; strings; blobs;
 * {@code ||} between texts (not blobs: their bytes are not decoded behind your back); and the function calls sqlite3 writes for text with control
 * characters: {@code replace(text, text, text)}, {@code char(n, ...)} and {@code unistr('\u000a')}.
 * Anything else (another function, a column name, a sub-expression) is an error naming the line
 * and the construct: the dump is data, and guessing what an expression meant is not reading it.
 */
final class SqlValues {
    private SqlValues() {
    }

    /** Reads one value at the lexer's current token and leaves the lexer on the token after it. */
    static Object read(SqlLexer lx) {
        Object v = primary(lx);
        while (lx.isPunct("||")) {
            long at = lx.tokenLine;
            lx.advance();
            Object right = primary(lx);
            v = v == null || right == null ? null : text(lx, at, v, "||") + text(lx, at, right, "||");
        }
        return v;
    }

    private static Object primary(SqlLexer lx) {
        switch (lx.kind) {
            case STRING -> {
                String s = lx.text;
                lx.advance();
                return s;
            }
            case BLOB -> {
                byte[] b = lx.blob;
                lx.advance();
                return b;
            }
            case NUMBER -> {
                Object n = number(lx, lx.text, false);
                lx.advance();
                return n;
            }
            case PUNCT -> {
                if (lx.isPunct("-") || lx.isPunct("+")) {
                    boolean negative = lx.isPunct("-");
                    lx.advance();
                    if (lx.kind != SqlLexer.Kind.NUMBER) {
                        throw lx.error("a sign must be followed by a number in a value, found " + lx.describe());
                    }
                    Object n = number(lx, lx.text, negative);
                    lx.advance();
                    return n;
                }
                throw lx.error("expected a value, found " + lx.describe());
            }
            case WORD -> {
                if (lx.isWord("NULL")) {
                    lx.advance();
                    return null;
                }
                String name = lx.text;
                long at = lx.tokenLine;
                lx.advance();
                if (!lx.isPunct("(")) {
                    throw lx.error(at, "unsupported value '" + name + "': a dump's values are literals");
                }
                lx.advance();
                List<Object> args = new ArrayList<>();
                if (!lx.isPunct(")")) {
                    args.add(read(lx));
                    while (lx.isPunct(",")) {
                        lx.advance();
                        args.add(read(lx));
                    }
                }
                lx.expectPunct(")", "after the arguments of " + name + "()");
                return call(lx, at, name, args);
            }
            case QUOTED -> throw lx.error("unsupported value " + lx.describe() + ": a double-quoted name, not a literal");
            case EOF -> throw lx.error("the file ends inside a VALUES list");
        }
        throw lx.error("expected a value, found " + lx.describe());
    }

    /** An integer (a REAL when it does not fit 64 bits, as in SQLite) or a real, from its text as written. */
    static Object number(SqlLexer lx, String t, boolean negative) {
        try {
            if (t.length() > 2 && (t.charAt(1) == 'x' || t.charAt(1) == 'X')) {
                if (t.length() > 18) {
                    throw lx.error("hex literal " + t + " has more than 16 digits");
                }
                long v = Long.parseUnsignedLong(t.substring(2), 16);
                return negative ? -v : v;
            }
            boolean integer = true;
            for (int i = 0; i < t.length() && integer; i++) {
                integer = t.charAt(i) >= '0' && t.charAt(i) <= '9';
            }
            if (integer) {
                try {
                    return Long.parseLong(negative ? "-" + t : t);
                } catch (NumberFormatException beyond64Bits) {
                    double d = Double.parseDouble(t);
                    return negative ? -d : d;
                }
            }
            char last = t.charAt(t.length() - 1);
            if (!(last >= '0' && last <= '9' || last == '.')) {
                throw new NumberFormatException(t);
            }
            double d = Double.parseDouble(t);
            return negative ? -d : d;
        } catch (NumberFormatException e) {
            throw lx.error("malformed number '" + t + "'");
        }
    }

    private static Object call(SqlLexer lx, long at, String name, List<Object> args) {
        String fn = name.toLowerCase(Locale.ROOT);
        switch (fn) {
            case "char" -> {
                StringBuilder sb = new StringBuilder();
                for (Object a : args) {
                    if (!(a instanceof Long n) || n < 0 || n > Character.MAX_CODE_POINT || n >= 0xD800 && n <= 0xDFFF) {
                        throw lx.error(at, "char() takes code points, not " + describe(a));
                    }
                    sb.appendCodePoint(n.intValue());
                }
                return sb.toString();
            }
            case "replace" -> {
                if (args.size() != 3) {
                    throw lx.error(at, "replace() takes 3 arguments, not " + args.size());
                }
                if (args.contains(null)) {
                    return null;
                }
                String s = text(lx, at, args.get(0), "replace()");
                String from = text(lx, at, args.get(1), "replace()");
                String to = text(lx, at, args.get(2), "replace()");
                return from.isEmpty() ? s : s.replace(from, to);
            }
            case "unistr" -> {
                if (args.size() != 1 || !(args.get(0) instanceof String s)) {
                    throw lx.error(at, "unistr() takes one string");
                }
                return unistr(lx, at, s);
            }
            default -> throw lx.error(at, "unsupported function " + name + "() in a value; decant reads SQLite"
                    + " literals and the replace(), char() and unistr() calls that sqlite3's .dump writes");
        }
    }

    /** SQLite's unistr(): backslash then 4 hex digits, u and 4, + and 6, U and 8; two backslashes are one. */
    private static String unistr(SqlLexer lx, long at, String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            int digits;
            int skip;
            if (n == '\\') {
                sb.append('\\');
                i++;
                continue;
            } else if (n == 'u') {
                digits = 4;
                skip = 2;
            } else if (n == '+') {
                digits = 6;
                skip = 2;
            } else if (n == 'U') {
                digits = 8;
                skip = 2;
            } else {
                digits = 4;
                skip = 1;
            }
            int start = i + skip;
            int cp;
            try {
                cp = Integer.parseInt(s.substring(start, start + digits), 16);
            } catch (RuntimeException e) {
                throw lx.error(at, "unistr(): invalid escape at character " + (i + 1));
            }
            if (cp > Character.MAX_CODE_POINT || cp >= 0xD800 && cp <= 0xDFFF) {
                throw lx.error(at, "unistr(): U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT) + " is not a character");
            }
            sb.appendCodePoint(cp);
            i = start + digits - 1;
        }
        return sb.toString();
    }

    private static String text(SqlLexer lx, long at, Object v, String where) {
        if (v instanceof String s) {
            return s;
        }
        throw lx.error(at, where + " of " + describe(v) + ": decant joins and replaces only text");
    }

    private static String describe(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            return "the text '" + s + "'";
        }
        return v instanceof byte[] ? "a blob" : v.toString();
    }
}
