package io.decant.core.ids;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.Reference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds every column whose values are remapped ids. A column referencing a remapped key by foreign
 * key holds remapped ids; so does a column referencing <em>that</em> column (profiles.user_id is the
 * key of profiles and references users.id, so x.profile_id, referencing profiles.user_id, holds user
 * ids too), and so on. Composite foreign keys are followed column by column. Columns named in the
 * spec's {@code references} are added, and plain ones are followed the same way; JSON paths are
 * leaves. A column reached from two different maps is a spec error: it cannot be rewritten twice.
 */
public final class ReferenceFinder {
    private ReferenceFinder() {
    }

    private record Node(TableId table, String column, String path) {
    }

    private record Edge(TableId table, String column, String fk) {
    }

    /** The keys of the tables under {@code ids:}, each its table's one-column primary key. */
    public static List<RemappedKey> keysOf(List<Table> tables, Map<String, IdSpec> ids) {
        List<RemappedKey> out = new ArrayList<>();
        ids.keySet().forEach(name -> {
            Table t = table(tables, name, "ids." + name);
            out.add(new RemappedKey(t.id(), SourceKeys.key(t, name).name(), name));
        });
        return out;
    }

    /** {@link #find(List, List, Map)} with the keys taken from {@code ids}. */
    public static List<RemappedColumn> find(List<Table> tables, Map<String, IdSpec> ids) {
        return find(tables, keysOf(tables, ids), ids);
    }

    /**
     * @param keys the remapped keys
     * @param ids  the spec's {@code ids:}, for their {@code references}; may be empty
     * @return the keys themselves and every column holding their ids, sorted by table, column and path
     */
    public static List<RemappedColumn> find(List<Table> tables, List<RemappedKey> keys, Map<String, IdSpec> ids) {
        Map<Node, List<Edge>> referencedBy = new HashMap<>();
        for (Table t : tables) {
            for (ForeignKey fk : t.foreignKeys()) {
                for (int i = 0; i < fk.columns().size() && i < fk.refColumns().size(); i++) {
                    referencedBy.computeIfAbsent(new Node(fk.refTable(), fk.refColumns().get(i), null), k -> new ArrayList<>())
                            .add(new Edge(t.id(), fk.columns().get(i), fk.name()));
                }
            }
        }
        Map<Node, RemappedColumn> found = new LinkedHashMap<>();
        Deque<Node> queue = new ArrayDeque<>();
        for (RemappedKey k : keys) {
            add(found, queue, new RemappedColumn(k.table(), k.column(), k.map(), null,
                    "the key of " + k.table().display() + ", remapped by ids." + k.map()));
        }
        drain(found, queue, referencedBy);
        ids.forEach((map, spec) -> {
            for (int i = 0; i < spec.references().size(); i++) {
                Reference r = spec.references().get(i);
                String at = "ids." + map + ".references[" + i + "]";
                Table t = table(tables, r.table(), at);
                Column c = t.findColumn(r.column()).orElseThrow(() -> new DecantException(ErrorCode.UNKNOWN_COLUMN,
                        ErrorContext.EMPTY.withTable(t.id().display()).withColumn(r.column()).withLocation(at),
                        "no column " + r.column() + " in table " + t.id().display() + "; it has " + t.columnNames()));
                add(found, queue, new RemappedColumn(t.id(), c.name(), map, r.jsonPath(), "named in spec at " + at));
            }
        });
        drain(found, queue, referencedBy);
        List<RemappedColumn> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparing((RemappedColumn c) -> c.table().display()).thenComparing(RemappedColumn::column)
                .thenComparing(c -> c.jsonPath() == null ? "" : c.jsonPath()));
        return out;
    }

    private static void drain(Map<Node, RemappedColumn> found, Deque<Node> queue, Map<Node, List<Edge>> referencedBy) {
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            RemappedColumn via = found.get(n);
            for (Edge e : referencedBy.getOrDefault(new Node(n.table(), n.column(), null), List.of())) {
                // A chain starts at the column itself; after the key or a spec reference, its reason in brackets.
                String start = via.why().contains(" <- ") ? via.why() : via.display() + " (" + via.why() + ")";
                String chain = start + " <- " + e.table().display() + "." + e.column() + " (" + e.fk() + ")";
                add(found, queue, new RemappedColumn(e.table(), e.column(), via.map(), null, chain));
            }
        }
    }

    private static void add(Map<Node, RemappedColumn> found, Deque<Node> queue, RemappedColumn c) {
        Node n = new Node(c.table(), c.column(), c.jsonPath());
        RemappedColumn seen = found.get(n);
        if (seen != null) {
            if (!seen.map().equals(c.map())) {
                throw new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withTable(c.table().display()).withColumn(c.column()),
                        c.display() + " would hold ids of both " + seen.map() + " (" + seen.why() + ") and " + c.map() + " (" + c.why()
                                + "); a column can be rewritten through one mapping only");
            }
            return;
        }
        found.put(n, c);
        if (c.jsonPath() == null) {
            queue.add(n);
        }
    }

    private static Table table(List<Table> tables, String name, String at) {
        for (Table t : tables) {
            if (t.id().display().equals(name) || t.name().equals(name)) {
                return t;
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        List<Table> ci = tables.stream().filter(t -> t.id().display().toLowerCase(Locale.ROOT).equals(lower)
                || t.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
        if (ci.size() == 1) {
            return ci.get(0);
        }
        throw new DecantException(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(name).withLocation(at),
                "no table " + name + "; the source has " + tables.stream().map(t -> t.id().display()).sorted().toList());
    }
}
