package io.decant.core.spi;

import java.util.List;

/**
 * What a source knows about a table's size and key values, to split it into {@link TableSlice}s of about
 * the same number of rows.
 *
 * @param rows   the number of rows (exact or estimated; see {@code exact})
 * @param exact  whether {@code rows} was counted rather than estimated
 * @param blocks the table's storage blocks, for a table split by block ranges; 0 when it cannot be split so
 * @param sample a random sample of the key's values, ascending, as text the source takes back in a slice
 *               bound; empty when no key was asked for
 */
public record SliceStats(long rows, boolean exact, long blocks, List<String> sample) {
    public SliceStats {
        sample = List.copyOf(sample);
    }
}
