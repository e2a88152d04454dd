package io.decant.core.checksum;

import java.util.Locale;

/**
 * An order-independent checksum of a multiset of rows: the row count and the sums, modulo 2^64, of
 * the two halves of each row's 128-bit hash. Adding is commutative, so rows may be read in any order
 * and partial checksums of key ranges (or parallel readers) add up to the table's.
 */
public final class TableChecksum {
    private long rows;
    private long sumHigh;
    private long sumLow;

    public void add(long[] rowHash) {
        rows++;
        sumHigh += rowHash[0];
        sumLow += rowHash[1];
    }

    public void add(TableChecksum other) {
        rows += other.rows;
        sumHigh += other.sumHigh;
        sumLow += other.sumLow;
    }

    public long rows() {
        return rows;
    }

    /** {@code 32 hex digits}; two tables with the same rows give the same text. */
    public String hex() {
        return String.format(Locale.ROOT, "%016x%016x", sumHigh, sumLow);
    }

    public boolean sameAs(TableChecksum o) {
        return rows == o.rows && sumHigh == o.sumHigh && sumLow == o.sumLow;
    }

    @Override
    public String toString() {
        return rows + ":" + hex();
    }
}
