package io.decant.spark;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.SliceStats;
import io.decant.core.spi.TableSlice;
import io.decant.core.type.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a table into slices of about the same number of rows: by its one-column primary key when the key's
 * text form reads back exactly (integers, text, uuid, numeric, date), from a sample of its values, so that
 * skewed keys still give even slices; a uuid key that the sample shows random is split by value space; any
 * other table by ranges of storage blocks. A table gets at least four slices per core unless that would
 * make slices smaller than {@link #MIN_SLICE_ROWS}, and none larger than the slice size asked for.
 */
final class Slicer {
    /** Below this a slice costs more in task start and transactions than it saves. */
    static final long MIN_SLICE_ROWS = 1_000;
    /** Sampled key values per slice: enough that a slice's share of the rows varies by a few percent. */
    static final int SAMPLE_PER_SLICE = 400;
    static final int MAX_SAMPLE = 2_000_000;
    private static final BigInteger UUID_SPACE = BigInteger.ONE.shiftLeft(128);

    private Slicer() {
    }

    /** The key a table is split by, or null (then by blocks). */
    static Column splitKey(Table table) {
        if (table.primaryKey().size() != 1) {
            return null;
        }
        Column key = table.findColumn(table.primaryKey().get(0)).orElse(null);
        if (key == null || !key.isSupported()) {
            return null;
        }
        Kind k = key.type().kind();
        return k.isInteger() || k == Kind.TEXT || k == Kind.UUID || k == Kind.DECIMAL || k == Kind.DATE ? key : null;
    }

    /** How many slices a table of {@code rows} rows gets, for slices of at most {@code sliceRows} and {@code cores} cores. */
    static int count(long rows, long sliceRows, int cores) {
        if (rows <= MIN_SLICE_ROWS) {
            return 1;
        }
        long bySize = ceilDiv(rows, sliceRows);
        long byCores = Math.min(4L * cores, rows / MIN_SLICE_ROWS);
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.max(bySize, byCores));
    }

    /** The sample to ask for when a table is split into {@code slices}. */
    static int sampleSize(int slices) {
        return (int) Math.min(MAX_SAMPLE, (long) slices * SAMPLE_PER_SLICE);
    }

    /**
     * The slices of a table with key {@code key} (or null) into {@code n} parts, from {@code stats}. Fewer parts
     * come back when the sample has fewer distinct values than parts, or the table fewer blocks.
     */
    static List<TableSlice> slices(Column key, SliceStats stats, int n) {
        return slices(key == null ? "" : key.name(), key != null && key.type().kind() == Kind.UUID, stats, n);
    }

    /**
     * The same for a key the source names ({@link io.decant.core.spi.SourceDatabase#sliceKey}): a column or a
     * pseudo-column such as SQLite's rowid; {@code ""} for block ranges.
     */
    static List<TableSlice> slices(String key, boolean uuidKey, SliceStats stats, int n) {
        if (n <= 1 || stats == null) {
            return List.of(TableSlice.whole());
        }
        if (!key.isEmpty()) {
            List<String> sample = stats.sample();
            if (uuidKey && uniform(sample)) {
                return byUuidSpace(key, n);
            }
            return byQuantiles(key, sample, n);
        }
        if (stats.blocks() > 1) {
            return byBlocks(stats.blocks(), (int) Math.min(n, stats.blocks()));
        }
        return List.of(TableSlice.whole());
    }

    static List<TableSlice> byQuantiles(String key, List<String> sample, int n) {
        List<String> bounds = new ArrayList<>();
        int m = sample.size();
        if (m == 0) {
            return List.of(TableSlice.whole()); // nothing sampled: no bound to split at
        }
        for (int i = 1; i < n; i++) {
            String b = sample.get((int) ((long) i * m / n));
            if (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(b)) {
                bounds.add(b);
            }
        }
        if (m > 0 && !bounds.isEmpty() && bounds.get(0).equals(sample.get(0))) {
            bounds.remove(0); // nothing below the smallest value sampled but what the first slice holds anyway
        }
        return ranges(key, bounds);
    }

    static List<TableSlice> byUuidSpace(String key, int n) {
        List<String> bounds = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            bounds.add(uuidText(UUID_SPACE.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))));
        }
        return ranges(key, bounds);
    }

    static List<TableSlice> byBlocks(long blocks, int n) {
        List<TableSlice> out = new ArrayList<>();
        long from = 0;
        for (int i = 1; i <= n; i++) {
            long to = blocks * i / n;
            out.add(new TableSlice(null, i == 1 ? null : Long.toString(from), i == n ? null : Long.toString(to)));
            from = to;
        }
        return out;
    }

    private static List<TableSlice> ranges(String key, List<String> bounds) {
        List<TableSlice> out = new ArrayList<>();
        String low = null;
        for (String b : bounds) {
            out.add(new TableSlice(key, low, b));
            low = b;
        }
        out.add(new TableSlice(key, low, null));
        return out;
    }

    /**
     * Whether sampled uuids (ascending) spread evenly over the value space, as random (version 4) ones do: no
     * sampled value's place in the sample is more than a tenth away from its place in the space. Time-ordered
     * uuids (version 7) fail this and are split by their sample instead.
     */
    static boolean uniform(List<String> sample) {
        int m = sample.size();
        if (m < 200) {
            return false;
        }
        for (int j = 0; j < m; j++) {
            double at = new BigInteger(sample.get(j).replace("-", ""), 16).doubleValue() / UUID_SPACE.doubleValue();
            if (Math.abs(at - (j + 0.5) / m) > 0.1) {
                return false;
            }
        }
        return true;
    }

    static String uuidText(BigInteger v) {
        String h = String.format(Locale.ROOT, "%032x", v);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
