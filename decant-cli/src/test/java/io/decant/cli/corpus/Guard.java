package io.decant.cli.corpus;

import io.decant.testkit.PgServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a failed run must leave exactly as it was: a snapshot taken before the run is compared with
 * one taken after. For a database: every table's row count and content digest (so a half-loaded
 * table, or a pre-existing row changed, is caught); for a folder: every file's name and SHA-256 (so a
 * half-written data file is caught).
 */
interface Guard {
    /** A description of the state; equal descriptions mean untouched. */
    Map<String, String> snapshot();

    Guard NONE = Map::of;

    /**
     * decant's own bookkeeping in the target (issue 7, item 1): it records a failed run so that
     * {@code --resume} can continue it, so it is not a target table a failed run must leave alone.
     */
    String JOURNAL = "decant_journal";

    /** Every table of every non-system schema of a PostgreSQL database. */
    static Guard pg(PgServer.TestDb db) {
        return () -> {
            try (Connection c = db.connect()) {
                return pgTables(c);
            } catch (SQLException e) {
                throw new IllegalStateException("snapshot of " + db.name() + ": " + e.getMessage(), e);
            }
        };
    }

    private static Map<String, String> pgTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                        + " AND table_name <> '" + JOURNAL + "'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (String t : tables) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '-') FROM " + t + " x")) {
                rs.next();
                out.put(t, rs.getString(1));
            }
        }
        return out;
    }

    /** Every table of a MariaDB database: row counts. */
    static Guard maria(String jdbcUrl) {
        return () -> {
            Map<String, String> out = new TreeMap<>();
            try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SHOW TABLES")) {
                    while (rs.next()) {
                        if (!rs.getString(1).equals(JOURNAL)) {
                            tables.add(rs.getString(1));
                        }
                    }
                }
                for (String t : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM `" + t.replace("`", "``") + "`")) {
                        rs.next();
                        out.put(t, rs.getLong(1) + " rows");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("snapshot of " + jdbcUrl + ": " + e.getMessage(), e);
            }
            return out;
        };
    }

    /** Every file below {@code dir} (recursively) with its SHA-256; an empty or missing folder is an empty map. */
    static Guard folder(Path dir) {
        return folder(dir, name -> true);
    }

    /** The files below {@code dir} whose relative path {@code include} accepts. */
    static Guard folder(Path dir, java.util.function.Predicate<String> include) {
        return () -> {
            Map<String, String> out = new TreeMap<>();
            if (!Files.exists(dir)) {
                return out;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f) && include.test(dir.relativize(f).toString())) {
                        out.put(dir.relativize(f).toString(), sha256(Files.readAllBytes(f)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        };
    }

    /** Both guards. */
    default Guard and(Guard other) {
        return () -> {
            Map<String, String> m = new TreeMap<>();
            snapshot().forEach((k, v) -> m.put("a:" + k, v));
            other.snapshot().forEach((k, v) -> m.put("b:" + k, v));
            return m;
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
