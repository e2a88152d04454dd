package io.decant.core.init;

import io.decant.core.spec.Naming;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs source names with target names one to one: the same name first, then a name a naming rule
 * turns into the other, the same words ({@link Names#key}), and last a close spelling. Pairs are
 * taken best first, ties broken by the source's order and then the target name, so the result does
 * not depend on anything but the two lists.
 */
final class Pairing {
    private Pairing() {
    }

    record Pair(int source, int target, double score, String why) {
    }

    /** @return the pair of each paired source index */
    static Map<Integer, Pair> pair(List<String> sources, List<String> targets) {
        return pair(sources, targets, (i, j) -> true);
    }

    /**
     * @param near whether source i and target j are in the same place (a table's schema): of two equal names
     *             the nearer wins ({@code users} over {@code auth.users} for a target's {@code users})
     * @return the pair of each paired source index
     */
    static Map<Integer, Pair> pair(List<String> sources, List<String> targets,
                                   java.util.function.BiPredicate<Integer, Integer> near) {
        List<Pair> all = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            for (int j = 0; j < targets.size(); j++) {
                Pair p = score(i, j, sources.get(i), targets.get(j));
                if (p != null) {
                    all.add(near.test(i, j) ? p : new Pair(i, j, p.score - 0.05, p.why));
                }
            }
        }
        all.sort(Comparator.comparingDouble((Pair p) -> -p.score).thenComparingInt(p -> p.source)
                .thenComparing(p -> targets.get(p.target)));
        Map<Integer, Pair> bySource = new LinkedHashMap<>();
        boolean[] taken = new boolean[targets.size()];
        for (Pair p : all) {
            if (!bySource.containsKey(p.source) && !taken[p.target]) {
                bySource.put(p.source, p);
                taken[p.target] = true;
            }
        }
        return bySource;
    }

    private static Pair score(int i, int j, String s, String t) {
        if (s.equals(t)) {
            return new Pair(i, j, 4, "same name");
        }
        for (Naming n : Naming.values()) {
            if (n.apply(s).equals(t)) {
                return new Pair(i, j, 3.5, n.spelling());
            }
        }
        if (s.equalsIgnoreCase(t)) {
            return new Pair(i, j, 3, "same name but for case");
        }
        double sim = Names.similarity(s, t);
        if (sim >= 1.0) {
            return new Pair(i, j, 2, Names.why(s, t));
        }
        if (sim >= Names.CLOSE) {
            return new Pair(i, j, sim, Names.why(s, t));
        }
        return null;
    }

    /**
     * The naming rule that explains most pairs (a pair is explained when the rule turns the source name
     * into the target name exactly); preserve wins a tie, then snake_case.
     */
    static Naming naming(List<String[]> pairs) {
        Naming best = Naming.PRESERVE;
        int bestCount = -1;
        for (Naming n : Naming.values()) {
            int count = explained(n, pairs);
            if (count > bestCount) {
                best = n;
                bestCount = count;
            }
        }
        return best;
    }

    static int explained(Naming n, List<String[]> pairs) {
        int count = 0;
        for (String[] p : pairs) {
            if (n.apply(p[0]).equals(p[1])) {
                count++;
            }
        }
        return count;
    }
}
