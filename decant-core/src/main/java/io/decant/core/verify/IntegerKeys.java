package io.decant.core.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of an integer key over a whole read, for its duplicates check: appended in row order
 * during the read, which costs no hash-table miss per row, and counted at the end. A table read in
 * key order, or in a few interleaved key-ordered runs (loaded by parallel chunks), sorts in about
 * linear time (the JDK's sort merges up to ~5,000 ascending runs), and values in any other order in
 * n log n; values that arrive in order (no descent) are counted in place. Memory: 8 bytes a row while
 * reading, and as much again for the sorted copy when they arrive out of order. (A hash set of the
 * values, which this replaced for values out of order, took 16 to 32 bytes a row more: at 10 million
 * rows it did not fit a 256 MB heap.)
 */
final class IntegerKeys {
    /**
     * Values in chunks of this many, in row order: growing never copies, and no chunk is large enough
     * to be a humongous object for G1 (which, with a large heap such as a loaded mapping file's, made
     * a doubling array cost more in collections than it saved).
     */
    private static final int CHUNK = 1 << 15;

    private final List<long[]> chunks = new ArrayList<>();
    private long[] last;
    private int inLast = CHUNK;
    private int size;
    private long previous;
    private int descents;
    private long repeats = -1;
    private List<Long> named;

    void add(long v) {
        if (inLast == CHUNK) {
            last = new long[CHUNK];
            chunks.add(last);
            inLast = 0;
        }
        if (size > 0 && v < previous) {
            descents++;
        }
        last[inLast++] = v;
        previous = v;
        size++;
    }

    private long[] values() {
        long[] all = new long[size];
        for (int c = 0; c < chunks.size(); c++) {
            System.arraycopy(chunks.get(c), 0, all, c * CHUNK, Math.min(CHUNK, size - c * CHUNK));
        }
        return all;
    }

    /**
     * Counts, once all rows are in: the rows whose value came before, as counting them one by one in
     * row order would, and the first {@code maxNamed} repeated values in the order of their second
     * occurrence (the ones a row-by-row check names).
     */
    void count(int maxNamed) {
        if (repeats >= 0) {
            return;
        }
        repeats = 0;
        named = new ArrayList<>();
        LongHashSet taken = new LongHashSet();
        if (descents == 0) {
            // Already in order (a table read in key order, or loaded so): a repeat is its value's neighbour,
            // and the values are counted where they are, without the sorted copy that would double the memory.
            for (int i = 1; i < size; i++) {
                long v = at(i);
                if (v == at(i - 1)) {
                    repeats++;
                    if (named.size() < maxNamed && taken.add(v)) {
                        named.add(v);
                    }
                }
            }
        } else {
            long[] sorted = values();
            Arrays.sort(sorted);
            LongHashSet repeated = null;
            for (int i = 1; i < size; i++) {
                if (sorted[i] == sorted[i - 1]) {
                    repeats++;
                    if (repeated == null) {
                        repeated = new LongHashSet();
                    }
                    repeated.add(sorted[i]);
                }
            }
            if (repeated != null) {
                LongHashSet once = new LongHashSet();
                for (int i = 0; i < size && named.size() < maxNamed; i++) {
                    long v = at(i);
                    if (repeated.contains(v) && !once.add(v) && taken.add(v)) {
                        named.add(v);
                    }
                }
            }
        }
        chunks.clear();
        last = null;
    }

    /** The value of the {@code i}th row. */
    private long at(int i) {
        return chunks.get(i / CHUNK)[i % CHUNK];
    }

    /** After {@link #count}: the rows whose value came before. */
    long repeats() {
        return repeats;
    }

    /** After {@link #count}: the repeated values to name. */
    List<Long> named() {
        return named;
    }
}
