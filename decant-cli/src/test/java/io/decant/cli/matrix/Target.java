package io.decant.cli.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.cli.matrix.MatrixTables.Col;
import io.decant.cli.matrix.MatrixTables.Kind;
import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A target of one matrix cell (or of one source/target pair), and how the test reads it back
 * without decant: plain JDBC with each dialect's own text forms (and never the MariaDB driver's
 * temporal getters, which go through the JVM zone), or the JSONL files themselves.
 */
final class Target {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Side side;
    final String url;
    private final String jdbcUrl;
    private final Path folder;

    private Target(Side side, String url, String jdbcUrl, Path folder) {
        this.side = side;
        this.url = url;
        this.jdbcUrl = jdbcUrl;
        this.folder = folder;
    }

    static Target create(Side side, Path tmp, String name) {
        return switch (side) {
            case POSTGRES -> {
                PgServer.TestDb db = PgServer.get().createDatabase("mx_" + name);
                yield new Target(side, db.url(), db.jdbcUrl(), null);
            }
            case SQLITE -> {
                Path f = tmp.resolve(name + ".db");
                yield new Target(side, "sqlite:" + f, "jdbc:sqlite:" + f, null);
            }
            case MARIADB -> {
                String url = MariaServer.createDatabase("mx_" + name);
                yield new Target(side, url, MariaServer.jdbcUrl(url.substring(url.lastIndexOf('/') + 1)), null);
            }
            case FOLDER -> {
                Path dir = tmp.resolve(name);
                yield new Target(side, dir.toString(), null, dir);
            }
        };
    }

    /** Rows of {@code table} keyed by id, each column as the canonical form of {@link Values#actual}. */
    Map<Long, Map<String, Object>> read(String table, List<Col> cols) {
        return side == Side.FOLDER ? readFolder(table, cols) : readJdbc(table, cols);
    }

    /** Rows left in {@code table}: 0 when the table does not exist (or, for a folder, has no data file). */
    long rowsLeft(String table) {
        if (side == Side.FOLDER) {
            try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
                return files.filter(p -> p.getFileName().toString().startsWith(table + ".")
                        || p.getFileName().toString().startsWith(table + "-")).filter(p -> !p.toString().endsWith(".tmp")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("does not exist") || m.contains("no such table") || m.contains("doesn't exist")) {
                return 0;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private String quote(String name) {
        return side == Side.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }

    private Map<Long, Map<String, Object>> readJdbc(String table, List<Col> cols) {
        StringBuilder sql = new StringBuilder("SELECT id");
        for (Col c : cols) {
            sql.append(", ").append(expression(c));
        }
        sql.append(" FROM ").append(quote(table)).append(" ORDER BY id");
        Map<Long, Map<String, Object>> rows = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            if (side == Side.POSTGRES) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            try (ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < cols.size(); i++) {
                        Object raw = rs.getObject(i + 2);
                        row.put(cols.get(i).name(), raw == null ? null : Values.actual(cols.get(i).kind(), raw));
                    }
                    rows.put(rs.getLong(1), row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading back " + table + " from " + url + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** The SELECT expression for a column: text forms that need no driver conversion. */
    private String expression(Col c) {
        String q = quote(c.name());
        return switch (side) {
            case POSTGRES -> switch (c.kind()) {
                case BYTES -> "encode(" + q + ", 'hex')";
                case ARRAY -> "to_jsonb(" + q + ")::text";
                case TEXT -> q;
                default -> q + "::text";
            };
            case SQLITE -> c.kind() == Kind.BYTES ? "CASE WHEN " + q + " IS NULL THEN NULL ELSE hex(" + q + ") END" : q;
            case MARIADB -> switch (c.kind()) {
                case BYTES -> "HEX(" + q + ")";
                case FLOAT32, FLOAT64 -> "(" + q + " * 1e0)";
                case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID, DECIMAL, INT, BOOL -> "CAST(" + q + " AS CHAR)";
                case TEXT, JSON, ARRAY -> q;
            };
            case FOLDER -> throw new IllegalStateException("a folder is not read with SQL");
        };
    }

    private Map<Long, Map<String, Object>> readFolder(String table, List<Col> cols) {
        Map<Long, Map<String, Object>> rows = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.list(folder)) {
            all.filter(p -> p.getFileName().toString().startsWith(table) && p.toString().endsWith(".jsonl"))
                    .sorted().forEach(files::add);
            for (Path f : files) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(line);
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (Col c : cols) {
                        JsonNode v = n.get(c.name());
                        row.put(c.name(), v == null || v.isNull() ? null : Values.actualJson(c.kind(), v));
                    }
                    rows.put(n.get("id").asLong(), row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading back " + table + " from " + folder, e);
        }
        return rows;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String base64ToHex(String s) {
        return hex(Base64.getDecoder().decode(s));
    }
}
