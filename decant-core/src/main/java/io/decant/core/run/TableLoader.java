package io.decant.core.run;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.Phases;
import io.decant.core.api.ProgressListener;
import io.decant.core.api.TableResult;
import io.decant.core.api.TableTask;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.plan.TablePlan;
import io.decant.core.schema.Column;
import io.decant.core.spi.EncodedRowStream;
import io.decant.core.spi.EncodedRows;
import io.decant.core.spi.RowEncoding;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one table with two threads: a reader that pulls and converts rows into batches, and the
 * calling thread that writes them to the sink. The queue between them is bounded, so memory does
 * not grow with the table. The sink is aborted in {@code finally} unless it committed.
 */
final class TableLoader {
    private static final Logger LOG = LoggerFactory.getLogger(TableLoader.class);
    private static final Batch END = new Batch(new Object[0][], null, null);
    private static final int QUEUE_BATCHES = 8;

    /**
     * Rows handed from the reader to the writer, as values or (passing through) encoded, and where the
     * source's read stands after them.
     */
    private record Batch(Object[][] rows, EncodedRows encoded, String after) {
    }

    /**
     * A table loaded in chunks: the sink commits every {@code every} rows with a journal entry that
     * says where the read continues; {@code from} is the last chunk a cut-short run committed, or null.
     */
    record Chunking(long every, RunJournal journal, RunJournal.Chunk from) {
    }

    private final SourceDatabase source;
    private final TargetDatabase target;
    private final java.util.function.Function<TablePlan, SinkOptions> sinkOptions;
    private final int batchSize;
    private final ProgressListener listener;
    private final AtomicBoolean cancelled;
    private final Rejects rejects;
    private final RejectedRows rejected;
    /**
     * Creates the run's journal before the first sink opens (see {@link RunJournal#begin()}): not later, because a
     * SQLite sink holds the file's only write lock from its open to its commit.
     */
    private final Runnable beforeOpen;
    private final boolean passThrough;

    TableLoader(SourceDatabase source, TargetDatabase target, java.util.function.Function<TablePlan, SinkOptions> sinkOptions,
                int batchSize,
                ProgressListener listener, AtomicBoolean cancelled, Rejects rejects, Runnable beforeOpen) {
        this(source, target, sinkOptions, batchSize, listener, cancelled, rejects, null, beforeOpen, true);
    }

    /**
     * @param rejected    with {@code rejects}: the rejected rows' keys, so that their dependants are rejected too
     * @param passThrough whether rows may pass through as bytes ({@link MigrationOptions#passThrough()})
     */
    TableLoader(SourceDatabase source, TargetDatabase target, java.util.function.Function<TablePlan, SinkOptions> sinkOptions,
                int batchSize, ProgressListener listener, AtomicBoolean cancelled, Rejects rejects, RejectedRows rejected,
                Runnable beforeOpen, boolean passThrough) {
        this.passThrough = passThrough;
        this.rejects = rejects;
        this.rejected = rejected;
        this.beforeOpen = beforeOpen;
        this.source = source;
        this.target = target;
        this.sinkOptions = sinkOptions;
        this.batchSize = batchSize;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    TableResult load(TablePlan plan) {
        return load(plan, null);
    }

    /** Loads {@code plan}, in chunks when {@code chunking} is not null (continuing after its {@code from}). */
    TableResult load(TablePlan plan, Chunking chunking) {
        long start = System.nanoTime();
        TableTask view = plan.view();
        listener.tableStarted(view);
        ErrorContext where = ErrorContext.EMPTY.withPhase("load").withTable(plan.name());
        RowMapper mapper = rejects == null ? new RowMapper(plan) : rejected == null
                ? new RowMapper(plan).rejectingInto(rejects, plan) : new RowMapper(plan).rejectingInto(rejects, plan, rejected);
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        AtomicBoolean stopReading = new AtomicBoolean();
        String after = chunking == null || chunking.from() == null ? null : chunking.from().position();
        Thread reader = null;
        // Rows committed by the cut-short run this one continues: counted, not loaded again.
        long earlier = chunking == null || chunking.from() == null ? 0 : chunking.from().rows();
        long written = earlier;
        long chunkStart = earlier;
        long bytes = 0;
        TableSink sink = null;
        boolean committed = false;
        try {
            beforeOpen.run();
            sink = target.openSink(plan.target(), plan.targetColumns(), sinkOptions.apply(plan));
            EncodedRowStream encoded = openEncoded(plan, mapper, sink, chunking != null, after);
            reader = new Thread(encoded != null
                    ? () -> readEncoded(encoded, chunking != null, queue, readFailure, stopReading)
                    : () -> read(plan, chunking != null, after, mapper, queue, readFailure, stopReading),
                    "decant-read-" + plan.name());
            reader.setDaemon(true);
            reader.start();
            while (true) {
                if (cancelled.get()) {
                    throw new Cancelled();
                }
                Batch next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                if (next == END) {
                    break;
                }
                if (next.encoded() != null) {
                    try {
                        sink.writeEncoded(next.encoded());
                    } catch (DecantException e) {
                        throw e.within(where); // the sink names the row it can
                    }
                    written += next.encoded().rows();
                } else {
                    for (Object[] row : next.rows()) {
                        try {
                            sink.write(row);
                        } catch (DecantException e) {
                            // A sink may report an earlier row (a COPY error surfaces rows later): name this row
                            // only when the error is about it.
                            Long at = e.context().rowOrdinal();
                            long ordinal = written - earlier + 1; // as the sink counts: from this run's first row
                            throw e.within(at == null || at == ordinal
                                    ? where.withRow(ordinal, mapper.describeWrittenKey(row)) : where);
                        }
                        written++;
                    }
                }
                if (chunking != null && written - chunkStart >= chunking.every() && next.after() != null) {
                    sink.checkpoint(chunking.journal().chunkMark(plan, written, next.after()));
                    chunkStart = written;
                }
                listener.rowsWritten(view, written);
            }
            Throwable failure = readFailure.get();
            if (failure != null) {
                throw failure;
            }
            List<String> notes = new java.util.ArrayList<>(plan.finisher() == null ? List.of() : plan.finisher().finish());
            listener.tableCommitting(view, written);
            written = earlier + sink.commit(); // first: the sink may still refuse rows of its last batch (--on-error reject)
            committed = true;
            if (earlier > 0) {
                notes.add(String.format(java.util.Locale.ROOT, "continued after the %,d rows the interrupted run committed",
                        earlier));
            }
            if (rejects != null && rejects.count(plan.name()) > 0) {
                long orphaned = rejected == null ? 0 : rejected.dependants(plan.name());
                notes.add(rejects.count(plan.name()) + " rows rejected (--on-error reject)" + (orphaned == 0 ? ""
                        : ", " + orphaned + " of them because their parent row was rejected"));
            }
            if (plan.issues().skipped() + plan.issues().nulled() > 0) {
                notes.add("orphans: " + plan.issues().skipped() + " rows skipped, " + plan.issues().nulled()
                        + " references set to NULL (listed in the report)");
            }
            notes.forEach(listener::message);
            bytes = sink.bytesWritten();
            target.afterLoad(plan.target());
            TableResult r = result(plan, TableResult.Status.LOADED, written, bytes, start, null, notes);
            double keys = Math.min(sink.keySeconds(), r.seconds());
            r = new TableResult(r.source(), r.target(), r.status(), r.rows(), r.bytes(), r.seconds(), r.error(), r.notes(),
                    r.orphans(), new Phases(r.seconds() - keys, keys, 0, 0));
            listener.tableFinished(view, r);
            return r;
        } catch (Cancelled c) {
            TableResult r = result(plan, TableResult.Status.CANCELLED, 0, 0, start, "cancelled: another table failed", List.of());
            listener.tableFinished(view, r);
            return r;
        } catch (Throwable t) {
            DecantException e = asDecant(t, where);
            TableResult r = result(plan, TableResult.Status.FAILED, 0, 0, start, e.getMessage(), List.of());
            listener.tableFinished(view, r);
            throw new LoadFailure(r, e);
        } finally {
            stopReading.set(true);
            if (!committed && sink != null) {
                sink.abort();
            }
            try {
                if (reader != null) {
                    reader.join(10_000);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read(TablePlan plan, boolean chunked, String after, RowMapper mapper, BlockingQueue<Batch> queue,
                      AtomicReference<Throwable> failure, AtomicBoolean stop) {
        try (RowStream stream = chunked ? source.readFrom(plan.source(), plan.sourceColumns(), after)
                : source.read(plan.source(), plan.sourceColumns())) {
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
                    // The position after this batch's last row, for a chunk that ends with it.
                    if (!offer(queue, new Batch(batch, null, chunked ? stream.position() : null), stop)) {
                        return;
                    }
                    batch = new Object[batchSize][];
                    n = 0;
                }
            }
            if (n > 0 && !offer(queue, new Batch(java.util.Arrays.copyOf(batch, n), null, null), stop)) {
                return;
            }
        } catch (Throwable t) {
            failure.set(t);
        }
        offer(queue, END, stop);
    }

    /**
     * When the plan copies every column as it is and the sink takes rows in a wire form the source can
     * produce for these columns, the stream of those rows; else null (rows are read as values).
     */
    private EncodedRowStream openEncoded(TablePlan plan, RowMapper mapper, TableSink sink, boolean inOrder, String after) {
        // Turned off (MigrationOptions.passThrough), every row is read as values, also where rows could pass through as bytes.
        if (!passThrough || plan.finisher() != null) {
            return null;
        }
        int[] from = mapper.copiesAsIs();
        RowEncoding encoding = from == null ? null : sink.encoding();
        if (encoding == null) {
            return null;
        }
        List<Column> columns = new java.util.ArrayList<>(from.length);
        for (int f : from) {
            columns.add(plan.sourceColumns().get(f));
        }
        EncodedRowStream stream = source.readEncoded(plan.source(), columns, encoding, inOrder, after);
        if (stream != null) {
            LOG.debug("{}: rows pass through as {}, not decoded (every column copied as it is, same types)",
                    plan.name(), encoding.format());
        }
        return stream;
    }

    private void readEncoded(EncodedRowStream stream, boolean chunked, BlockingQueue<Batch> queue,
                             AtomicReference<Throwable> failure, AtomicBoolean stop) {
        try (stream) {
            EncodedRows rows;
            while ((rows = stream.next(batchSize)) != null) {
                // As with values: a chunk may end after a full batch.
                String after = chunked && rows.rows() == batchSize ? stream.position() : null;
                if (!offer(queue, new Batch(null, rows, after), stop)) {
                    return;
                }
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

    private static boolean offer(BlockingQueue<Batch> queue, Batch batch, AtomicBoolean stop) {
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
