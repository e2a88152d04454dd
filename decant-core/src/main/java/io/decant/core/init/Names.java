package io.decant.core.init;

import io.decant.core.spec.Naming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How init compares a source name with a target name. Two names are the same name when their words
 * agree once split as {@link Naming} splits them, lower-cased and with the last word made singular:
 * {@code Categories} and {@code category}, {@code WebSite} and {@code website}, {@code userId} and
 * {@code user_id}. Short of that, the closer their letters the likelier the pair (a ratio from the
 * edit distance), but only a close pair is ever proposed.
 */
final class Names {
    /** Below this similarity two names are not proposed as a pair. */
    static final double CLOSE = 0.8;

    private static final java.util.Map<String, String> IRREGULAR = java.util.Map.of("people", "person", "children", "child",
            "men", "man", "women", "woman", "mice", "mouse", "geese", "goose", "indices", "index", "statuses", "status");

    private Names() {
    }

    /** The words of {@code name}, lower case, the last one singular, joined without separators. */
    static String key(String name) {
        String snake = Naming.SNAKE_CASE.apply(name).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String w : snake.split("_")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            return snake;
        }
        words.set(words.size() - 1, singular(words.get(words.size() - 1)));
        return String.join("", words);
    }

    /**
     * English plurals as table names write them. Words that end in s without being plurals
     * ({@code status}, {@code address}, {@code news}) are kept; this is a guess that init states.
     */
    static String singular(String w) {
        String irregular = IRREGULAR.get(w);
        if (irregular != null) {
            return irregular;
        }
        if (w.length() <= 3 || w.endsWith("ss") || w.endsWith("us") || w.endsWith("is") || w.equals("news")) {
            return w;
        }
        if (w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** 1 for the same {@link #key}, else how close the keys' letters are (1 - edit distance / longer length). */
    static double similarity(String a, String b) {
        String ka = key(a);
        String kb = key(b);
        if (ka.equals(kb)) {
            return 1.0;
        }
        int longer = Math.max(ka.length(), kb.length());
        return longer == 0 ? 0 : 1.0 - (double) distance(ka, kb) / longer;
    }

    /** The Levenshtein distance, two rows at a time. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Why two names were paired, for the comment beside a rename. */
    static String why(String source, String target) {
        if (source.equalsIgnoreCase(target)) {
            return "same name but for case";
        }
        if (key(source).equals(key(target))) {
            String s = Naming.SNAKE_CASE.apply(source).toLowerCase(Locale.ROOT);
            String t = Naming.SNAKE_CASE.apply(target).toLowerCase(Locale.ROOT);
            return s.equals(t) ? "same words" : s.replace("_", "").equals(t.replace("_", "")) ? "same letters, other word breaks"
                    : "same words, singular/plural";
        }
        return String.format(Locale.ROOT, "similar name (%.0f%%)", similarity(source, target) * 100);
    }
}
