package io.decant.spark;

import io.decant.core.run.RowMapper;
import io.decant.core.plan.TablePlan;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spi.Journal;
import io.decant.core.spi.JournalEntry;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import java.time.Instant;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task that loads one slice: claims the slice in the target's journal (an attempt that finds it recorded
 * does nothing), reads it inside the source's exported snapshot with decant's reader, maps each row through
 * the plan as a one-machine run does, COPYs it into the target and commits the rows together with the
 * slice's journal entry, in one transaction: a failed attempt leaves nothing, a finished one is never loaded
 * twice.
 */
final class SliceLoad implements Function<SliceTask, SliceOutcome> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<RunContext> context;

    SliceLoad(Broadcast<RunContext> context) {
        this.context = context;
    }

    @Override
    public SliceOutcome call(SliceTask task) throws Exception {
        RunContext ctx = context.value();
        long start = System.nanoTime();
        try {
            Worker w = Worker.of(ctx);
            w.permits.acquire();
            try {
                return load(ctx, w, task, start);
            } finally {
                w.permits.release();
            }
        } catch (DecantException e) {
            throw SliceFailed.of(e, task);
        }
    }

    private static SliceOutcome load(RunContext ctx, Worker w, SliceTask task, long start) {
        TablePlan tp = w.plan(task.table());
        String position = task.position();
        Journal journal = w.target.journal();
        Journal.Claim claim = journal == null ? null : journal.claim(ctx.runId(), tp.name(), position);
        if (claim == null) {
            throw new DecantException(ErrorCode.USAGE, w.target.displayUrl() + " cannot record slices in a journal,"
                    + " which a Spark run needs so that a retried task does not load its rows twice");
        }
        try (claim) {
            if (claim.recordedRows() >= 0) {
                return new SliceOutcome(tp.name(), task.index(), claim.recordedRows(), true, seconds(start));
            }
            JournalEntry mark = new JournalEntry(ctx.runId(), ctx.planHash(), JournalEntry.CHUNK_DONE, tp.name(), 0,
                    Instant.now(), position);
            RowMapper mapper = new RowMapper(tp);
            ErrorContext where = ErrorContext.EMPTY.withPhase("load").withTable(tp.name());
            TableSink sink = w.target.openSink(tp.target(), tp.targetColumns(),
                    new SinkOptions(ctx.request().disableFk(), mark, false));
            boolean committed = false;
            try {
                try (RowStream rows = w.source.readSlice(tp.source(), tp.sourceColumns(), task.slice(), ctx.snapshot())) {
                    Object[] row;
                    while ((row = rows.next()) != null) {
                        Object[] out = mapper.map(row, rows.rowsRead());
                        if (out != null) {
                            try {
                                sink.write(out);
                            } catch (DecantException e) {
                                throw e.within(where.withRow(rows.rowsRead(), mapper.describeWrittenKey(out)));
                            }
                        }
                    }
                }
                fault(ctx, "after-copy", task);
                long loaded = sink.commit();
                committed = true;
                fault(ctx, "after-commit", task);
                return new SliceOutcome(tp.name(), task.index(), loaded, false, seconds(start));
            } finally {
                if (!committed) {
                    sink.abort();
                }
            }
        }
    }

    /** A failure a test asked for: on the slice's first attempt, or on every attempt ({@code every-attempt-} points). */
    private static void fault(RunContext ctx, String point, SliceTask task) {
        TaskContext tc = TaskContext.get();
        boolean first = tc != null && tc.attemptNumber() == 0 && ctx.request().faultAt(point, task.table(), task.index());
        if (first || ctx.request().faultAt("every-attempt-" + point, task.table(), task.index())) {
            throw new IllegalStateException("injected failure " + point + " in " + task.table() + " " + task.position());
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
