package io.decant.core.plan;

import io.decant.core.api.SampleFailure;
import io.decant.core.api.TableSample;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.run.Rejects;
import io.decant.core.run.RowMapper;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code plan --sample N}: runs every table's conversions, casts and expressions over its first N
 * rows (or all) without writing anything, and collects every value that would fail, so that a user
 * fixes the spec before the maintenance window rather than on row 5 million.
 */
public final class Sampler {
    static final int EXAMPLES = 50;

    private Sampler() {
    }

    /** @param limit rows per table, or {@code Long.MAX_VALUE} for all */
    public static List<TableSample> run(MigrationPlan plan, SourceDatabase source, long limit) {
        List<TableSample> out = new ArrayList<>();
        for (TablePlan tp : plan.tables()) {
            out.add(sample(tp, source, limit));
        }
        return out;
    }

    private static TableSample sample(TablePlan tp, SourceDatabase source, long limit) {
        Collector c = new Collector();
        RowMapper mapper = new RowMapper(tp).rejectingInto(c, tp);
        List<String> names = tp.read().stream().map(x -> x.name()).toList();
        long read = 0;
        String stopped = null;
        try (RowStream rs = source.read(tp.source(), tp.read())) {
            while (read < limit) {
                Object[] row;
                try {
                    row = rs.next();
                } catch (DecantException e) {
                    if (e.code().category() != ErrorCode.Category.DATA) {
                        throw e;
                    }
                    c.reject(tp.name(), rs.rowsRead(), e, names, new Object[names.size()]);
                    read = rs.rowsRead();
                    if (!rs.skipsBadRows()) {
                        stopped = "the source cannot read past a bad value of this table; later rows were not sampled";
                        break;
                    }
                    continue;
                }
                if (row == null) {
                    break;
                }
                read = rs.rowsRead();
                mapper.map(row, read);
            }
        }
        return new TableSample(tp.name(), read, c.count.get(), List.copyOf(c.examples), stopped);
    }

    /** Collects failures instead of stopping; called from one thread per table. */
    private static final class Collector implements Rejects {
        final AtomicLong count = new AtomicLong();
        final List<SampleFailure> examples = new ArrayList<>();
        private final Map<String, AtomicLong> perTable = new ConcurrentHashMap<>();

        @Override
        public void reject(String table, long ordinal, DecantException reason, List<String> columns, Object[] row) {
            count.incrementAndGet();
            perTable.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
            if (examples.size() < EXAMPLES) {
                var ctx = reason.context();
                examples.add(new SampleFailure(ctx.rowOrdinal() != null ? ctx.rowOrdinal() : ordinal, ctx.rowKey(), ctx.column(),
                        ctx.value(), ctx.rule(), reason.code().name(), reason.detail()));
            }
        }

        @Override
        public long count(String table) {
            AtomicLong n = perTable.get(table);
            return n == null ? 0 : n.get();
        }
    }
}
