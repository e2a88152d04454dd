package io.decant.files.folder;

import io.decant.core.checksum.RowHasher;
import io.decant.core.checksum.TableChecksum;
import io.decant.core.error.DecantException;
import io.decant.core.type.LogicalType;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The table checksum, computed on a second thread: hashing a row's canonical form costs about as
 * much as encoding it as JSON, and the sink thread should not pay both. Rows go over in batches
 * through a small bounded queue, so memory stays constant and a slow hasher slows the writer
 * instead of piling up rows. Row arrays are copied (values are immutable), because the caller
 * may reuse its array after {@code write}.
 */
final class AsyncChecksum {
    private static final int BATCH = 1024;
    private static final Object[][] END = new Object[0][];

    private final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(8);
    private final RowHasher hasher;
    private final TableChecksum sum = new TableChecksum();
    private final Thread thread;
    private volatile Throwable failure;
    private Object[][] batch = new Object[BATCH][];
    private int n;

    AsyncChecksum(List<LogicalType> types, String table) {
        this.hasher = new RowHasher(types);
        this.thread = new Thread(this::run, "decant-checksum-" + table);
        thread.setDaemon(true);
        thread.start();
    }

    void add(Object[] row) {
        batch[n++] = row.clone();
        if (n == BATCH) {
            hand(batch);
            batch = new Object[BATCH][];
            n = 0;
        }
    }

    /** Waits for every row to be hashed; the checksum's hex. */
    String finish() {
        if (n > 0) {
            hand(Arrays.copyOf(batch, n));
            n = 0;
        }
        hand(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DecantException.internal("interrupted while computing the checksum", e);
        }
        if (failure != null) {
            throw DecantException.internal("computing the table checksum failed", failure);
        }
        return sum.hex();
    }

    void cancel() {
        thread.interrupt();
    }

    private void hand(Object[][] b) {
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null || !thread.isAlive()) {
                    throw DecantException.internal("the checksum thread stopped", failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DecantException.internal("interrupted while computing the checksum", e);
        }
    }

    private void run() {
        long[] h = new long[2];
        try {
            while (true) {
                Object[][] b = queue.take();
                if (b == END) {
                    return;
                }
                for (Object[] row : b) {
                    hasher.hash(row, h);
                    sum.add(h);
                }
            }
        } catch (InterruptedException e) {
            // cancelled by abort
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }
}
