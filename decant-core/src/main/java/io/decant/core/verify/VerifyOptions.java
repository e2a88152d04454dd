package io.decant.core.verify;

import io.decant.core.error.DecantException;

/**
 * @param checksums      compare content checksums (false: row counts only)
 * @param integrity      run orphan, duplicate and NULL checks on the target
 * @param maxDifferences rows named per table at most
 * @param buckets        hash partitions of a table's key space
 * @param threads        workers that map and hash the source side's rows (0: on the reading thread)
 * @param wireChecksums  hash rows straight from a reader's wire form where it can
 *                       ({@link io.decant.core.spi.CanonicalRowStream}) and no value is needed: the same
 *                       checksums, without a value object per column (false: always through values)
 */
public record VerifyOptions(boolean checksums, boolean integrity, int maxDifferences, int buckets, int threads,
                            boolean wireChecksums) {
    public VerifyOptions(boolean checksums, boolean integrity, int maxDifferences, int buckets, int threads) {
        this(checksums, integrity, maxDifferences, buckets, threads, true);
    }

    public VerifyOptions {
        if (threads < 0) {
            throw DecantException.usage("verify threads must be 0 (map on the reading thread) or more, not " + threads);
        }
    }

    /** Checksums and integrity checks, 50 rows named per table, one worker per processor. */
    public static VerifyOptions defaults() {
        return new VerifyOptions(true, true, 50, 4096, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public VerifyOptions withChecksums(boolean v) {
        return new VerifyOptions(v, integrity, maxDifferences, buckets, threads, wireChecksums);
    }

    public VerifyOptions withThreads(int n) {
        return new VerifyOptions(checksums, integrity, maxDifferences, buckets, n, wireChecksums);
    }

    public VerifyOptions withWireChecksums(boolean v) {
        return new VerifyOptions(checksums, integrity, maxDifferences, buckets, threads, v);
    }
}
