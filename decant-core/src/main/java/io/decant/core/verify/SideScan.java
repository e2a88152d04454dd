package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.checksum.TableChecksum;
import io.decant.core.type.LogicalType;
import java.util.List;

/**
 * One side's first pass over a table: the row count, the table checksum and one checksum per hash
 * bucket of the key, so that a second pass can be confined to the buckets that differ.
 */
final class SideScan {
    final TableChecksum total = new TableChecksum();
    final TableChecksum[] buckets;
    private final RowHasher hasher;
    private final long[] hash = new long[2];

    SideScan(List<LogicalType> types, int[] keyIndexes, int bucketCount) {
        this.hasher = new RowHasher(types, keyIndexes);
        this.buckets = new TableChecksum[bucketCount];
        for (int i = 0; i < bucketCount; i++) {
            buckets[i] = new TableChecksum();
        }
    }

    /** Adds a row; returns its key hash ({@link RowHasher#hashWithKey}). */
    long add(Object[] row) {
        long key = hasher.hashWithKey(row, hash);
        total.add(hash);
        buckets[bucketOf(key, buckets.length)].add(hash);
        return key;
    }

    /** The hasher, whose {@link RowHasher#rowBuffer()} a reader fills before {@link #addFilled()}. */
    RowHasher hasher() {
        return hasher;
    }

    /** Adds the row written into the hasher's row buffer; returns its key hash. */
    long addFilled() {
        long key = hasher.hashFilledWithKey(hash);
        total.add(hash);
        buckets[bucketOf(key, buckets.length)].add(hash);
        return key;
    }

    /** Adds another scan of the same table (a worker's share of the rows). */
    void add(SideScan other) {
        total.add(other.total);
        for (int i = 0; i < buckets.length; i++) {
            buckets[i].add(other.buckets[i]);
        }
    }

    static int bucketOf(long keyHash, int count) {
        return (int) Long.remainderUnsigned(keyHash, count);
    }
}
