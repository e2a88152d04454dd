package io.decant.mysql;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tables of one database from information_schema: five queries for the whole database
 * rather than five per table, because information_schema is slow on servers with many tables.
 * Expression indexes (MySQL 8), FULLTEXT and SPATIAL indexes have no {@link Index} form; they are
 * left out and listed in {@link #skippedIndexes()} for {@code check}.
 */
final class MysqlSchemaReader {
    private static final Pattern JSON_VALID = Pattern.compile("(?i)^json_valid\\(`((?:[^`]|``)+)`\\)$");

    private final Connection connection;
    private final String database;
    private final ServerInfo server;
    private final List<String> skippedIndexes = new ArrayList<>();
    private final List<String> nonTransactional = new ArrayList<>();

    MysqlSchemaReader(Connection connection, String database, ServerInfo server) {
        this.connection = connection;
        this.database = database;
        this.server = server;
    }

    List<Table> tables() throws SQLException {
        Map<String, long[]> rows = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT TABLE_NAME, TABLE_ROWS, ENGINE FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals(io.decant.core.spi.JournalEntry.TABLE_NAME)) {
                        continue; // decant's own run journal is not data
                    }
                    long estimate = rs.getLong(2);
                    rows.put(rs.getString(1), new long[] {rs.wasNull() ? -1 : estimate});
                    String engine = rs.getString(3);
                    if (engine != null && !engine.equalsIgnoreCase("InnoDB")) {
                        nonTransactional.add(rs.getString(1) + " (" + engine + ")");
                    }
                }
            }
        }
        Set<String> jsonColumns = server.mariaDb() ? jsonCheckedColumns() : Set.of();
        Map<String, List<Column>> columns = columns(jsonColumns);
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        Map<String, List<Index>> indexes = indexes(primaryKeys);
        Map<String, List<ForeignKey>> foreignKeys = foreignKeys();
        List<Table> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            String name = e.getKey();
            out.add(new Table(TableId.of(name), columns.getOrDefault(name, List.of()),
                    primaryKeys.getOrDefault(name, List.of()), indexes.getOrDefault(name, List.of()),
                    foreignKeys.getOrDefault(name, List.of()), e.getValue()[0]));
        }
        return out;
    }

    List<String> skippedIndexes() {
        return skippedIndexes;
    }

    /** Tables whose engine cannot roll back (MyISAM, ...): a failed load cannot be undone there. */
    List<String> nonTransactional() {
        return nonTransactional;
    }

    /** MariaDB spells JSON as LONGTEXT with a column CHECK named after the column: {@code json_valid(`c`)}. */
    private Set<String> jsonCheckedColumns() throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Matcher m = JSON_VALID.matcher(rs.getString(2).strip());
                    if (m.matches()) {
                        out.add(key(rs.getString(1), m.group(1).replace("``", "`")));
                    }
                }
            }
        }
        return out;
    }

    private Map<String, List<Column>> columns(Set<String> jsonColumns) throws SQLException {
        Map<String, List<Column>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, EXTRA, COLUMN_COMMENT,"
                        + " COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String name = rs.getString(2);
                    var info = new SourceTypes.Info(name, rs.getString(3), rs.getString(4),
                            "YES".equals(rs.getString(5)), rs.getString(6), rs.getString(7),
                            jsonColumns.contains(key(table, name)));
                    Column c = SourceTypes.column(info);
                    String collation = rs.getString(8);
                    if (collation != null && c.isSupported() && c.type().kind() == io.decant.core.type.Kind.TEXT) {
                        // how this column compares (utf8mb4_general_ci: case-insensitive; *_bin: by code point)
                        c = c.withCollation("mysql " + collation);
                    }
                    out.computeIfAbsent(table, t -> new ArrayList<>()).add(c);
                }
            }
        }
        return out;
    }

    private Map<String, List<Index>> indexes(Map<String, List<String>> primaryKeys) throws SQLException {
        // table -> index name -> columns, in index order; null column means an expression part
        Map<String, Map<String, List<String>>> cols = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        Set<String> skipped = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE FROM information_schema.STATISTICS"
                        + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String index = rs.getString(2);
                    String column = rs.getString(4);
                    String type = String.valueOf(rs.getString(5)).toUpperCase(Locale.ROOT);
                    String k = key(table, index);
                    if (column == null || type.equals("FULLTEXT") || type.equals("SPATIAL")) {
                        if (skipped.add(k)) {
                            skippedIndexes.add(table + "." + index + " (" + (column == null ? "expression" : type) + ")");
                        }
                        continue;
                    }
                    cols.computeIfAbsent(table, t -> new LinkedHashMap<>())
                            .computeIfAbsent(index, i -> new ArrayList<>()).add(column);
                    unique.put(k, rs.getInt(3) == 0);
                }
            }
        }
        Map<String, List<Index>> out = new LinkedHashMap<>();
        cols.forEach((table, byName) -> byName.forEach((index, columns) -> {
            if (skipped.contains(key(table, index))) {
                return;
            }
            if (index.equals("PRIMARY")) {
                primaryKeys.put(table, columns);
                return;
            }
            boolean u = unique.get(key(table, index));
            // In MySQL a unique index is the unique constraint; there is no separate kind.
            out.computeIfAbsent(table, t -> new ArrayList<>()).add(new Index(index, columns, u, u));
        }));
        return out;
    }

    private Map<String, List<ForeignKey>> foreignKeys() throws SQLException {
        record Fk(String table, String name, TableId ref, String onUpdate, String onDelete,
                  List<String> columns, List<String> refColumns) {
        }
        Map<String, Fk> byKey = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.REFERENCED_TABLE_SCHEMA, rc.REFERENCED_TABLE_NAME,"
                        + " rc.UPDATE_RULE, rc.DELETE_RULE, k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME"
                        + " FROM information_schema.REFERENTIAL_CONSTRAINTS rc"
                        + " JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA"
                        + " AND k.TABLE_NAME = rc.TABLE_NAME AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME"
                        + " WHERE rc.CONSTRAINT_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                        + " ORDER BY rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String name = rs.getString(2);
                    String refSchema = rs.getString(3);
                    // A reference into another database keeps that database as its schema; ours is the default (null).
                    TableId ref = new TableId(database.equals(refSchema) ? null : refSchema, rs.getString(4));
                    String onUpdate = rs.getString(5);
                    String onDelete = rs.getString(6);
                    Fk fk = byKey.computeIfAbsent(key(table, name),
                            k -> new Fk(table, name, ref, onUpdate, onDelete, new ArrayList<>(), new ArrayList<>()));
                    fk.columns().add(rs.getString(7));
                    fk.refColumns().add(rs.getString(8));
                }
            }
        }
        Map<String, List<ForeignKey>> out = new LinkedHashMap<>();
        for (Fk fk : byKey.values()) {
            out.computeIfAbsent(fk.table(), t -> new ArrayList<>()).add(new ForeignKey(fk.name(), fk.columns(),
                    fk.ref(), fk.refColumns(), false, fk.onDelete(), fk.onUpdate()));
        }
        return out;
    }

    private static String key(String table, String name) {
        return table + "\u0000" + name;
    }
}
