package io.decant.sqlite;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.sqlite.JDBC;

/** Real SQLite files for tests: raw SQL in, decant's source out. */
final class TestDb {
    private TestDb() {
    }

    static void exec(Path file, String... sql) {
        try (Connection c = JDBC.createConnection("jdbc:sqlite:" + file, new Properties()); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<List<Object>> query(Path file, String sql) {
        try (Connection c = JDBC.createConnection("jdbc:sqlite:" + file, new Properties()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static SourceDatabase source(Path file) {
        return new SqliteDialect().openSource("sqlite:" + file, OpenOptions.DEFAULT);
    }

    static Table table(SourceDatabase src, String name) {
        return src.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * A stream's next row, or the message of the error reading it raised: so that two ways of reading the same rows
     * compare row by row, errors included.
     */
    record Read(Object[] row, String error) {
        static Read of(java.util.function.Supplier<Object[]> next) {
            try {
                return new Read(next.get(), null);
            } catch (io.decant.core.error.DecantException e) {
                return new Read(null, e.getMessage());
            }
        }
    }

    /** Every row of a table, all columns. */
    static List<Object[]> readAll(Path file, String table) {
        try (SourceDatabase src = source(file)) {
            Table t = table(src, table);
            return readAll(src, t, t.columns());
        }
    }

    static List<Object[]> readAll(SourceDatabase src, Table t, List<Column> columns) {
        List<Object[]> rows = new ArrayList<>();
        try (RowStream s = src.read(t, columns)) {
            for (Object[] r = s.next(); r != null; r = s.next()) {
                rows.add(r);
            }
        }
        return rows;
    }
}
