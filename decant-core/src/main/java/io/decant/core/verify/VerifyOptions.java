package io.decant.core.verify;

/**
 * @param checksums      compare content checksums (false: row counts only)
 * @param integrity      run orphan, duplicate and NULL checks on the target
 * @param maxDifferences rows named per table at most
 * @param buckets        hash partitions of a table's key space
 */
public record VerifyOptions(boolean checksums, boolean integrity, int maxDifferences, int buckets) {
    public static VerifyOptions defaults() {
        return new VerifyOptions(true, true, 50, 4096);
    }

    public VerifyOptions withChecksums(boolean v) {
        return new VerifyOptions(v, integrity, maxDifferences, buckets);
    }
}
