package io.decant.sqlite;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CREATE statements for a SQLite target.
 *
 * <p>Foreign keys go into CREATE TABLE: SQLite has no {@code ALTER TABLE ADD CONSTRAINT}, so they
 * cannot come after the data as they do elsewhere. That costs nothing: SQLite checks them only on
 * connections with {@code PRAGMA foreign_keys} on, and the sink defers the checks to its commit.
 * A foreign key is declared only if its parent table exists or is created in the same call, because
 * a dangling declaration would make every insert fail once checks are on.
 *
 * <p>A single-column integer key with an identity becomes {@code INTEGER PRIMARY KEY AUTOINCREMENT}.
 * Computed columns are created as plain columns: the source's expression is not known here, and the
 * values loaded into them are kept as they came.
 */
final class SqliteDdl {
    private static final Set<String> ACTIONS = Set.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION");

    private SqliteDdl() {
    }

    static String createTable(Table t, Predicate<String> parentExists) {
        List<String> parts = new ArrayList<>();
        String autoKey = autoincrementKey(t);
        for (Column c : t.columns()) {
            StringBuilder sb = new StringBuilder(SqliteIdentifiers.quote(c.name())).append(' ');
            if (c.name().equals(autoKey)) {
                sb.append("INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT");
            } else {
                sb.append(NativeTypes.declared(c.type()));
                if (!c.nullable()) {
                    sb.append(" NOT NULL");
                }
            }
            parts.add(sb.toString());
        }
        if (autoKey == null && !t.primaryKey().isEmpty()) {
            parts.add("PRIMARY KEY (" + SqliteIdentifiers.quoteAll(t.primaryKey()) + ")");
        }
        for (Index ix : t.indexes()) {
            if (ix.unique() && ix.constraint()) {
                parts.add("CONSTRAINT " + SqliteIdentifiers.quote(ix.name()) + " UNIQUE (" + SqliteIdentifiers.quoteAll(ix.columns()) + ")");
            }
        }
        for (ForeignKey fk : t.foreignKeys()) {
            if (fk.refTable().name().equals(t.id().name()) || parentExists.test(fk.refTable().name())) {
                parts.add(foreignKey(fk));
            }
        }
        return "CREATE TABLE " + SqliteIdentifiers.quote(t.id().name()) + " (\n  " + String.join(",\n  ", parts) + "\n)";
    }

    /** Indexes that are not constraints come after the data, like everywhere else. */
    static List<String> createIndexes(Table t) {
        List<String> out = new ArrayList<>();
        for (Index ix : t.indexes()) {
            if (!ix.constraint()) {
                out.add(createIndex(t, ix));
            }
        }
        return out;
    }

    /**
     * A unique index (not a constraint) that a foreign key of {@code tables} references is created with its table,
     * before the rows: SQLite looks for the parent key's unique index whenever a row of the parent is written, and
     * without it refuses the write ("foreign key mismatch"). {@link #createIndexes} then finds it there.
     */
    static List<String> createReferencedIndexes(Table t, List<Table> tables) {
        List<String> out = new ArrayList<>();
        for (Index ix : t.indexes()) {
            if (ix.constraint() || !ix.unique()) {
                continue;
            }
            Set<String> columns = lower(ix.columns());
            boolean referenced = tables.stream().flatMap(x -> x.foreignKeys().stream()).anyMatch(fk
                    -> fk.refTable().name().equalsIgnoreCase(t.id().name()) && lower(fk.refColumns()).equals(columns));
            if (referenced) {
                out.add(createIndex(t, ix));
            }
        }
        return out;
    }

    private static Set<String> lower(List<String> names) {
        Set<String> out = new java.util.HashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    private static String createIndex(Table t, Index ix) {
        return "CREATE " + (ix.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + SqliteIdentifiers.quote(ix.name())
                + " ON " + SqliteIdentifiers.quote(t.id().name()) + " (" + SqliteIdentifiers.quoteAll(ix.columns()) + ")";
    }

    private static String autoincrementKey(Table t) {
        if (t.primaryKey().size() != 1) {
            return null;
        }
        Column c = t.findColumn(t.primaryKey().get(0)).orElse(null);
        if (c == null || !c.type().kind().isInteger()) {
            return null;
        }
        return switch (c.identity()) {
            case BY_DEFAULT, ALWAYS -> c.name();
            case NONE, COMPUTED -> null;
        };
    }

    private static String foreignKey(ForeignKey fk) {
        StringBuilder sb = new StringBuilder("CONSTRAINT ").append(SqliteIdentifiers.quote(fk.name()))
                .append(" FOREIGN KEY (").append(SqliteIdentifiers.quoteAll(fk.columns())).append(") REFERENCES ")
                .append(SqliteIdentifiers.quote(fk.refTable().name())).append(" (").append(SqliteIdentifiers.quoteAll(fk.refColumns())).append(')');
        appendAction(sb, "ON DELETE", fk.onDelete());
        appendAction(sb, "ON UPDATE", fk.onUpdate());
        if (fk.deferrable()) {
            // SQLite checks a DEFERRABLE key, and one INITIALLY IMMEDIATE, at each statement, as the source does
            sb.append(fk.initiallyDeferred() ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE INITIALLY IMMEDIATE");
        }
        return sb.toString();
    }

    private static void appendAction(StringBuilder sb, String clause, String action) {
        // Actions come from another database's catalog; only SQLite's own words are spelled into DDL.
        if (action != null && ACTIONS.contains(action.toUpperCase(Locale.ROOT))) {
            sb.append(' ').append(clause).append(' ').append(action.toUpperCase(Locale.ROOT));
        }
    }
}
