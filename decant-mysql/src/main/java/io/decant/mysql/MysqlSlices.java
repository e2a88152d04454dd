package io.decant.mysql;

import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.SliceStats;
import io.decant.core.spi.TableSlice;
import io.decant.core.type.Kind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Slices of a MySQL/MariaDB table for an engine that reads one table in several tasks (decant on Spark): key
 * ranges of a one-column integer or text primary key, sized from a sample of the key. InnoDB cannot hand a
 * snapshot from one connection to another, so each slice, and the sizing, reads in a
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} of its own: slices see different moments, and only a
 * source that takes no writes during the run gives a consistent copy. Other keys (decimal, temporal, binary,
 * composite) are not split: their text form compared with the column does not always keep the column's order
 * (a decimal bound compares as a double), so such a table is read whole, in one slice.
 *
 * <p>The sample is a {@code RAND(seed)} filter over the key, one pass of the primary key's index with only
 * the sampled values sorted and sent back; MySQL has no TABLESAMPLE and its statistics keep no key histogram
 * by default.
 */
final class MysqlSlices {
    /** Tables estimated at up to this many rows are counted exactly when split. */
    static final long COUNT_LIMIT = 20_000_000L;

    private MysqlSlices() {
    }

    /** Whether {@code key} bounds slices exactly: integers compare as numbers, text in the column's collation. */
    static boolean splits(Column key) {
        if (key == null || !key.isSupported()) {
            return false;
        }
        Kind k = key.type().kind();
        return k.isInteger() || k == Kind.TEXT;
    }

    /** Begins a read-only transaction with a snapshot of its own on {@code c}. */
    static void beginSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // WITH CONSISTENT SNAPSHOT is a no-op under READ COMMITTED: the session's level is set first
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    static SliceStats stats(MysqlConnector connector, String database, Table table, String keyColumn, int sampleRows) {
        String name = MysqlIdentifiers.quote(table.name());
        ErrorContext where = ErrorContext.EMPTY.withPhase("split").withTable(table.id().display());
        Connection c = connector.open();
        try {
            beginSnapshot(c);
            long estimate = -1;
            try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_ROWS FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
                ps.setString(1, database);
                ps.setString(2, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        estimate = rs.getLong(1);
                    }
                }
            }
            long rows = estimate;
            boolean exact = false;
            if (estimate < 0 || estimate <= COUNT_LIMIT) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + name)) {
                    rs.next();
                    rows = rs.getLong(1);
                    exact = true;
                }
            }
            List<String> sample = new ArrayList<>();
            if (keyColumn != null && rows > 0) {
                String k = MysqlIdentifiers.quote(keyColumn);
                double fraction = (double) sampleRows / rows;
                String sql = "SELECT " + k + " FROM " + name + " WHERE " + k + " IS NOT NULL"
                        + (fraction >= 0.5 ? "" : String.format(Locale.ROOT, " AND RAND(18) < %.9f", fraction))
                        + " ORDER BY " + k;
                try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    s.setFetchSize(MysqlRowStream.FETCH);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            sample.add(rs.getString(1));
                        }
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
            return new SliceStats(rows, exact, 0, sample);
        } catch (SQLException e) {
            throw connector.error(e, where);
        } finally {
            MysqlConnector.closeQuietly(c);
        }
    }

    /**
     * The WHERE clause of {@code slice}, with a parameter per bound ({@link #bind}), or "" for the whole table.
     * A slice by blocks is refused: MySQL tables have none to split by.
     */
    static String condition(Table table, TableSlice slice) {
        if (slice.isWhole()) {
            return "";
        }
        if (slice.keyColumn() == null) {
            throw new UnsupportedOperationException(table.id().display() + ": MySQL tables are not split by blocks");
        }
        String k = MysqlIdentifiers.quote(slice.keyColumn());
        List<String> parts = new ArrayList<>();
        if (slice.low() != null) {
            parts.add(k + " >= ?");
        }
        if (slice.high() != null) {
            parts.add(k + " < ?");
        }
        return " WHERE " + String.join(" AND ", parts);
    }

    /**
     * Binds the bounds of {@code slice}: an integer key's as exact numbers (a string compared with an integer
     * column compares as a double, wrong past 2^53), a text key's as strings, compared in the column's collation.
     */
    static void bind(PreparedStatement ps, Table table, TableSlice slice) throws SQLException {
        if (slice.isWhole()) {
            return;
        }
        Column key = table.findColumn(slice.keyColumn()).orElseThrow(() -> new IllegalArgumentException(
                table.id().display() + " has no column " + slice.keyColumn() + " to bound a slice by"));
        boolean number = key.type().kind().isInteger();
        int at = 1;
        for (String bound : new String[] {slice.low(), slice.high()}) {
            if (bound != null) {
                if (number) {
                    ps.setBigDecimal(at++, new BigDecimal(bound));
                } else {
                    ps.setString(at++, bound);
                }
            }
        }
    }
}
