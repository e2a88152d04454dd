package io.decant.core.run;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.plan.TablePlan;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.TableId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --on-error reject} keeps references whole: the keys of every rejected row that a foreign
 * key of the plan references are remembered, and a row whose foreign key names one of them is
 * rejected too ("its parent customers id=12 was rejected"), and so on down, so that the foreign keys
 * can be added after the data (or the target's own checks never see the row). The migrator loads a
 * table after the tables it references, so a parent's rejects are all known when its children start;
 * within a foreign-key cycle or a table that references itself only the rejects known so far count.
 * Values are compared as written, in the target's types. Public for an engine that loads a table in several
 * processes (decant on Spark): it sends each process the keys rejected so far ({@link #keys}, {@link #addKeys}).
 */
public final class RejectedRows {
    private final Map<TableId, List<List<String>>> referenced = new HashMap<>();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> dependants = new ConcurrentHashMap<>();
    private final Map<String, int[][]> positions = new ConcurrentHashMap<>();

    public RejectedRows(List<TablePlan> tables) {
        for (TablePlan tp : tables) {
            for (ForeignKey fk : tp.target().foreignKeys()) {
                List<List<String>> cols = referenced.computeIfAbsent(fk.refTable(), k -> new ArrayList<>());
                if (!cols.contains(fk.refColumns())) {
                    cols.add(fk.refColumns());
                }
            }
        }
    }

    /** A rejected row of {@code tp}: the values of {@code columns} (null where not known), as written. */
    public void rejected(TablePlan tp, List<String> columns, Object[] row) {
        List<List<String>> sets = referenced.get(tp.target().id());
        if (sets == null) {
            return;
        }
        for (List<String> set : sets) {
            Object[] values = new Object[set.size()];
            boolean known = true;
            for (int i = 0; i < set.size() && known; i++) {
                int at = columns.indexOf(set.get(i));
                values[i] = at < 0 ? null : row[at];
                known = values[i] != null;
            }
            if (known) {
                keys.add(key(tp.target().id(), set, values));
            }
        }
    }

    /** The rejection of a row of {@code tp} (as written) whose parent row was rejected, or null. */
    DecantException parentRejected(TablePlan tp, Object[] written, long ordinal, String rowKey) {
        if (keys.isEmpty()) {
            return null;
        }
        int[][] at = positions.computeIfAbsent(tp.name(), k -> positions(tp)); // by name: a record's hash is deep
        List<ForeignKey> fks = tp.target().foreignKeys();
        for (int f = 0; f < fks.size(); f++) {
            ForeignKey fk = fks.get(f);
            Object[] values = new Object[fk.columns().size()];
            boolean set = true;
            for (int i = 0; i < values.length && set; i++) {
                values[i] = at[f][i] < 0 ? null : written[at[f][i]];
                set = values[i] != null;
            }
            if (set && keys.contains(key(fk.refTable(), fk.refColumns(), values))) {
                StringBuilder parent = new StringBuilder();
                for (int i = 0; i < values.length; i++) {
                    RowKeys.append(parent, fk.refColumns().get(i), values[i]);
                }
                dependants.computeIfAbsent(tp.name(), k -> new AtomicLong()).incrementAndGet();
                return new DecantException(ErrorCode.CONSTRAINT_VIOLATION, ErrorContext.EMPTY.withPhase("load")
                        .withTable(tp.name()).withColumn(String.join(", ", fk.columns())).withRow(ordinal, rowKey)
                        .withRule("foreign key " + fk.columns() + " -> " + fk.refTable().display() + fk.refColumns()),
                        "its parent " + fk.refTable().display() + " " + parent + " was rejected");
            }
        }
        return null;
    }

    /** Per foreign key of {@code tp}, where its columns are in a row as written (-1: not written). */
    private static int[][] positions(TablePlan tp) {
        List<String> names = tp.targetColumns().stream().map(c -> c.name()).toList();
        return tp.target().foreignKeys().stream()
                .map(fk -> fk.columns().stream().mapToInt(names::indexOf).toArray()).toArray(int[][]::new);
    }

    /** The rejected rows' referenced keys so far, in a form {@link #addKeys} takes back (in another process). */
    public Set<String> keys() {
        return Set.copyOf(keys);
    }

    /** Adds keys another process's {@link #keys} returned: rows referencing them are rejected here too. */
    public void addKeys(java.util.Collection<String> more) {
        keys.addAll(more);
    }

    /** How many rows of {@code table} were rejected because a parent row was. */
    public long dependants(String table) {
        AtomicLong n = dependants.get(table);
        return n == null ? 0 : n.get();
    }

    private static String key(TableId table, List<String> columns, Object[] values) {
        StringBuilder sb = new StringBuilder(table.display()).append('\u0000').append(columns);
        for (Object v : values) {
            sb.append('\u0000').append(canonical(v));
        }
        return sb.toString();
    }

    /** An int and a bigint of the same value are one key; a uuid is compared in its text form. */
    private static String canonical(Object v) {
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
