package io.decant.mysql;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.type.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The CREATE TABLE, CREATE INDEX and ALTER TABLE ... FOREIGN KEY statements for decant's tables.
 * MySQL limits that shape them:
 * <ul>
 *   <li>a key over LONGTEXT/LONGBLOB needs a prefix, and a prefix would make a unique key
 *       compare prefixes only: unbounded text and bytes in a primary or unique key are created as
 *       VARCHAR({@value #KEY_TEXT})/VARBINARY({@value #KEY_TEXT}) instead (a longer value is then a
 *       data error, not a silent collision); plan already bounds them, and the columns a foreign key
 *       joins to them, to one VARCHAR(n) or VARBINARY(n) fitted to the data ({@code KeyLengths} in
 *       decant-core);</li>
 *   <li>a row's VARCHARs share 65535 bytes: the longest non-key VARCHARs become LONGTEXT until the
 *       row fits;</li>
 *   <li>an AUTO_INCREMENT column must lead some key: one is added when the table has none.</li>
 * </ul>
 * Plain indexes over LOB columns get a {@value #INDEX_PREFIX}-character prefix, which is harmless
 * for a non-unique index.
 */
final class MysqlDdl {
    static final int KEY_TEXT = 255;
    /** InnoDB's index limit (DYNAMIC rows) in bytes, for one key's columns together. */
    static final int MAX_KEY_BYTES = 3072;
    /** The same limit in utf8mb4 characters of 4 bytes. */
    static final int MAX_KEY_TEXT = MAX_KEY_BYTES / 4;
    static final int INDEX_PREFIX = 255;
    private static final int ROW_BUDGET = 65_000;

    private final TargetTypes types;
    private final ServerInfo server;

    MysqlDdl(TargetTypes types, ServerInfo server) {
        this.types = types;
        this.server = server;
    }

    String createTable(Table table) {
        Set<String> keyColumns = new HashSet<>(table.primaryKey());
        for (Index i : table.indexes()) {
            if (i.unique()) {
                keyColumns.addAll(i.columns());
            }
        }
        Map<String, String> typeOf = columnTypes(table, keyColumns);
        StringJoiner parts = new StringJoiner(",\n  ", "(\n  ", "\n)");
        String autoIncrement = autoIncrementColumn(table);
        for (Column c : table.columns()) {
            StringBuilder def = new StringBuilder(MysqlIdentifiers.quote(c.name())).append(' ').append(typeOf.get(c.name()));
            // A computed column's expression is not known here; it is created as a plain nullable column.
            if (!c.nullable() && c.identity() != Column.Identity.COMPUTED) {
                def.append(" NOT NULL");
            }
            if (c.name().equals(autoIncrement)) {
                def.append(" AUTO_INCREMENT");
            }
            if (c.type().kind() == Kind.TIMESTAMPTZ) {
                def.append(" COMMENT ").append(MysqlIdentifiers.literal(SourceTypes.UTC_MARKER));
            }
            parts.add(def);
        }
        if (!table.primaryKey().isEmpty()) {
            parts.add("PRIMARY KEY (" + MysqlIdentifiers.quoteAll(table.primaryKey()) + ")");
        }
        for (Index i : table.indexes()) {
            if (i.unique() && i.constraint()) {
                parts.add("UNIQUE KEY " + MysqlIdentifiers.quote(i.name()) + " (" + MysqlIdentifiers.quoteAll(i.columns()) + ")");
            }
        }
        if (autoIncrement != null && !leadsKey(table, autoIncrement)) {
            parts.add("KEY (" + MysqlIdentifiers.quote(autoIncrement) + ")");
        }
        return "CREATE TABLE " + MysqlIdentifiers.quote(table.name()) + " " + parts
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + server.binaryCollation();
    }

    /** Indexes not made by {@link #createTable}; {@code lobColumns} are those needing a prefix in the target. */
    List<String> createIndexes(Table table, Set<String> lobColumns) {
        List<String> out = new ArrayList<>();
        for (Index i : table.indexes()) {
            if (i.unique() && i.constraint()) {
                continue;
            }
            StringJoiner cols = new StringJoiner(", ");
            for (String c : i.columns()) {
                cols.add(MysqlIdentifiers.quote(c) + (lobColumns.contains(c) && !i.unique() ? "(" + INDEX_PREFIX + ")" : ""));
            }
            out.add("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + MysqlIdentifiers.quote(i.name()) + " ON "
                    + MysqlIdentifiers.quote(table.name()) + " (" + cols + ")");
        }
        return out;
    }

    List<String> addForeignKeys(Table table) {
        List<String> out = new ArrayList<>();
        for (ForeignKey fk : table.foreignKeys()) {
            StringBuilder sb = new StringBuilder("ALTER TABLE ").append(MysqlIdentifiers.quote(table.name()))
                    .append(" ADD CONSTRAINT ").append(MysqlIdentifiers.quote(fk.name()))
                    .append(" FOREIGN KEY (").append(MysqlIdentifiers.quoteAll(fk.columns())).append(") REFERENCES ")
                    .append(MysqlIdentifiers.quote(fk.refTable().name()))
                    .append(" (").append(MysqlIdentifiers.quoteAll(fk.refColumns())).append(')');
            appendAction(sb, " ON DELETE ", fk.onDelete());
            appendAction(sb, " ON UPDATE ", fk.onUpdate());
            out.add(sb.toString());
        }
        return out;
    }

    /** InnoDB rejects SET DEFAULT; it is left out, which leaves MySQL's default (RESTRICT-like NO ACTION). */
    private static void appendAction(StringBuilder sb, String clause, String action) {
        if (action == null) {
            return;
        }
        String a = action.strip().toUpperCase(Locale.ROOT);
        if (a.equals("CASCADE") || a.equals("SET NULL") || a.equals("RESTRICT") || a.equals("NO ACTION")) {
            sb.append(clause).append(a);
        }
    }

    private Map<String, String> columnTypes(Table table, Set<String> keyColumns) {
        Map<String, String> typeOf = new LinkedHashMap<>();
        List<Column> varchars = new ArrayList<>();
        int rowBytes = 0;
        for (Column c : table.columns()) {
            String type = types.nativeType(c.type());
            Kind kind = c.type().kind();
            if (keyColumns.contains(c.name()) && type.equals("LONGTEXT") && kind == Kind.TEXT) {
                type = "VARCHAR(" + KEY_TEXT + ")";
            } else if (keyColumns.contains(c.name()) && type.equals("LONGBLOB") && kind == Kind.BYTES) {
                type = "VARBINARY(" + KEY_TEXT + ")";
            }
            if (type.startsWith("VARBINARY(")) {
                rowBytes += Integer.parseInt(type.substring(10, type.length() - 1)) + 2;
            }
            if (type.startsWith("VARCHAR(")) {
                int length = Integer.parseInt(type.substring(8, type.length() - 1));
                rowBytes += length * 4 + 2;
                if (!keyColumns.contains(c.name())) {
                    varchars.add(c);
                }
            }
            typeOf.put(c.name(), type);
        }
        varchars.sort(Comparator.comparingInt((Column c) -> c.type().length()).reversed());
        for (Column c : varchars) {
            if (rowBytes <= ROW_BUDGET) {
                break;
            }
            rowBytes -= c.type().length() * 4 + 2;
            typeOf.put(c.name(), "LONGTEXT");
        }
        return typeOf;
    }

    private static String autoIncrementColumn(Table table) {
        for (Column c : table.columns()) {
            boolean generated = c.identity() == Column.Identity.BY_DEFAULT || c.identity() == Column.Identity.ALWAYS;
            if (generated && c.type().kind().isInteger()) {
                return c.name();
            }
        }
        return null;
    }

    private static boolean leadsKey(Table table, String column) {
        if (!table.primaryKey().isEmpty() && table.primaryKey().get(0).equals(column)) {
            return true;
        }
        return table.indexes().stream().anyMatch(i -> i.unique() && i.constraint() && i.columns().get(0).equals(column));
    }
}
