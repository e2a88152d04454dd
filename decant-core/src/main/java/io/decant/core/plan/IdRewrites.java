package io.decant.core.plan;

import io.decant.core.ids.IdLookup;
import io.decant.core.ids.IdMap;
import io.decant.core.ids.JsonPathRewriter;
import io.decant.core.ids.ReferenceFinder;
import io.decant.core.ids.RemappedColumn;
import io.decant.core.run.RunIds;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.OrphanPolicy;
import io.decant.core.spec.Spec;
import io.decant.core.transform.Conversion;
import io.decant.core.transform.Converter;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which source columns hold remapped ids (keys, declared foreign keys found transitively, and the
 * references the spec names), and the conversion that rewrites each: old id to new id, through the
 * run's mapping, chosen at plan time. A value without a mapping is an {@link OrphanValue}, and the
 * spec's {@code orphans} policy decides what happens to its row.
 */
final class IdRewrites {
    /** How the rules of the rewrites begin; {@link TablePlan#rowsOnly} finds the rewritten columns by them. */
    static final String KEY_RULE = "id remapped (";
    static final String JSON_RULE = "ids inside JSON remapped: ";

    /**
     * Whether the column's conversion rewrites references whose orphans the policy may leave out
     * (a key's own rewrite never does: a key without a mapping fails).
     */
    static boolean mayLeaveRowsOut(Conversion c) {
        String rule = c.rule();
        return rule.contains(JSON_RULE) || rule.contains(KEY_RULE) && !rule.contains(KEY_WHY);
    }

    private static final String KEY_WHY = "): the key of "; // ReferenceFinder's why of a key, after KEY_RULE

    private final RunIds ids;
    private final OrphanPolicy policy;
    private final boolean policyWritten;
    private final Map<String, List<RemappedColumn>> byColumn = new LinkedHashMap<>();

    IdRewrites(Spec spec, RunIds ids, List<Table> sourceTables) {
        this.ids = ids;
        this.policy = spec.orphans();
        this.policyWritten = spec.locations().containsKey("orphans");
        if (!ids.isEmpty()) {
            for (RemappedColumn rc : ReferenceFinder.find(sourceTables, spec.ids())) {
                byColumn.computeIfAbsent(rc.table().display() + "\u0000" + rc.column(), k -> new ArrayList<>()).add(rc);
            }
        }
    }

    /** The columns the spec names as references (not foreign keys, not JSON paths). */
    List<RemappedColumn> declared() {
        return all().stream().filter(r -> r.jsonPath() == null && r.why().startsWith("named in spec")).toList();
    }

    /** Every rewritten column, with why, for plans. */
    List<RemappedColumn> all() {
        return byColumn.values().stream().flatMap(List::stream).toList();
    }

    io.decant.core.ids.IdMap map(String name) {
        return ids.maps().get(name);
    }

    /**
     * The spec's {@code orphans}, when it is written. Otherwise: a mapping decant generates (keep,
     * uuid, uuid5) covers every source key, so a miss is an orphan (its parent row is gone) and is
     * reported; a mapping from outside (file, match, http) may simply lack the id, and an unmapped id
     * fails the run.
     */
    private OrphanPolicy policyFor(io.decant.core.ids.IdMap map) {
        if (policyWritten) {
            return policy;
        }
        return switch (map.strategy()) {
            case KEEP, UUID, UUID5 -> OrphanPolicy.REPORT;
            case FILE, MATCH, HTTP -> OrphanPolicy.FAIL;
        };
    }

    /**
     * The map's lookup for the referencing column; where its type cannot hold the key's ids (an integer column
     * referencing a uuid key), the refusal names that column and the way out: no cast changes the type ids are
     * looked up as (the rewrite runs before any cast), so leaving the column out.
     */
    private static IdLookup lookup(IdMap map, Table table, Column column) {
        try {
            return map.lookupFor(column.type());
        } catch (io.decant.core.error.DecantException e) {
            if (e.code() != io.decant.core.error.ErrorCode.NO_CONVERSION) {
                throw e;
            }
            throw new io.decant.core.error.DecantException(e.code(), io.decant.core.error.ErrorContext.EMPTY
                    .withPhase("plan").withTable(table.id().display()).withColumn(column.name()), e.detail()
                    + "; leave the column out with tables." + table.id().display() + ".columns." + column.name()
                    + ": { skip: true }");
        }
    }

    /** The rewrite of {@code column} of {@code table}, or null when it holds no remapped id. */
    Conversion rewrite(Table table, Column column) {
        List<RemappedColumn> found = byColumn.get(table.id().display() + "\u0000" + column.name());
        if (found == null) {
            return null;
        }
        RemappedColumn whole = found.stream().filter(r -> r.jsonPath() == null).findFirst().orElse(null);
        if (whole != null) {
            IdMap map = ids.maps().get(whole.map());
            IdLookup lookup = lookup(map, table, column);
            String what = table.id().display() + "." + column.name() + " -> " + map.table() + "." + map.keyColumn();
            boolean key = whole.why().startsWith(table.id().display() + "." + column.name() + " (the key of");
            Converter c = v -> {
                Object n = lookup.lookup(v);
                if (n == null) {
                    throw new OrphanValue(key ? OrphanPolicy.FAIL : policyFor(map), what, v);
                }
                return n;
            };
            return new Conversion(column.type(), map.newType(), c, KEY_RULE + map.strategy().spelling() + "): "
                    + whole.why());
        }
        List<JsonPathRewriter> paths = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (RemappedColumn rc : found) {
            paths.add(JsonPathRewriter.compile(rc.jsonPath(), ids.maps().get(rc.map())));
            why.add(rc.jsonPath() + " (" + rc.why() + ")");
        }
        String what = table.id().display() + "." + column.name();
        Converter c = v -> {
            String json = ((JsonText) v).text();
            for (JsonPathRewriter p : paths) {
                JsonPathRewriter.Result r = p.rewrite(json);
                if (!r.unmapped().isEmpty()) {
                    throw new OrphanValue(policy, what + " at " + r.unmapped().get(0), v);
                }
                json = r.json();
            }
            return JsonText.trusted(json);
        };
        return new Conversion(LogicalType.JSON, LogicalType.JSON, c, JSON_RULE + String.join(", ", why));
    }
}
