package io.decant.cli.matrix;

import io.decant.cli.matrix.MatrixTables.Col;
import io.decant.cli.matrix.MatrixTables.PgArray;
import io.decant.cli.matrix.MatrixTables.Spec;
import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the matrix's source tables in each source dialect, with that dialect's own SQL and the
 * driver's typed parameters (never through decant), so what decant reads is what a user's database holds.
 */
final class Sources {
    private Sources() {
    }

    static String postgres(PgServer.TestDb db) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Spec t : MatrixTables.forSource(Side.POSTGRES)) {
                List<Col> cols = t.columnsFor(Side.POSTGRES);
                s.execute("CREATE TABLE \"" + t.name() + "\" (id integer PRIMARY KEY"
                        + cols.stream().map(x -> ", \"" + x.name() + "\" " + x.pg()).collect(Collectors.joining()) + ")");
                String params = cols.stream().map(x -> ", CAST(? AS " + x.pg() + ")").collect(Collectors.joining());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + t.name() + "\" VALUES (?" + params + ")")) {
                    for (Object[] row : t.rows()) {
                        ps.setLong(1, (Long) row[0]);
                        List<Object> values = t.valuesFor(Side.POSTGRES, row);
                        for (int i = 0; i < values.size(); i++) {
                            Object v = values.get(i);
                            if (v == null) {
                                ps.setNull(i + 2, Types.VARCHAR);
                            } else {
                                ps.setString(i + 2, pgText(v));
                            }
                        }
                        ps.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("building the PostgreSQL source: " + e.getMessage(), e);
        }
        return db.url();
    }

    /** PostgreSQL's input text of a value; every type's input function reads it (CAST(? AS type)). */
    private static String pgText(Object v) {
        if (v instanceof byte[] b) {
            return "\\x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof PgArray a) {
            return a.literal();
        }
        // Double/Float.toString give NaN, Infinity, -0.0, 4.9E-324: all valid float input
        return v.toString();
    }

    static String sqlite(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (Spec t : MatrixTables.forSource(Side.SQLITE)) {
                List<Col> cols = t.columnsFor(Side.SQLITE);
                s.execute("CREATE TABLE \"" + t.name() + "\" (id INTEGER PRIMARY KEY"
                        + cols.stream().map(x -> ", \"" + x.name() + "\" " + x.sqlite()).collect(Collectors.joining()) + ")");
                String params = ", ?".repeat(cols.size());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + t.name() + "\" VALUES (?" + params + ")")) {
                    for (Object[] row : t.rows()) {
                        ps.setLong(1, (Long) row[0]);
                        List<Object> values = t.valuesFor(Side.SQLITE, row);
                        for (int i = 0; i < values.size(); i++) {
                            bindTyped(ps, i + 2, values.get(i), false);
                        }
                        ps.executeUpdate();
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("building the SQLite source: " + e.getMessage(), e);
        }
        return "sqlite:" + file;
    }

    /** Creates a MariaDB database (skips when MariaDB is unreachable) and returns its mysql:// URL. */
    static String mariadb() {
        String url = MariaServer.createDatabase("mx_src");
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = MariaServer.connect(name); Statement s = c.createStatement()) {
            s.execute("SET NAMES utf8mb4");
            s.execute("SET time_zone = '+00:00'"); // TIMESTAMP columns take UTC text
            for (Spec t : MatrixTables.forSource(Side.MARIADB)) {
                List<Col> cols = t.columnsFor(Side.MARIADB);
                s.execute("CREATE TABLE `" + t.name() + "` (id INT PRIMARY KEY"
                        + cols.stream().map(x -> ", `" + x.name() + "` " + x.maria()).collect(Collectors.joining())
                        + ") CHARACTER SET utf8mb4");
                String params = ", ?".repeat(cols.size());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO `" + t.name() + "` VALUES (?" + params + ")")) {
                    for (Object[] row : t.rows()) {
                        ps.setLong(1, (Long) row[0]);
                        List<Col> present = t.columnsFor(Side.MARIADB);
                        List<Object> values = t.valuesFor(Side.MARIADB, row);
                        for (int i = 0; i < values.size(); i++) {
                            Object v = values.get(i);
                            if (v != null && present.get(i).kind() == MatrixTables.Kind.TIMESTAMPTZ) {
                                v = utcWallClock((String) v); // decant's convention: DATETIME holding UTC
                            }
                            bindTyped(ps, i + 2, v, true);
                        }
                        ps.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("building the MariaDB source: " + e.getMessage(), e);
        }
        return url;
    }

    private static String utcWallClock(String instant) {
        return instant.replace('T', ' ').replace("Z", "");
    }

    private static void bindTyped(PreparedStatement ps, int i, Object v, boolean maria) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
        } else if (v instanceof Boolean b) {
            ps.setInt(i, b ? 1 : 0);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof Double d) {
            ps.setDouble(i, d);
        } else if (v instanceof Float f) {
            // MariaDB parses FLOAT text as a decimal and refuses Float.toString(Float.MAX_VALUE) ('3.4028235E38'
            // is above the float's exact value) as out of range: send the float's exact double text
            if (maria) {
                ps.setString(i, Double.toString((double) f));
            } else {
                ps.setDouble(i, f);
            }
        } else if (v instanceof byte[] b) {
            ps.setBytes(i, b);
        } else {
            ps.setString(i, (String) v);
        }
    }
}
