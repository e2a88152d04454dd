package io.decant.core.plan;

import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.spec.CastSpec;
import io.decant.core.spec.ColumnSpec;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.Reference;
import io.decant.core.spec.Spec;
import io.decant.core.spec.TableSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cast on a referenced key follows the key to every column that references it: declared foreign
 * keys, followed transitively, and the spec's references ({@code ids.T.references} and a column's
 * {@code ref}), as id remapping does. {@code users.id: { cast: uuid }} therefore also casts
 * {@code accounts.user_id}; otherwise the key would become uuid and the column stay text, and adding
 * the foreign key would fail after every row had loaded. A referencing column whose own cast differs
 * is refused, naming both. Decided once, at plan time, from the source schema and the spec.
 */
final class KeyCasts {
    /** A cast a column takes from the key it references, and the chain that carries it there, for the plan. */
    record Followed(CastSpec cast, String chain) {
    }

    private record Node(String table, String column) {
    }

    private record Edge(Node to, String via) {
    }

    private final Map<Node, Followed> followed = new LinkedHashMap<>();

    private KeyCasts() {
    }

    static KeyCasts none() {
        return new KeyCasts();
    }

    static KeyCasts find(Spec spec, List<Table> tables, PlanProblems problems) {
        KeyCasts out = new KeyCasts();
        Map<Node, List<Edge>> referencedBy = edges(spec, tables);
        for (var te : spec.tables().entrySet()) {
            Table owner = table(tables, te.getKey());
            if (owner == null) {
                continue;
            }
            for (var ce : te.getValue().columns().entrySet()) {
                CastSpec cast = ce.getValue().cast();
                Node start = new Node(owner.id().display(), ce.getKey());
                if (cast == null || ce.getValue().value() != null || !referencedBy.containsKey(start)) {
                    continue;
                }
                out.follow(spec, start, cast, referencedBy, problems);
            }
        }
        return out;
    }

    private void follow(Spec spec, Node start, CastSpec cast, Map<Node, List<Edge>> referencedBy, PlanProblems problems) {
        String origin = start.table() + "." + start.column() + " (cast: " + cast.spelling() + " in the spec)";
        Deque<Node> queue = new ArrayDeque<>();
        Map<Node, String> chains = new HashMap<>();
        queue.add(start);
        chains.put(start, origin);
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            for (Edge e : referencedBy.getOrDefault(n, List.of())) {
                Node child = e.to();
                if (chains.containsKey(child)) {
                    continue;
                }
                String chain = chains.get(n) + " <- " + child.table() + "." + child.column() + " (" + e.via() + ")";
                chains.put(child, chain);
                ColumnSpec own = spec.table(child.table()).column(child.column());
                if (own.skip() || own.value() != null) {
                    continue; // not copied, or computed: the key's values do not reach it
                }
                if (own.cast() != null) {
                    if (!own.cast().spelling().equals(cast.spelling())) {
                        problems.add(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withPhase("plan").withTable(child.table())
                                .withColumn(child.column()).withLocation(spec.locate("tables." + child.table() + ".columns."
                                        + child.column() + ".cast").toString()), child.table() + "." + child.column()
                                + " is cast to " + own.cast().spelling() + ", but it references " + start.table() + "."
                                + start.column() + ", which is cast to " + cast.spelling() + " (" + chain + "); a key and the"
                                + " columns that reference it are cast alike: make both " + cast.spelling()
                                + " or drop the cast on " + child.table() + "." + child.column());
                    }
                    continue; // its own cast starts its own chain
                }
                Followed before = followed.get(child);
                if (before != null && !before.cast().spelling().equals(cast.spelling())) {
                    problems.add(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withPhase("plan").withTable(child.table())
                            .withColumn(child.column()), child.table() + "." + child.column() + " references keys cast to "
                            + before.cast().spelling() + " (" + before.chain() + ") and to " + cast.spelling() + " (" + chain
                            + "); cast " + child.table() + "." + child.column() + " in the spec to say which it holds");
                    continue;
                }
                followed.put(child, new Followed(cast, chain));
                queue.add(child);
            }
        }
    }

    /** The cast {@code column} of {@code table} takes from a key it references, or null. */
    Followed of(Table table, String column) {
        return followed.get(new Node(table.id().display(), column));
    }

    private static Map<Node, List<Edge>> edges(Spec spec, List<Table> tables) {
        Map<Node, List<Edge>> out = new HashMap<>();
        for (Table t : tables) {
            for (ForeignKey fk : t.foreignKeys()) {
                for (int i = 0; i < fk.columns().size() && i < fk.refColumns().size(); i++) {
                    out.computeIfAbsent(new Node(fk.refTable().display(), fk.refColumns().get(i)), k -> new ArrayList<>())
                            .add(new Edge(new Node(t.id().display(), fk.columns().get(i)),
                                    fk.name() == null ? "foreign key" : "foreign key " + fk.name()));
                }
            }
        }
        for (Map.Entry<String, IdSpec> e : spec.ids().entrySet()) {
            Node key = keyOf(tables, e.getKey());
            if (key == null) {
                continue;
            }
            for (int i = 0; i < e.getValue().references().size(); i++) {
                Reference r = e.getValue().references().get(i);
                Table t = table(tables, r.table());
                if (r.jsonPath() == null && t != null) {
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(new Edge(new Node(t.id().display(), r.column()),
                            "ids." + e.getKey() + ".references[" + i + "]"));
                }
            }
        }
        for (Map.Entry<String, TableSpec> te : spec.tables().entrySet()) {
            Table t = table(tables, te.getKey());
            for (var ce : te.getValue().columns().entrySet()) {
                Node key = ce.getValue().ref() == null ? null : keyOf(tables, ce.getValue().ref());
                if (t != null && key != null) {
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(new Edge(new Node(t.id().display(), ce.getKey()),
                            "tables." + te.getKey() + ".columns." + ce.getKey() + ".ref"));
                }
            }
        }
        return out;
    }

    private static Node keyOf(List<Table> tables, String name) {
        Table t = table(tables, name);
        return t == null || t.primaryKey().size() != 1 ? null : new Node(t.id().display(), t.primaryKey().get(0));
    }

    private static Table table(List<Table> tables, String name) {
        for (Table t : tables) {
            if (t.id().display().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
