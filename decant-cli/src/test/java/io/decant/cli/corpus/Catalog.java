package io.decant.cli.corpus;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * A target's catalog for the schema corpus: its schemas, and every table, index, constraint and
 * sequence with each table's row count, so that a refusing run is seen to leave nothing behind
 * (not even an empty table or an index). decant's own bookkeeping is included: a run that refuses
 * in plan has not opened its journal, so it leaves no {@code decant_journal} (nor a schema for it).
 */
final class Catalog {
    private Catalog() {
    }

    static Guard pg(PgServer.TestDb db) {
        return () -> {
            Map<String, String> out = new TreeMap<>();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%'"
                        + " AND n.nspname <> 'information_schema'")) {
                    while (rs.next()) {
                        out.put("rel " + rs.getString(1) + "." + rs.getString(2), rs.getString(3));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                        + " AND nspname <> 'information_schema'")) {
                    while (rs.next()) {
                        out.put("schema " + rs.getString(1), "");
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT conrelid::regclass::text, conname, contype FROM pg_catalog.pg_constraint"
                        + " WHERE connamespace NOT IN (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname LIKE 'pg\\_%'"
                        + " OR nspname = 'information_schema')")) {
                    while (rs.next()) {
                        out.put("constraint " + rs.getString(1) + "." + rs.getString(2), rs.getString(3));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("catalog of " + db.name() + ": " + e.getMessage(), e);
            }
            Guard.pg(db).snapshot().forEach((k, v) -> out.put("rows " + k, v));
            return out;
        };
    }

    static Guard maria(String database) {
        return () -> {
            Map<String, String> out = new TreeMap<>();
            try (Connection c = MariaServer.connect(database); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT table_name, table_type FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE()")) {
                    while (rs.next()) {
                        out.put("table " + rs.getString(1), rs.getString(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT table_name, index_name, column_name FROM information_schema.statistics"
                        + " WHERE table_schema = DATABASE()")) {
                    while (rs.next()) {
                        out.merge("index " + rs.getString(1) + "." + rs.getString(2), rs.getString(3), (a, b) -> a + "," + b);
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT table_name, constraint_name FROM information_schema.table_constraints"
                        + " WHERE constraint_schema = DATABASE()")) {
                    while (rs.next()) {
                        out.put("constraint " + rs.getString(1) + "." + rs.getString(2), "");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("catalog of " + database + ": " + e.getMessage(), e);
            }
            Guard.maria(MariaServer.jdbcUrl(database)).snapshot().forEach((k, v) -> out.put("rows " + k, v));
            return out;
        };
    }

    /** A SQLite file's schema (every object's SQL) and row counts; a file that does not exist is an empty map. */
    static Guard sqlite(Path file) {
        return () -> {
            Map<String, String> out = new TreeMap<>();
            if (!Files.exists(file)) {
                return out;
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                java.util.List<String> tables = new java.util.ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master")) {
                    while (rs.next()) {
                        out.put(rs.getString(1) + " " + rs.getString(2), String.valueOf(rs.getString(3)));
                        if (rs.getString(1).equals("table")) {
                            tables.add(rs.getString(2));
                        }
                    }
                }
                for (String t : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + t.replace("\"", "\"\"") + "\"")) {
                        rs.next();
                        out.put("rows " + t, rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("catalog of " + file + ": " + e.getMessage(), e);
            }
            return out;
        };
    }
}
