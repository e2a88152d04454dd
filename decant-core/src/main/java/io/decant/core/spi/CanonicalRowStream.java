package io.decant.core.spi;

import io.decant.core.checksum.CanonicalBuffer;

/**
 * A row stream that can also hand each row in checksum form ({@link io.decant.core.checksum.Canonical}),
 * written straight from the wire form it reads, without a value object per column: verify's first
 * pass hashes rows this way when it needs no value of theirs. The fields must be byte for byte those
 * that {@link io.decant.core.checksum.Canonical#encoderFor} writes for the value {@link #next()} would
 * return for the same row, for the logical types of the stream's columns; and a value {@link #next()}
 * refuses is refused here with the same error. A stream reads either way, not both.
 */
public interface CanonicalRowStream extends RowStream {
    /** Stands in a row of {@link #nextCanonical} for a non-null value that was not decoded. */
    Object NOT_DECODED = new Object() {
        @Override
        public String toString() {
            return "(not decoded)";
        }
    };

    /**
     * Reads the next row and writes its fields, one per column in column order, into {@code out},
     * recording in {@code ends[i]} where column {@code i}'s field ends. Returns the row's values, in
     * which column {@code i} is decoded as {@link #next()} would decode it only where
     * {@code decode[i]}; elsewhere it is null for NULL and {@link #NOT_DECODED} otherwise. Returns
     * null at the end.
     */
    Object[] nextCanonical(CanonicalBuffer out, int[] ends, boolean[] decode);
}
