package io.decant.core.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders tables so that every table comes after the tables it references. Foreign-key cycles
 * (Tarjan's strongly connected components) are kept together as one group; a self-reference is not
 * a cycle for ordering purposes, because a single COPY checks it at the end of the statement.
 * Ties are broken by name, so the order is the same on every run.
 */
public final class LoadOrder {
    private final List<List<Table>> groups;

    private LoadOrder(List<List<Table>> groups) {
        this.groups = groups;
    }

    public static LoadOrder of(List<Table> tables) {
        Map<TableId, Table> byId = new HashMap<>();
        for (Table t : tables) {
            byId.put(t.id(), t);
        }
        Map<TableId, Set<TableId>> parents = new HashMap<>();
        for (Table t : tables) {
            Set<TableId> ps = new TreeSet<>();
            for (ForeignKey fk : t.foreignKeys()) {
                if (byId.containsKey(fk.refTable()) && !fk.refTable().equals(t.id())) {
                    ps.add(fk.refTable());
                }
            }
            parents.put(t.id(), ps);
        }
        List<List<TableId>> sccs = new Tarjan(byId.keySet(), parents).run();
        // Kahn's algorithm over the condensed graph, always taking the smallest ready group by name.
        Map<TableId, Integer> groupOf = new HashMap<>();
        for (int i = 0; i < sccs.size(); i++) {
            for (TableId id : sccs.get(i)) {
                groupOf.put(id, i);
            }
        }
        int n = sccs.size();
        List<Set<Integer>> groupParents = new ArrayList<>();
        List<Set<Integer>> groupChildren = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            groupParents.add(new LinkedHashSet<>());
            groupChildren.add(new LinkedHashSet<>());
        }
        for (int i = 0; i < n; i++) {
            for (TableId id : sccs.get(i)) {
                for (TableId p : parents.get(id)) {
                    int pg = groupOf.get(p);
                    if (pg != i) {
                        groupParents.get(i).add(pg);
                        groupChildren.get(pg).add(i);
                    }
                }
            }
        }
        Comparator<Integer> byName = Comparator.comparing(i -> sccs.get(i).get(0));
        TreeSet<Integer> ready = new TreeSet<>(byName);
        int[] pending = new int[n];
        for (int i = 0; i < n; i++) {
            pending[i] = groupParents.get(i).size();
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<List<Table>> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            int g = ready.pollFirst();
            ordered.add(sccs.get(g).stream().sorted().map(byId::get).toList());
            for (int c : groupChildren.get(g)) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        return new LoadOrder(List.copyOf(ordered));
    }

    /** Groups in load order; a group of more than one table is a foreign-key cycle. */
    public List<List<Table>> groups() {
        return groups;
    }

    public List<Table> tables() {
        return groups.stream().flatMap(List::stream).toList();
    }

    public List<List<Table>> cycles() {
        return groups.stream().filter(g -> g.size() > 1).toList();
    }

    private static final class Tarjan {
        private final Set<TableId> nodes;
        private final Map<TableId, Set<TableId>> edges;
        private final Map<TableId, Integer> index = new HashMap<>();
        private final Map<TableId, Integer> low = new HashMap<>();
        private final Deque<TableId> stack = new ArrayDeque<>();
        private final Set<TableId> onStack = new java.util.HashSet<>();
        private final List<List<TableId>> result = new ArrayList<>();
        private int counter;

        Tarjan(Set<TableId> nodes, Map<TableId, Set<TableId>> edges) {
            this.nodes = new TreeSet<>(nodes);
            this.edges = edges;
        }

        List<List<TableId>> run() {
            for (TableId n : nodes) {
                if (!index.containsKey(n)) {
                    visit(n);
                }
            }
            return result;
        }

        // Recursion depth is bounded by the number of tables in one chain, which is small in practice.
        private void visit(TableId v) {
            index.put(v, counter);
            low.put(v, counter);
            counter++;
            stack.push(v);
            onStack.add(v);
            for (TableId w : edges.get(v)) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<TableId> scc = new ArrayList<>();
                TableId w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    scc.add(w);
                } while (!w.equals(v));
                scc.sort(null);
                result.add(scc);
            }
        }
    }
}
