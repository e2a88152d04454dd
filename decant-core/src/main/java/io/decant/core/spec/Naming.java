package io.decant.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How table and column names are converted on the way to the target. Words are split at each
 * lower-case letter or digit followed by a capital ({@code userId}, {@code address2Line}), before
 * the last capital of a run followed by a lower-case letter ({@code HTTPServer} -> HTTP, Server), and
 * at {@code _}, {@code -} and spaces. Digits stay with the word before them ({@code address2}).
 * Leading underscores are kept ({@code _id} is Convex's own field). Lower-casing uses
 * {@link Locale#ROOT}, so {@code ID} becomes {@code id} under any default locale.
 */
public enum Naming {
    /** Names are kept exactly. */
    PRESERVE("preserve"),
    /** {@code OrderLine} -> {@code order_line}, {@code HTTPServer} -> {@code http_server}. */
    SNAKE_CASE("snake_case"),
    /** {@code provider_account_id} -> {@code providerAccountId}. */
    CAMEL_CASE("camelCase");

    private final String spelling;

    Naming(String spelling) {
        this.spelling = spelling;
    }

    /** As written in a spec: {@code snake_case}. */
    public String spelling() {
        return spelling;
    }

    public String apply(String name) {
        return switch (this) {
            case PRESERVE -> name;
            case SNAKE_CASE -> snake(name);
            case CAMEL_CASE -> camel(name);
        };
    }

    static String snake(String name) {
        Split s = split(name);
        StringBuilder sb = new StringBuilder(s.prefix);
        for (int i = 0; i < s.words.size(); i++) {
            if (i > 0) {
                sb.append('_');
            }
            sb.append(s.words.get(i).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    static String camel(String name) {
        Split s = split(name);
        StringBuilder sb = new StringBuilder(s.prefix);
        for (int i = 0; i < s.words.size(); i++) {
            String w = s.words.get(i).toLowerCase(Locale.ROOT);
            if (i == 0) {
                sb.append(w);
            } else {
                int first = w.codePointAt(0);
                sb.appendCodePoint(Character.toUpperCase(first)).append(w.substring(Character.charCount(first)));
            }
        }
        return sb.toString();
    }

    private record Split(String prefix, List<String> words) {
    }

    private static boolean isSeparator(int c) {
        return c == '_' || c == '-' || c == ' ';
    }

    private static Split split(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '_') {
            start++;
        }
        String prefix = name.substring(0, start);
        List<String> words = new ArrayList<>();
        int[] cps = name.substring(start).codePoints().toArray();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (isSeparator(c)) {
                flush(word, words);
                continue;
            }
            if (word.length() > 0 && Character.isUpperCase(c)) {
                int prev = cps[i - 1];
                boolean afterLowerOrDigit = Character.isLowerCase(prev) || Character.isDigit(prev);
                boolean endsCapitalRun = Character.isUpperCase(prev) && i + 1 < cps.length && Character.isLowerCase(cps[i + 1]);
                if (afterLowerOrDigit || endsCapitalRun) {
                    flush(word, words);
                }
            }
            word.appendCodePoint(c);
        }
        flush(word, words);
        if (words.isEmpty() && prefix.isEmpty()) {
            words.add(name); // nothing to split: a name made of separators stays as it is
        }
        return new Split(prefix, words);
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
