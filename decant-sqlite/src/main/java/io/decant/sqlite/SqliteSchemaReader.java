package io.decant.sqlite;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Discovers tables through SQLite's table-valued pragmas ({@code pragma_table_list},
 * {@code pragma_table_xinfo}, {@code pragma_index_list}, {@code pragma_foreign_key_list}), which take
 * the table name as a bound parameter, so no name is ever spliced into a pragma.
 *
 * <p>Left out: SQLite's own tables ({@code sqlite_*}), Cloudflare's internal tables ({@code _cf_*},
 * e.g. {@code _cf_KV}), decant's journal, views, virtual tables and their shadow tables. Wrangler's
 * {@code d1_migrations} is kept (it is user data of a kind) and mentioned in the notes.
 *
 * <p>Identity: only {@code INTEGER PRIMARY KEY AUTOINCREMENT} is {@link Column.Identity#BY_DEFAULT}.
 * A plain rowid alias ({@code INTEGER PRIMARY KEY}) is not: SQLite may reuse its values, so it is
 * not a sequence a target should recreate. Generated columns (hidden 2 and 3) are
 * {@link Column.Identity#COMPUTED}.
 */
final class SqliteSchemaReader {
    static final String JOURNAL_TABLE = "decant_journal";
    private static final Pattern AUTOINCREMENT = Pattern.compile("(?i)\\bAUTOINCREMENT\\b");
    /**
     * Tables are counted exactly when the file is at most this large; count(*) walks the smallest
     * b-tree, which for a 460 MB file of 2,000,000 rows took 0.6 s, on every command.
     */
    static final long EXACT_COUNT_BYTES = 64L * 1024 * 1024;
    /** Up to this size a table without a usable rowid span is still counted; above it, sqlite_stat1 or unknown. */
    private static final long COUNT_LIMIT_BYTES = 512L * 1024 * 1024;

    private final Connection connection;
    private final long fileSize;
    private final List<String> notes = new ArrayList<>();

    SqliteSchemaReader(Connection connection, long fileSize) {
        this.connection = connection;
        this.fileSize = fileSize;
    }

    /** Notes gathered by the last {@link #tables()}: what was left out and why. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    static boolean isInternal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("sqlite_") || lower.startsWith("_cf_") || lower.equals(JOURNAL_TABLE);
    }

    List<Table> tables() throws SQLException {
        notes.clear();
        Map<String, Boolean> withoutRowid = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String type = rs.getString(2);
                all.add(name);
                if (!type.equals("table") || isInternal(name)) {
                    if (!type.equals("view") && !name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
                        skipped.add(name + " (" + type + ")");
                    }
                    continue;
                }
                withoutRowid.put(name, rs.getInt(3) != 0);
            }
        }
        if (!skipped.isEmpty()) {
            skipped.sort(Comparator.naturalOrder());
            notes.add("left out: " + String.join(", ", skipped));
        }
        List<String> names = new ArrayList<>(withoutRowid.keySet());
        names.sort(Comparator.naturalOrder());
        if (names.contains("d1_migrations")) {
            notes.add("d1_migrations is Wrangler's migration history: it is copied like any table; exclude it"
                    + " in the spec if the target keeps its own");
        }
        boolean stat1 = all.contains("sqlite_stat1");
        List<Table> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(table(name, withoutRowid.get(name), all, stat1));
        }
        return tables;
    }

    private Table table(String name, boolean withoutRowid, List<String> allTables, boolean stat1) throws SQLException {
        String sql = createSql(name);
        List<Column> columns = new ArrayList<>();
        Map<Integer, String> pkByOrder = new java.util.TreeMap<>();
        List<Object[]> raw = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    raw.add(new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)});
                    if (rs.getInt(4) > 0) {
                        pkByOrder.put(rs.getInt(4), rs.getString(1));
                    }
                }
            }
        }
        List<String> pk = new ArrayList<>(pkByOrder.values());
        Map<String, String> collations = DeclaredCollations.of(sql);
        for (Object[] r : raw) {
            String col = (String) r[0];
            String declared = r[1] == null ? "" : (String) r[1];
            boolean notNull = (Integer) r[2] != 0;
            boolean inPk = (Integer) r[3] > 0;
            int hidden = (Integer) r[4];
            if (hidden == 1) {
                continue; // a virtual table's hidden column; regular tables have none
            }
            boolean rowidAlias = inPk && pk.size() == 1 && !withoutRowid
                    && SqliteDeclaredTypes.normalize(declared).equals("INTEGER");
            // A rowid alias and the key of a WITHOUT ROWID table can never be NULL, whatever is declared.
            boolean nullable = !notNull && !rowidAlias && !(withoutRowid && inPk);
            Column.Identity identity = hidden == 2 || hidden == 3 ? Column.Identity.COMPUTED
                    : rowidAlias && AUTOINCREMENT.matcher(sql).find() ? Column.Identity.BY_DEFAULT
                    : Column.Identity.NONE;
            Column c = column(name, col, declared, nullable, identity);
            if (c.isSupported() && c.type().kind() == io.decant.core.type.Kind.TEXT) {
                // SQLite compares text by its bytes unless the column declares another collation.
                c = c.withCollation("sqlite " + collations.getOrDefault(col.toLowerCase(java.util.Locale.ROOT), "BINARY"));
            }
            columns.add(c);
        }
        List<Index> indexes = indexes(name);
        List<ForeignKey> fks = foreignKeys(name, allTables, DeclaredForeignKeys.deferred(sql));
        return new Table(TableId.of(name), columns, pk, indexes, fks, estimate(name, stat1, withoutRowid));
    }

    private Column column(String table, String col, String declared, boolean nullable, Column.Identity identity)
            throws SQLException {
        LogicalType type;
        try {
            type = SqliteDeclaredTypes.logicalType(declared);
        } catch (IllegalArgumentException e) {
            return Column.unsupported(col, declared, nullable, e.getMessage());
        }
        if (type == null) {
            Set<StorageClass> stored = storedClasses(table, col);
            if (stored.size() > 1) {
                List<String> classes = stored.stream().map(StorageClass::typeofName).toList();
                String what = declared.isBlank() ? "column without declared type" : "column declared " + declared;
                return Column.unsupported(col, declared, nullable, what + " holds values of storage classes "
                        + String.join(", ", classes) + "; declare as_text or skip in the spec");
            }
            // An empty or all-NULL untyped column has nothing to go by: text is the most portable choice.
            type = stored.isEmpty() ? LogicalType.TEXT : stored.iterator().next().logical();
        }
        return new Column(col, declared, type, nullable, identity);
    }

    private Set<StorageClass> storedClasses(String table, String col) throws SQLException {
        Set<StorageClass> classes = new TreeSet<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT typeof(" + SqliteIdentifiers.quote(col) + ") FROM " + SqliteIdentifiers.quote(table))) {
            while (rs.next()) {
                StorageClass sc = StorageClass.ofTypeof(rs.getString(1));
                if (sc != StorageClass.NULL) {
                    classes.add(sc);
                }
            }
        }
        return classes;
    }

    private List<Index> indexes(String table) throws SQLException {
        List<Index> out = new ArrayList<>();
        List<Object[]> list = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new Object[] {rs.getString(1), rs.getInt(2) != 0, rs.getString(3), rs.getInt(4) != 0});
                }
            }
        }
        for (Object[] ix : list) {
            String name = (String) ix[0];
            boolean unique = (Boolean) ix[1];
            String origin = (String) ix[2];
            if (origin.equals("pk")) {
                continue;
            }
            if ((Boolean) ix[3]) {
                notes.add("partial index " + name + " on " + table + " is not copied");
                continue;
            }
            List<String> cols = new ArrayList<>();
            boolean plain = true;
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT cid, name FROM pragma_index_info(?) ORDER BY seqno")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plain &= rs.getInt(1) >= 0; // -1: rowid, -2: an expression
                        cols.add(rs.getString(2));
                    }
                }
            }
            if (!plain) {
                notes.add("index " + name + " on " + table + " uses an expression or the rowid and is not copied");
                continue;
            }
            boolean constraint = origin.equals("u");
            // sqlite_autoindex_t_1 means nothing on another database; name it the way PostgreSQL would.
            String indexName = constraint && name.startsWith("sqlite_autoindex_")
                    ? table + "_" + String.join("_", cols) + "_key" : name;
            out.add(new Index(indexName, cols, unique, constraint));
        }
        out.sort(Comparator.comparing(Index::name));
        return out;
    }

    /** @param deferred the child columns (lower case) of the foreign keys the table's statement declares deferred */
    private List<ForeignKey> foreignKeys(String table, List<String> allTables, java.util.Set<List<String>> deferred)
            throws SQLException {
        Map<Integer, List<String[]>> byId = new java.util.TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new String[] {
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)});
                }
            }
        }
        List<ForeignKey> out = new ArrayList<>();
        for (List<String[]> parts : byId.values()) {
            String written = parts.get(0)[0];
            // The parent is named as the DDL wrote it; SQLite matches table names case-insensitively.
            String parent = allTables.stream().filter(t -> t.equalsIgnoreCase(written)).findFirst().orElse(written);
            List<String> cols = parts.stream().map(p -> p[1]).toList();
            List<String> refCols;
            if (parts.get(0)[2] == null) {
                // REFERENCES parent without a column list: the parent's primary key, implicitly.
                refCols = primaryKeyOf(parent);
                if (refCols.size() != cols.size()) {
                    notes.add("foreign key " + table + "(" + String.join(", ", cols) + ") references " + parent
                            + " without columns, and " + parent + " has no matching primary key; left out");
                    continue;
                }
            } else {
                refCols = parts.stream().map(p -> p[2]).toList();
            }
            String name = table + "_" + String.join("_", cols) + "_fkey";
            boolean defers = deferred.contains(cols.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
            out.add(new ForeignKey(name, cols, TableId.of(parent), refCols, defers, action(parts.get(0)[4]),
                    action(parts.get(0)[3]), defers));
        }
        return out;
    }

    private List<String> primaryKeyOf(String table) throws SQLException {
        Map<Integer, String> pk = new java.util.TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pk.put(rs.getInt(2), rs.getString(1));
                }
            }
        }
        return List.copyOf(pk.values());
    }

    private static String action(String a) {
        return a == null || a.equalsIgnoreCase("NO ACTION") ? null : a.toUpperCase(Locale.ROOT);
    }

    private String createSql(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
    }

    /**
     * The table's rows for plans and progress: exact in a small file; in a larger one the span of its
     * rowids (two b-tree descents: exact when no row was deleted, and never fewer than the rows), or
     * an exact count, ANALYZE's figure or unknown (-1) when the span says nothing.
     */
    private long estimate(String table, boolean stat1, boolean withoutRowid) throws SQLException {
        if (fileSize <= EXACT_COUNT_BYTES) {
            return count(connection, table);
        }
        long span = withoutRowid ? -1 : rowidSpan(table);
        if (span >= 0) {
            return span;
        }
        if (fileSize <= COUNT_LIMIT_BYTES) {
            return count(connection, table);
        }
        if (stat1) {
            // ANALYZE's statistics: the first number of any row for the table is its row count.
            try (PreparedStatement ps = connection.prepareStatement("SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        String first = rs.getString(1).split(" ")[0];
                        if (first.matches("[0-9]+")) {
                            return Long.parseLong(first);
                        }
                    }
                }
            }
        }
        return -1;
    }

    /**
     * max(rowid) - min(rowid) + 1, or -1 when that cannot be the row count's bound: the rowids are
     * sparse (a row takes at least 4 bytes of the file, so a span above a quarter of its size is not
     * rows) or the table has no rowid to ask (a virtual table).
     */
    private long rowidSpan(String table) {
        try (Statement s = connection.createStatement();
             // Two subqueries: SQLite answers a lone min() or max() of the rowid from the b-tree's edge, both in one SELECT by a scan.
             ResultSet rs = s.executeQuery("SELECT (SELECT min(rowid) FROM " + SqliteIdentifiers.quote(table) + "), (SELECT max(rowid) FROM "
                     + SqliteIdentifiers.quote(table) + ")")) {
            if (!rs.next() || rs.getObject(1) == null) {
                return 0;
            }
            long min = rs.getLong(1);
            long max = rs.getLong(2);
            long span = max - min + 1;
            return span > 0 && max >= min && span <= fileSize / 4 ? span : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SqliteIdentifiers.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
