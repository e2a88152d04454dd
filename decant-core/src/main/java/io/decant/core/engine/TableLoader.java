package io.decant.core.engine;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads one table with two threads: a reader that pulls and converts rows into batches, and the
 * calling thread that writes them to the sink. The queue between them is bounded, so memory does
 * not grow with the table. The sink is aborted in {@code finally} unless it committed.
 */
final class TableLoader {
    private static final Object[][] END = new Object[0][];
    private static final int QUEUE_BATCHES = 8;

    private final SourceDatabase source;
    private final TargetDatabase target;
    private final java.util.function.Function<TablePlan, SinkOptions> sinkOptions;
    private final int batchSize;
    private final ProgressListener listener;
    private final AtomicBoolean cancelled;
    private final Rejects rejects;

    TableLoader(SourceDatabase source, TargetDatabase target, java.util.function.Function<TablePlan, SinkOptions> sinkOptions,
                int batchSize,
                ProgressListener listener, AtomicBoolean cancelled, Rejects rejects) {
        this.rejects = rejects;
        this.source = source;
        this.target = target;
        this.sinkOptions = sinkOptions;
        this.batchSize = batchSize;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    TableResult load(TablePlan plan) {
        long start = System.nanoTime();
        listener.tableStarted(plan);
        ErrorContext where = ErrorContext.EMPTY.withPhase("load").withTable(plan.name());
        RowMapper mapper = rejects == null ? new RowMapper(plan) : new RowMapper(plan).rejectingInto(rejects, plan);
        BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        AtomicBoolean stopReading = new AtomicBoolean();
        Thread reader = new Thread(() -> read(plan, mapper, queue, readFailure, stopReading),
                "decant-read-" + plan.name());
        reader.setDaemon(true);
        long written = 0;
        long bytes = 0;
        TableSink sink = null;
        boolean committed = false;
        try {
            sink = target.openSink(plan.target(), plan.targetColumns(), sinkOptions.apply(plan));
            reader.start();
            while (true) {
                if (cancelled.get()) {
                    throw new Cancelled();
                }
                Object[][] batch = queue.poll(200, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                if (batch == END) {
                    break;
                }
                for (Object[] row : batch) {
                    try {
                        sink.write(row);
                    } catch (DecantException e) {
                        // A sink may report an earlier row (a COPY error surfaces rows later): name this row only
                        // when the error is about it.
                        Long at = e.context().rowOrdinal();
                        throw e.within(at == null || at == written + 1
                                ? where.withRow(written + 1, mapper.describeWrittenKey(row)) : where);
                    }
                    written++;
                }
                listener.rowsWritten(plan, written);
            }
            Throwable failure = readFailure.get();
            if (failure != null) {
                throw failure;
            }
            List<String> notes = new java.util.ArrayList<>(plan.finisher() == null ? List.of() : plan.finisher().finish());
            if (rejects != null && rejects.count(plan.name()) > 0) {
                notes.add(rejects.count(plan.name()) + " rows rejected (--on-error reject)");
            }
            if (plan.issues().skipped() + plan.issues().nulled() > 0) {
                notes.add("orphans: " + plan.issues().skipped() + " rows skipped, " + plan.issues().nulled()
                        + " references set to NULL (listed in the report)");
            }
            notes.forEach(listener::message);
            written = sink.commit();
            committed = true;
            bytes = sink.bytesWritten();
            target.afterLoad(plan.target());
            TableResult r = result(plan, TableResult.Status.LOADED, written, bytes, start, null, notes);
            listener.tableFinished(plan, r);
            return r;
        } catch (Cancelled c) {
            TableResult r = result(plan, TableResult.Status.CANCELLED, 0, 0, start, "cancelled: another table failed", List.of());
            listener.tableFinished(plan, r);
            return r;
        } catch (Throwable t) {
            DecantException e = asDecant(t, where);
            TableResult r = result(plan, TableResult.Status.FAILED, 0, 0, start, e.getMessage(), List.of());
            listener.tableFinished(plan, r);
            throw new LoadFailure(r, e);
        } finally {
            stopReading.set(true);
            if (!committed && sink != null) {
                sink.abort();
            }
            try {
                reader.join(10_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read(TablePlan plan, RowMapper mapper, BlockingQueue<Object[][]> queue,
                      AtomicReference<Throwable> failure, AtomicBoolean stop) {
        try (RowStream stream = source.read(plan.source(), plan.sourceColumns())) {
            Object[][] batch = new Object[batchSize][];
            int n = 0;
            Object[] row;
            while ((row = next(stream, plan)) != null) {
                if (row == SKIPPED) {
                    continue;
                }
                Object[] out = mapper.map(row, stream.rowsRead());
                if (out == null) {
                    continue;
                }
                batch[n++] = out;
                if (n == batchSize) {
                    if (!offer(queue, batch, stop)) {
                        return;
                    }
                    batch = new Object[batchSize][];
                    n = 0;
                }
            }
            if (n > 0 && !offer(queue, java.util.Arrays.copyOf(batch, n), stop)) {
                return;
            }
        } catch (Throwable t) {
            failure.set(t);
        }
        offer(queue, END, stop);
    }

    private static final Object[] SKIPPED = new Object[0];

    /** The next row; a bad row the stream can skip goes to the rejects when they are on. */
    private Object[] next(RowStream stream, TablePlan plan) {
        try {
            return stream.next();
        } catch (DecantException e) {
            if (rejects == null || !stream.skipsBadRows() || e.code().category() != ErrorCode.Category.DATA) {
                throw e;
            }
            List<String> names = plan.read().stream().map(c -> c.name()).toList();
            rejects.reject(plan.name(), stream.rowsRead(), e, names, new Object[names.size()]);
            return SKIPPED;
        }
    }

    private static boolean offer(BlockingQueue<Object[][]> queue, Object[][] batch, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static TableResult result(TablePlan plan, TableResult.Status status, long rows, long bytes, long start,
                                      String error, List<String> notes) {
        return new TableResult(plan.name(), plan.target().id().display(), status, rows, bytes,
                (System.nanoTime() - start) / 1e9, error, notes, plan.issues().sample());
    }

    static DecantException asDecant(Throwable t, ErrorContext where) {
        if (t instanceof DecantException d) {
            return d.within(where);
        }
        if (t instanceof LoadFailure lf) {
            return lf.cause;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new DecantException(ErrorCode.INTERNAL, where, "interrupted", t);
        }
        return new DecantException(ErrorCode.INTERNAL, where, "unexpected " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage()), t);
    }

    /** Unwinds a failed table with its result. */
    static final class LoadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient TableResult result;
        final DecantException cause;

        LoadFailure(TableResult result, DecantException cause) {
            super(cause.getMessage(), cause, false, false);
            this.result = result;
            this.cause = cause;
        }
    }

    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }
}
