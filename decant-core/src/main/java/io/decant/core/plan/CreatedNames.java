package io.decant.core.plan;

import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The names of the indexes and constraints decant creates, unique in each target schema. MySQL
 * scopes an index name to its table, so real schemas reuse one name on several tables (the same
 * {@code idx_fk_user_id} on three of them); PostgreSQL and SQLite scope index names to the schema,
 * and MySQL scopes foreign-key names to the database. A name that is used once in the schema, is not
 * taken there already and fits the target is kept (applications may refer to it); otherwise it
 * becomes {@code <table>_<name>}, cut to the target's limit with a short hash of the whole name
 * when it does not fit. The result depends only on the schemas, so a rerun or {@code --resume}
 * names everything the same way, and {@code plan} shows it.
 *
 * <p>An unnamed index or foreign key is first given a conventional name ({@link #named}).
 * Names are compared without case: MySQL compares index names so, and a name that differs from
 * another only in case is confusing anywhere.
 */
final class CreatedNames {
    private final int maxLength;
    private final ToIntFunction<String> length;

    /** One created index or constraint under its new name, for the plan. */
    record Renamed(String kind, String from, String to, String why) {
    }

    CreatedNames(int maxLength, ToIntFunction<String> length) {
        this.maxLength = maxLength;
        this.length = length;
    }

    /**
     * Renames the indexes and foreign keys of {@code created} where needed. {@code existing} are the
     * target's tables (their names and their indexes' and constraints' names are taken).
     *
     * @return the created tables under their new names, in the given order, and what was renamed per table
     */
    Result assign(List<Table> given, List<Table> existing) {
        List<Table> created = given.stream().map(CreatedNames::named).toList();
        Map<String, Set<String>> taken = new HashMap<>();
        Set<TableId> createdIds = new HashSet<>();
        created.forEach(t -> createdIds.add(t.id()));
        for (Table t : existing) {
            if (createdIds.contains(t.id())) {
                continue; // replaced by the run
            }
            Set<String> s = taken.computeIfAbsent(schema(t.id()), k -> new HashSet<>());
            s.add(fold(t.name()));
            t.indexes().stream().map(Index::name).filter(Objects::nonNull).forEach(n -> s.add(fold(n)));
            t.foreignKeys().stream().map(ForeignKey::name).filter(Objects::nonNull).forEach(n -> s.add(fold(n)));
        }
        Map<String, Map<String, Integer>> uses = new HashMap<>();
        for (Table t : created) {
            taken.computeIfAbsent(schema(t.id()), k -> new HashSet<>()).add(fold(t.name()));
            Map<String, Integer> u = uses.computeIfAbsent(schema(t.id()), k -> new HashMap<>());
            for (String n : names(t)) {
                u.merge(fold(n), 1, Integer::sum);
            }
        }
        // First the names that stay, so that a prefixed name never takes one that is kept.
        Map<String, Set<String>> kept = new HashMap<>();
        for (Table t : created) {
            String schema = schema(t.id());
            for (String n : names(t)) {
                if (keeps(n, uses.get(schema), taken.get(schema))) {
                    kept.computeIfAbsent(schema, k -> new HashSet<>()).add(fold(n));
                }
            }
        }
        kept.forEach((schema, names) -> taken.get(schema).addAll(names));
        List<Table> out = new ArrayList<>();
        Map<TableId, List<Renamed>> renamed = new LinkedHashMap<>();
        for (Table t : created) {
            String schema = schema(t.id());
            Set<String> used = taken.get(schema);
            Map<String, Integer> u = uses.get(schema);
            Set<String> keptHere = kept.getOrDefault(schema, Set.of());
            List<Renamed> changes = new ArrayList<>();
            List<Index> indexes = new ArrayList<>();
            for (Index ix : t.indexes()) {
                String name = rename(t, ix.name(), keptHere, u, used, ix.unique() && ix.constraint()
                        ? "unique constraint" : ix.unique() ? "unique index" : "index", changes);
                indexes.add(ix.withName(name));
            }
            List<ForeignKey> fks = new ArrayList<>();
            for (ForeignKey fk : t.foreignKeys()) {
                String name = rename(t, fk.name(), keptHere, u, used, "foreign key", changes);
                fks.add(fk.with(name, fk.columns(), fk.refTable(), fk.refColumns()));
            }
            out.add(new Table(t.id(), t.columns(), t.primaryKey(), indexes, fks, t.rowEstimate()));
            renamed.put(t.id(), changes);
        }
        return new Result(out, renamed);
    }

    /**
     * An index or foreign key without a name (an export folder may not have one) gets PostgreSQL's
     * conventional one, {@code <table>_<columns>_idx}, {@code _key} or {@code _fkey}, so that every
     * created object has a name decant knows: {@code --resume} finds what exists by name, and MySQL
     * needs a name to spell the statement.
     */
    private static Table named(Table t) {
        List<Index> indexes = t.indexes().stream().map(ix -> ix.name() != null ? ix : ix.withName(t.name() + "_"
                + String.join("_", ix.columns()) + (ix.unique() ? "_key" : "_idx")))
                .toList();
        List<ForeignKey> fks = t.foreignKeys().stream().map(fk -> fk.name() != null ? fk : fk.with(t.name() + "_"
                + String.join("_", fk.columns()) + "_fkey", fk.columns(), fk.refTable(), fk.refColumns())).toList();
        return new Table(t.id(), t.columns(), t.primaryKey(), indexes, fks, t.rowEstimate());
    }

    record Result(List<Table> tables, Map<TableId, List<Renamed>> renamed) {
    }

    private boolean keeps(String name, Map<String, Integer> uses, Set<String> taken) {
        return uses.get(fold(name)) == 1 && !taken.contains(fold(name)) && length.applyAsInt(name) <= maxLength;
    }

    private String rename(Table t, String name, Set<String> kept, Map<String, Integer> uses, Set<String> used,
                          String kind, List<Renamed> changes) {
        if (name == null) {
            return null; // the target names it itself, uniquely
        }
        if (kept.contains(fold(name)) && uses.get(fold(name)) == 1) {
            return name;
        }
        String candidate = fit(t.name() + "_" + name);
        for (int i = 2; used.contains(fold(candidate)); i++) {
            candidate = fit(t.name() + "_" + name + "_" + i);
        }
        used.add(fold(candidate));
        String why = length.applyAsInt(name) > maxLength ? "the name is longer than the target allows"
                : uses.get(fold(name)) > 1 ? uses.get(fold(name)) + " tables use this name, and the target wants it once per schema"
                : "the target schema already has an object of this name";
        changes.add(new Renamed(kind, name, candidate, why));
        return candidate;
    }

    /** {@code name}, or when too long its longest head that fits with {@code _} and 8 hex digits of its hash. */
    String fit(String name) {
        if (length.applyAsInt(name) <= maxLength) {
            return name;
        }
        String tail = "_" + hash(name);
        StringBuilder head = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            int cp = name.codePointAt(i);
            String next = head.toString() + new String(Character.toChars(cp));
            if (length.applyAsInt(next + tail) > maxLength) {
                break;
            }
            head.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return head + tail;
    }

    private static List<String> names(Table t) {
        List<String> out = new ArrayList<>();
        t.indexes().stream().map(Index::name).filter(Objects::nonNull).forEach(out::add);
        t.foreignKeys().stream().map(ForeignKey::name).filter(Objects::nonNull).forEach(out::add);
        return out;
    }

    private static String schema(TableId id) {
        return id.schema() == null ? "" : id.schema();
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
