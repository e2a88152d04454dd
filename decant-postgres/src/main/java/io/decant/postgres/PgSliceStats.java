package io.decant.postgres;

import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.SliceStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a table is sized for splitting into slices (decant on Spark): rows counted inside the snapshot
 * (estimated from pg_class past {@value #COUNT_LIMIT} estimated rows), the table's heap pages when it is
 * a plain table (ctid ranges mean nothing across partitions or children), and a BERNOULLI sample of the
 * key (all of it when the table is not much larger than the sample).
 */
final class PgSliceStats {
    private PgSliceStats() {
    }

    static SliceStats of(PgConnector connector, Table table, String keyColumn, int sampleRows, String snapshotId,
                         Set<TableId> inheritanceParents) {
        Connection c = connector.openForReading();
        String from = PgIdentifiers.from(table.id(), inheritanceParents);
        try {
            CopyOutSession.beginReadTransaction(c, snapshotId);
            long estimate;
            long blocks;
            boolean plain;
            try (PreparedStatement ps = c.prepareStatement("SELECT c.reltuples::bigint, c.relkind::text,"
                    + " pg_catalog.pg_relation_size(c.oid) / current_setting('block_size')::bigint"
                    + " FROM pg_catalog.pg_class c WHERE c.oid = ?::regclass")) {
                ps.setString(1, PgIdentifiers.table(table.id()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    estimate = rs.getLong(1);
                    plain = rs.getString(2).equals("r") && !inheritanceParents.contains(table.id());
                    blocks = plain ? rs.getLong(3) : 0;
                }
            }
            long rows = estimate;
            boolean exact = false;
            if (estimate < 0 || estimate <= COUNT_LIMIT) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
                    rs.next();
                    rows = rs.getLong(1);
                    exact = true;
                }
            }
            List<String> sample = new ArrayList<>();
            if (keyColumn != null && rows > 0) {
                String k = PgIdentifiers.quote(keyColumn);
                double percent = 100.0 * sampleRows / rows;
                String sql = "SELECT " + k + "::text FROM " + from + (percent >= 50 ? ""
                        : String.format(java.util.Locale.ROOT, " TABLESAMPLE BERNOULLI (%.6f) REPEATABLE (18)", percent))
                        // qualified: ORDER BY "id" alone would sort the text output column of that name
                        + " WHERE " + k + " IS NOT NULL ORDER BY " + PgIdentifiers.table(table.id()) + "." + k;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        sample.add(rs.getString(1));
                    }
                }
            }
            c.commit();
            return new SliceStats(rows, exact, blocks, sample);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("split").withTable(table.id().display()),
                    "sizing the table for splitting");
        } finally {
            PgConnector.closeQuietly(c);
        }
    }

    /** Tables estimated at up to this many rows are counted exactly when split. */
    private static final long COUNT_LIMIT = 20_000_000L;
}
