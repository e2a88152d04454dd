package io.decant.core.spec;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt keys, casts, tables and columns. */
public final class Suggest {
    private Suggest() {
    }

    /**
     * The candidate closest to {@code word}, or {@code null} when none is close enough. Close means a
     * case-insensitive match, or an edit distance of at most a third of the word (at least 1, at most 3),
     * so that {@code colums} finds {@code columns} but {@code x} does not find {@code to}.
     */
    public static String closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.min(3, Math.max(1, word.length() / 3));
        for (String c : candidates) {
            String cl = c.toLowerCase(Locale.ROOT);
            int d = cl.equals(lower) ? 0 : distance(lower, cl);
            if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= limit && !best.equals(word)) {
            return best;
        }
        // a shortened name (snake for snake_case) is as good a clue as a typo
        if (word.length() >= 3) {
            for (String c : candidates) {
                if (c.toLowerCase(Locale.ROOT).startsWith(lower) && !c.equals(word)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** {@code "; did you mean 'columns'?"}, or an empty string. */
    public static String hint(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }

    /** Damerau-Levenshtein (optimal string alignment): a swap of two letters counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
