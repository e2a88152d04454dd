package io.decant.core.ids;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spec.IdStrategy;
import io.decant.core.transform.ConversionException;
import io.decant.core.type.LogicalType;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One table's id mapping: old key -> new key, one-to-one. Old ids are in the source key's
 * representation (every integer as a Long), new ids in {@link #newType()}'s. Immutable once built;
 * safe to share between loader threads.
 */
public final class IdMap {
    private final String table;
    private final String keyColumn;
    private final IdStrategy strategy;
    private final LogicalType oldType;
    private final LogicalType newType;
    private final Map<Object, IdEntry> byOld;
    private final Map<Object, Object> byNew;

    private IdMap(Builder b) {
        this.table = b.table;
        this.keyColumn = b.keyColumn;
        this.strategy = b.strategy;
        this.oldType = b.oldType;
        this.newType = b.newType;
        this.byOld = Collections.unmodifiableMap(b.byOld);
        this.byNew = Collections.unmodifiableMap(b.byNew);
    }

    public static Builder builder(String table, String keyColumn, IdStrategy strategy, LogicalType oldType, LogicalType newType) {
        return new Builder(table, keyColumn, strategy, oldType, newType);
    }

    /** The table as the spec names it under {@code ids:}. */
    public String table() {
        return table;
    }

    public String keyColumn() {
        return keyColumn;
    }

    public IdStrategy strategy() {
        return strategy;
    }

    public LogicalType oldType() {
        return oldType;
    }

    public LogicalType newType() {
        return newType;
    }

    public int size() {
        return byOld.size();
    }

    /** The new id of {@code oldId} (same representation as the key; any integer type is accepted), or {@code null}. */
    public Object lookup(Object oldId) {
        IdEntry e = byOld.get(KeyValues.canonical(oldId));
        return e == null ? null : e.newId();
    }

    public Optional<IdEntry> entry(Object oldId) {
        return Optional.ofNullable(byOld.get(KeyValues.canonical(oldId)));
    }

    /** The old id that became {@code newId}, or {@code null}: for support cases. */
    public Object reverse(Object newId) {
        return byNew.get(KeyValues.canonical(newId));
    }

    /** Entries in the order they were made (source order, or file order). */
    public Collection<IdEntry> entries() {
        return byOld.values();
    }

    /**
     * A lookup for a column of {@code refType} holding this table's ids, with the conversion between
     * the two representations fixed now: a text column holding UUIDs or integers is parsed (text that
     * is not an id of the key's type is simply not in the map), an integer or uuid column holding ids
     * of a text key is printed. Pairs that cannot hold each other's values are a plan-time error.
     *
     * @throws DecantException {@link ErrorCode#NO_CONVERSION} naming both types
     */
    public IdLookup lookupFor(LogicalType refType) {
        KeyValues.Family key = KeyValues.family(oldType);
        KeyValues.Family ref = KeyValues.family(refType);
        if (ref == null) {
            throw noConversion(refType, refType.kind() == io.decant.core.type.Kind.JSON
                    ? "; ids inside JSON are rewritten by a JSON path such as table.column$.owner.id" : "");
        }
        if (ref == key) {
            return this::lookup;
        }
        return switch (key) {
            case TEXT -> v -> lookup(KeyValues.text(v));
            case INTEGER -> switch (ref) {
                case TEXT -> v -> lookup(parseOrNull((String) v));
                case INTEGER, UUID -> throw noConversion(refType, "");
            };
            case UUID -> switch (ref) {
                case TEXT -> v -> lookup(parseOrNull((String) v));
                case INTEGER, UUID -> throw noConversion(refType, "");
            };
        };
    }

    private Object parseOrNull(String s) {
        try {
            return KeyValues.parse(s, oldType);
        } catch (ConversionException e) {
            // Text that is not even an id of the key's type cannot be in the map: it is unmapped, like any other miss.
            return null;
        }
    }

    private DecantException noConversion(LogicalType refType, String hint) {
        return new DecantException(ErrorCode.NO_CONVERSION, ErrorContext.EMPTY.withTable(table).withColumn(keyColumn),
                "a " + refType + " column cannot hold ids of " + table + "." + keyColumn + " (" + oldType + ")" + hint);
    }

    @Override
    public String toString() {
        return "IdMap[" + table + "." + keyColumn + ", " + strategy.spelling() + ", " + oldType + " -> " + newType
                + ", " + size() + " entries]";
    }

    /** Collects entries; the caller checks {@link #byOld}/{@link #byNew} first to word its own message. */
    public static final class Builder {
        private final String table;
        private final String keyColumn;
        private final IdStrategy strategy;
        private final LogicalType oldType;
        private final LogicalType newType;
        private final Map<Object, IdEntry> byOld = new LinkedHashMap<>();
        private final Map<Object, Object> byNew = new HashMap<>();

        private Builder(String table, String keyColumn, IdStrategy strategy, LogicalType oldType, LogicalType newType) {
            this.table = Objects.requireNonNull(table, "table");
            this.keyColumn = Objects.requireNonNull(keyColumn, "keyColumn");
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            this.oldType = Objects.requireNonNull(oldType, "oldType");
            this.newType = Objects.requireNonNull(newType, "newType");
        }

        /** The entry already holding {@code oldId}, or {@code null}. */
        public IdEntry byOld(Object oldId) {
            return byOld.get(KeyValues.canonical(oldId));
        }

        /** The old id already mapped to {@code newId}, or {@code null}. */
        public Object byNew(Object newId) {
            return byNew.get(KeyValues.canonical(newId));
        }

        public int size() {
            return byOld.size();
        }

        /** Adds an entry; a second entry for the same old or new id is a bug of the caller, which must check first. */
        public Builder add(IdEntry e) {
            Object old = KeyValues.canonical(e.oldId());
            Object neu = KeyValues.canonical(e.newId());
            if (byOld.containsKey(old) || byNew.containsKey(neu)) {
                throw new IllegalStateException("duplicate id mapping entry for " + table + ": " + e);
            }
            IdEntry stored = old == e.oldId() ? e : new IdEntry(old, e.newId(), e.extras(), e.migratedAt());
            byOld.put(old, stored);
            byNew.put(neu, old);
            return this;
        }

        public IdMap build() {
            return new IdMap(this);
        }
    }
}
