package io.decant.core.verify;

/** An open-addressing set of longs: 8 bytes a slot, no boxing, for key sets of millions of rows. */
final class LongHashSet {
    private static final long EMPTY = 0;
    private long[] slots;
    private boolean hasZero;
    private int size;

    LongHashSet() {
        this(0);
    }

    /** Sized for {@code expected} values without growing. */
    LongHashSet(int expected) {
        int n = 1024;
        while (n < 2L * expected + 2) {
            n <<= 1;
        }
        slots = new long[n];
    }

    /** Adds {@code v}; returns false when it was already there. */
    boolean add(long v) {
        if (v == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = mix(v) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = v;
        size++;
        return true;
    }

    boolean contains(long v) {
        if (v == EMPTY) {
            return hasZero;
        }
        int mask = slots.length - 1;
        int i = mix(v) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == v) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != EMPTY) {
                add(v);
            }
        }
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
