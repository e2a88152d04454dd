package io.decant.spark;

import io.decant.core.run.RejectedRows;
import io.decant.core.run.RowIssues;
import io.decant.core.run.RowMapper;
import io.decant.core.plan.TablePlan;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spi.Journal;
import io.decant.core.spi.JournalEntry;
import io.decant.core.spi.RowRejector;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task that loads one slice: claims the slice in the target's journal (an attempt that finds it recorded
 * does nothing), reads it inside the source's exported snapshot with decant's reader, maps each row through
 * the plan as a one-machine run does, COPYs it into the target and commits the rows together with the
 * slice's journal entry, in one transaction: a failed attempt leaves nothing, a finished one is never loaded
 * twice. With {@code --on-error reject} the rows it sets aside (and the keys other tables' rows may reference)
 * go back to the driver with its outcome; a row whose parent row was rejected in an earlier load step (sent in
 * {@code rejectedKeys}) or earlier in the same slice is rejected too, as on one machine.
 */
final class SliceLoad implements Function<SliceTask, SliceOutcome> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<RunContext> context;
    /** With {@code --on-error reject}: the keys of the rows rejected by the load steps before this one. */
    private final Broadcast<List<String>> rejectedKeys;

    SliceLoad(Broadcast<RunContext> context, Broadcast<List<String>> rejectedKeys) {
        this.context = context;
        this.rejectedKeys = rejectedKeys;
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

    private SliceOutcome load(RunContext ctx, Worker w, SliceTask task, long start) {
        TablePlan tp = w.plan(task.table());
        String position = task.position();
        Journal journal = w.target.journal();
        Journal.Claim claim = journal == null ? null : journal.claim(ctx.runId(), tp.name(), position);
        if (claim == null) {
            throw new DecantException(ErrorCode.USAGE, w.target.displayUrl() + " cannot record slices in a journal,"
                    + " which a Spark run needs so that a retried task does not load its rows twice");
        }
        try (claim) {
            boolean rejecting = ctx.request().rejects() != null;
            SliceRejects rejects = rejecting ? new SliceRejects() : null;
            RejectedRows rejected = null;
            Set<String> given = Set.of();
            if (rejecting) {
                rejected = new RejectedRows(w.plans());
                given = new HashSet<>(rejectedKeys.value());
                rejected.addKeys(given);
            }
            // the slice's own count of rows left out (orphans, where:): the executor's plan is shared by its tasks
            TablePlan counting = new TablePlan(tp.source(), tp.read(), tp.target(), tp.columns(), tp.filter(),
                    tp.filterText(), tp.finisher(), tp.create(), tp.sourceRows(), tp.notes(), new RowIssues());
            RowMapper mapper = rejecting ? new RowMapper(counting).rejectingInto(rejects, tp, rejected)
                    : new RowMapper(counting);
            if (claim.recordedRows() >= 0) {
                SliceOutcome.Rejected again = rejecting ? rejectAgain(ctx, w, task, tp, mapper, rejects, rejected, given,
                        claim.recordedRows()) : SliceOutcome.Rejected.NONE;
                return new SliceOutcome(tp.name(), task.index(), claim.recordedRows(), true, seconds(start), again,
                        List.of(), rejecting ? left(tp, counting) : SliceOutcome.Left.UNKNOWN);
            }
            JournalEntry mark = new JournalEntry(ctx.runId(), ctx.planHash(), JournalEntry.CHUNK_DONE, tp.name(), 0,
                    Instant.now(), position);
            ErrorContext where = ErrorContext.EMPTY.withPhase("load").withTable(tp.name());
            RejectedRows keys = rejected;
            RowRejector refused = !rejecting ? null : (ordinal, reason, columns, row) -> {
                rejects.reject(tp.name(), ordinal, reason, columns, row);
                keys.rejected(tp, columns, row);
            };
            if (tp.finisher() != null) {
                // Reads the rows merged into this table now, before the slice's read opens: a task holds one source
                // connection at a time, as the connection cap counts it.
                tp.finisher().finish();
            }
            TableSink sink = w.target.openSink(tp.target(), tp.targetColumns(),
                    new SinkOptions(ctx.request().disableFk(), mark, false, refused));
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
                // A table rows merge into is one slice: after it, the merged rows no row claimed are known.
                List<String> notes = tp.finisher() == null ? List.of() : tp.finisher().finish();
                long loaded = sink.commit();
                committed = true;
                fault(ctx, "after-commit", task);
                return new SliceOutcome(tp.name(), task.index(), loaded, false, seconds(start),
                        rejecting ? rejected(tp, rejects, rejected, given, null) : SliceOutcome.Rejected.NONE, notes,
                        left(tp, counting));
            } finally {
                if (!committed) {
                    sink.abort();
                }
            }
        }
    }

    /**
     * The rejects of a slice an earlier attempt (or the interrupted run) committed, whose result the driver never
     * got: the slice is read again through the mapper, writing nothing, so that its rows set aside on the way are
     * told again. Rows the target itself refused at that commit cannot be: how many is said.
     */
    private static SliceOutcome.Rejected rejectAgain(RunContext ctx, Worker w, SliceTask task, TablePlan tp,
                                                     RowMapper mapper, SliceRejects rejects, RejectedRows rejected,
                                                     Set<String> given, long recorded) {
        long mapped = 0;
        if (tp.finisher() != null) {
            tp.finisher().finish(); // the merged rows first: one source connection at a time
        }
        try (RowStream rows = w.source.readSlice(tp.source(), tp.sourceColumns(), task.slice(), ctx.snapshot())) {
            Object[] row;
            while ((row = rows.next()) != null) {
                if (mapper.map(row, rows.rowsRead()) != null) {
                    mapped++;
                }
            }
        }
        String note = mapped > recorded ? String.format(java.util.Locale.ROOT, "%s %s: %,d row(s) the target refused"
                + " when an earlier attempt committed the slice are not in the rejects (their reasons were not kept);"
                + " %,d of %,d mapped rows are loaded", tp.name(), task.position(), mapped - recorded, recorded, mapped)
                : null;
        return rejected(tp, rejects, rejected, given, note);
    }

    private static SliceOutcome.Rejected rejected(TablePlan tp, SliceRejects rejects, RejectedRows rejected,
                                                  Set<String> given, String note) {
        List<String> added = new ArrayList<>();
        for (String k : rejected.keys()) {
            if (!given.contains(k)) {
                added.add(k);
            }
        }
        return new SliceOutcome.Rejected(rejects.lines(), added, rejected.dependants(tp.name()), note);
    }
    /** What the slice's read left out, once every row went through the mapper. */
    private static SliceOutcome.Left left(TablePlan tp, TablePlan counting) {
        return new SliceOutcome.Left(true, counting.issues().skipped(), counting.issues().filtered(),
                tp.finisher() == null ? java.util.Map.of() : tp.finisher().unmatched());
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
