package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.plan.TablePlan;
import io.decant.core.run.RowMapper;
import io.decant.core.schema.Column;
import io.decant.core.spi.CanonicalRowStream;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The source side of verify's first pass, in parallel: the calling thread only reads rows; worker
 * threads map them through the plan (each with its own {@link RowMapper}) and hash them into their
 * own {@link SideScan}, and the scans are added up at the end (checksums are sums, so the order
 * does not matter). On the SQLite benchmark most of the source side's time is the plan's
 * conversions (text timestamps and uuids parsed), not reading, so they are what is spread out.
 *
 * <p>A failure reports the row the sequential loop would have failed on: the reader stops, workers
 * still map every row before it, and the failure of the lowest row ordinal wins.
 */
final class MappedScan {
    private static final int BATCH = 256;

    private MappedScan() {
    }

    /**
     * @param mappers a new mapper for the table (one per worker)
     * @param wire    whether rows may be hashed from the source's wire form ({@link CanonicalRowStream}) when
     *                the plan copies every column as it is, with the same kind of value: then there is nothing
     *                to map, and the reading thread hashes each row as it reads it
     */
    static SideScan run(TablePlan tp, java.util.function.Supplier<RowMapper> mappers, SourceDatabase source,
                        List<LogicalType> types, int[] key, int buckets, int threads, boolean wire) {
        SideScan total = new SideScan(types, key, buckets);
        List<Column> asIs = wire && source.readsCanonical() ? readAsIs(tp, types) : null;
        if (asIs != null) {
            try (RowStream rs = source.read(tp.source(), asIs)) {
                CanonicalRowStream w = (CanonicalRowStream) rs;
                boolean[] decode = new boolean[types.size()];
                RowHasher h = total.hasher();
                while (w.nextCanonical(h.rowBuffer(), h.fieldEnds(), decode) != null) {
                    total.addFilled();
                }
                return total;
            }
        }
        if (threads <= 0) {
            RowMapper mapper = mappers.get();
            try (RowStream rs = source.read(tp.source(), tp.sourceColumns())) {
                Object[] row;
                while ((row = rs.next()) != null) {
                    Object[] out = mapper.map(row, rs.rowsRead());
                    if (out != null) {
                        total.add(out);
                    }
                }
            }
            return total;
        }
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(threads * 4);
        Failure failure = new Failure();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker w = new Worker(mappers.get(), new SideScan(types, key, buckets), queue, failure);
            w.thread = new Thread(w, "decant-verify-" + tp.name() + "-" + i);
            w.thread.setDaemon(true);
            w.thread.start();
            workers.add(w);
        }
        RuntimeException readError = null;
        try (RowStream rs = source.read(tp.source(), tp.sourceColumns())) {
            Batch b = new Batch();
            Object[] row;
            while (!failure.seen() && (row = rs.next()) != null) {
                b.rows[b.size] = row;
                b.ordinals[b.size++] = rs.rowsRead();
                if (b.size == BATCH) {
                    put(queue, b);
                    b = new Batch();
                }
            }
            if (b.size > 0 && !failure.seen()) {
                put(queue, b);
            }
        } catch (RuntimeException e) {
            readError = e;
        } finally {
            for (int i = 0; i < threads; i++) {
                put(queue, Batch.END);
            }
            for (Worker w : workers) {
                join(w.thread);
            }
        }
        RuntimeException mapError = failure.error();
        if (mapError != null) {
            // a row that failed to map was read before whatever stopped the reader
            throw mapError;
        }
        if (readError != null) {
            throw readError;
        }
        for (Worker w : workers) {
            total.add(w.scan);
        }
        return total;
    }

    /**
     * The source columns to read, one per target column, when the plan copies each of them as it is
     * into a column of the same kind (so that a value's checksum field is the same read or written);
     * else null.
     */
    private static List<Column> readAsIs(TablePlan tp, List<LogicalType> types) {
        int[] from = new RowMapper(tp).copiesAsIs();
        if (from == null) {
            return null;
        }
        List<Column> read = new ArrayList<>(from.length);
        for (int i = 0; i < from.length; i++) {
            Column c = tp.sourceColumns().get(from[i]);
            if (!c.isSupported() || c.type().kind() != types.get(i).kind()
                    || c.type().kind() == io.decant.core.type.Kind.ARRAY) {
                return null;
            }
            read.add(c);
        }
        return read;
    }

    private static void put(BlockingQueue<Batch> queue, Batch b) {
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecantException(ErrorCode.INTERNAL, ErrorContext.EMPTY, "interrupted while verifying", e);
        }
    }

    private static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Batch {
        static final Batch END = new Batch();
        final Object[][] rows = new Object[BATCH][];
        final long[] ordinals = new long[BATCH];
        int size;
    }

    /** The failure of the lowest row ordinal seen so far. */
    private static final class Failure {
        private long ordinal = Long.MAX_VALUE;
        private RuntimeException error;
        private volatile boolean seen;

        synchronized void record(long at, Throwable t) {
            if (at < ordinal) {
                ordinal = at;
                error = t instanceof RuntimeException r ? r
                        : new DecantException(ErrorCode.INTERNAL, ErrorContext.EMPTY, String.valueOf(t), t);
            }
            seen = true;
        }

        boolean seen() {
            return seen;
        }

        synchronized boolean before(long at) {
            return ordinal < at;
        }

        synchronized RuntimeException error() {
            return error;
        }
    }

    private static final class Worker implements Runnable {
        final RowMapper mapper;
        final SideScan scan;
        final BlockingQueue<Batch> queue;
        final Failure failure;
        Thread thread;

        Worker(RowMapper mapper, SideScan scan, BlockingQueue<Batch> queue, Failure failure) {
            this.mapper = mapper;
            this.scan = scan;
            this.queue = queue;
            this.failure = failure;
        }

        @Override
        public void run() {
            while (true) {
                Batch b;
                try {
                    b = queue.take();
                } catch (InterruptedException e) {
                    failure.record(Long.MAX_VALUE - 1, e);
                    return;
                }
                if (b == Batch.END) {
                    return;
                }
                if (failure.before(b.ordinals[0])) {
                    continue; // rows after a failed one: the sequential loop would not have reached them
                }
                long at = 0;
                try {
                    for (int i = 0; i < b.size; i++) {
                        at = b.ordinals[i];
                        Object[] out = mapper.map(b.rows[i], at);
                        if (out != null) {
                            scan.add(out);
                        }
                    }
                } catch (Throwable t) {
                    failure.record(at, t);
                }
            }
        }
    }
}
