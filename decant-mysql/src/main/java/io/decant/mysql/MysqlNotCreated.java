package io.decant.mysql;

import io.decant.core.schema.SchemaObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code --create-schema} leaves behind of a MySQL/MariaDB table, for {@code plan}: expression
 * (MySQL 8), FULLTEXT and SPATIAL indexes, CHECK constraints (MySQL 8.0.16+, MariaDB 10.2+; MariaDB's
 * {@code json_valid} check on a JSON column is how it spells JSON, not a rule of the application),
 * and triggers; and the database's views.
 */
final class MysqlNotCreated {
    private static final Pattern JSON_VALID = Pattern.compile("(?i)^json_valid\\(`((?:[^`]|``)+)`\\)$");

    private MysqlNotCreated() {
    }

    static List<SchemaObject> of(Connection c, String database, ServerInfo server, String table) throws SQLException {
        List<SchemaObject> out = new ArrayList<>();
        out.addAll(indexes(c, database, server, table));
        out.addAll(checks(c, database, server, table));
        try (PreparedStatement ps = c.prepareStatement("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? ORDER BY TRIGGER_NAME")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SchemaObject(SchemaObject.Kind.TRIGGER, "trigger", rs.getString(1), null));
                }
            }
        }
        // MariaDB spells a default of NULL as 'NULL' and quotes a string default; MySQL leaves strings bare.
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, COLUMN_DEFAULT FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_DEFAULT IS NOT NULL AND COLUMN_DEFAULT <> 'NULL'"
                + " AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SchemaObject(SchemaObject.Kind.DEFAULT, "default of column", rs.getString(1),
                            "DEFAULT " + rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** The indexes {@link MysqlSchemaReader} leaves out, with a CREATE INDEX built from their parts. */
    private static List<SchemaObject> indexes(Connection c, String database, ServerInfo server, String table)
            throws SQLException {
        // MariaDB has no expression indexes, and no EXPRESSION column to ask for.
        String expression = server.mariaDb() ? "NULL" : "EXPRESSION";
        Map<String, List<String>> parts = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE, "
                + expression + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String column = rs.getString(3);
                    String type = String.valueOf(rs.getString(4)).toUpperCase(Locale.ROOT);
                    parts.computeIfAbsent(name, n -> new ArrayList<>()).add(column != null
                            ? MysqlIdentifiers.quote(column) : "(" + rs.getString(5) + ")");
                    unique.put(name, rs.getInt(2) == 0);
                    if (type.equals("FULLTEXT") || type.equals("SPATIAL")) {
                        kinds.put(name, type);
                    } else if (column == null) {
                        kinds.putIfAbsent(name, "expression");
                    }
                }
            }
        }
        List<SchemaObject> out = new ArrayList<>();
        kinds.forEach((name, kind) -> {
            String create = "CREATE " + (kind.equals("expression") ? unique.get(name) ? "UNIQUE " : "" : kind + " ")
                    + "INDEX " + MysqlIdentifiers.quote(name) + " ON " + MysqlIdentifiers.quote(table)
                    + " (" + String.join(", ", parts.get(name)) + ")";
            out.add(new SchemaObject(SchemaObject.Kind.INDEX, kind + " index", name, create));
        });
        return out;
    }

    private static List<SchemaObject> checks(Connection c, String database, ServerInfo server, String table)
            throws SQLException {
        String sql;
        if (server.mariaDb()) {
            if (!server.atLeast(10, 2)) {
                return List.of();
            }
            sql = "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? ORDER BY CONSTRAINT_NAME";
        } else {
            if (!server.atLeast(8, 1) && !(server.major() == 8 && server.patch() >= 16)) {
                return List.of();
            }
            // MySQL names a CHECK uniquely in its schema; its CHECK_CONSTRAINTS has no table column.
            sql = "SELECT cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc"
                    + " JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
                    + " AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ?"
                    + " AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY cc.CONSTRAINT_NAME";
        }
        List<SchemaObject> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String clause = rs.getString(2).strip();
                    if (server.mariaDb() && JSON_VALID.matcher(clause).matches()) {
                        continue;
                    }
                    out.add(new SchemaObject(SchemaObject.Kind.CHECK, "check constraint", rs.getString(1),
                            "CHECK (" + clause + ")"));
                }
            }
        }
        return out;
    }

    static List<String> views(Connection c, String database) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'VIEW' ORDER BY TABLE_NAME")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " (view)");
                }
            }
        }
        return out;
    }
}
