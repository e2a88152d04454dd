package io.decant.spark;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.ids.IdBuildRequest;
import io.decant.core.ids.IdEntry;
import io.decant.core.ids.IdMap;
import io.decant.core.ids.IdMapBuilder;
import io.decant.core.run.RunIds;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.Spec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The id mappings of a run as its executors get them. A mapping that is a function of the source ({@code keep},
 * {@code uuid5}) travels as its name and types only: each executor makes it again from the source's key column,
 * read inside the run's snapshot, so that it holds exactly the keys the slices read. A stored mapping
 * ({@code uuid}, {@code file}, {@code match}, {@code http}: random, or from outside) travels with every entry, in
 * the run's broadcast. Either way every executor holds each mapping in memory, so their entries together may not
 * pass {@code --max-broadcast-ids}.
 *
 * @param stored        the stored mappings, with their entries
 * @param deterministic the mappings made again on each executor: by table, the new ids' type the driver planned
 */
record ShippedIds(List<Stored> stored, Map<String, Type> deterministic) implements Serializable {
    private static final long serialVersionUID = 1L;

    ShippedIds {
        stored = List.copyOf(stored);
        deterministic = Map.copyOf(deterministic);
    }

    static final ShippedIds NONE = new ShippedIds(List.of(), Map.of());

    /** A logical type as it travels (the core's record is not serializable). */
    record Type(Kind kind, int precision, int scale, int length, Type element) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Type of(LogicalType t) {
            return t == null ? null : new Type(t.kind(), t.precision(), t.scale(), t.length(), of(t.element()));
        }

        LogicalType logical() {
            return new LogicalType(kind, precision, scale, length, element == null ? null : element.logical());
        }
    }

    /** One stored mapping: old ids and their new ids, position by position. */
    record Stored(String table, String keyColumn, IdStrategy strategy, Type oldType, Type newType, Object[] oldIds,
                  Object[] newIds) implements Serializable {
        private static final long serialVersionUID = 1L;

        IdMap map() {
            IdMap.Builder b = IdMap.builder(table, keyColumn, strategy, oldType.logical(), newType.logical());
            for (int i = 0; i < oldIds.length; i++) {
                b.add(new IdEntry(oldIds[i], newIds[i], null, null));
            }
            return b.build();
        }
    }

    static boolean deterministic(IdStrategy s) {
        return s == IdStrategy.KEEP || s == IdStrategy.UUID5;
    }

    /**
     * What the executors need of the driver's mappings.
     *
     * @throws DecantException past {@code maxEntries}, naming the table that passes it and the way out
     */
    static ShippedIds of(RunIds ids, long maxEntries) {
        if (ids.isEmpty()) {
            return NONE;
        }
        List<Stored> stored = new ArrayList<>();
        Map<String, Type> deterministic = new LinkedHashMap<>();
        long total = 0;
        for (IdMap m : ids.maps().values()) {
            total += m.size();
            if (total > maxEntries) {
                throw tooMany(m.table(), m.size(), total, maxEntries, "entries");
            }
            if (deterministic(m.strategy())) {
                deterministic.put(m.table(), Type.of(m.newType()));
                continue;
            }
            Object[] olds = new Object[m.size()];
            Object[] news = new Object[m.size()];
            int i = 0;
            for (IdEntry e : m.entries()) {
                olds[i] = e.oldId();
                news[i] = e.newId();
                i++;
            }
            stored.add(new Stored(m.table(), m.keyColumn(), m.strategy(), Type.of(m.oldType()), Type.of(m.newType()),
                    olds, news));
        }
        return new ShippedIds(stored, deterministic);
    }

    /**
     * Refuses, before any mapping is built (before an id is made, a user created or the mapping file written), a
     * run whose mappings would pass {@code maxEntries}: a mapping has about one entry per row of its table.
     *
     * @param rows the source rows of each table under {@code ids:}, in the spec's order
     */
    static void checkSize(Map<String, Long> rows, long maxEntries) {
        long total = 0;
        for (Map.Entry<String, Long> e : rows.entrySet()) {
            total += e.getValue();
            if (total > maxEntries) {
                throw tooMany(e.getKey(), e.getValue(), total, maxEntries, "rows");
            }
        }
    }

    private static DecantException tooMany(String table, long entries, long total, long maxEntries, String what) {
        return new DecantException(ErrorCode.USAGE, ErrorContext.EMPTY.withPhase("ids").withTable(table),
                String.format(Locale.ROOT, "the id mapping of %s (%,d %s, %,d with the mappings before it) passes"
                        + " --max-broadcast-ids %,d: every executor holds every mapping in memory (about 200 bytes an"
                        + " entry); run this migration on one machine (decant migrate), or raise --max-broadcast-ids"
                        + " if the executors have the memory", table, entries, what, total, maxEntries));
    }

    /** Entries sent in the broadcast (the deterministic mappings send none). */
    long shippedEntries() {
        return stored.stream().mapToLong(s -> s.oldIds().length).sum();
    }

    /**
     * The run's mappings on an executor: the stored ones as sent, the deterministic ones made again from
     * {@code source}'s keys (read inside the run's snapshot: see {@link SnapshotSource}), typed as the driver typed
     * them.
     */
    RunIds rebuild(Spec spec, SourceDatabase source) {
        if (stored.isEmpty() && deterministic.isEmpty()) {
            return RunIds.none();
        }
        Map<String, IdMap> maps = new LinkedHashMap<>();
        stored.forEach(s -> maps.put(s.table(), s.map()));
        for (Map.Entry<String, Type> e : deterministic.entrySet()) {
            IdSpec idSpec = spec.ids().get(e.getKey());
            if (idSpec == null) {
                throw DecantException.internal("ids." + e.getKey() + " is not in the executor's spec", null);
            }
            maps.put(e.getKey(), IdMapBuilder.run(IdBuildRequest.of(e.getKey(), idSpec, source)
                    .withNewKeyType(e.getValue().logical())).map());
        }
        return RunIds.of(maps, null);
    }
}
