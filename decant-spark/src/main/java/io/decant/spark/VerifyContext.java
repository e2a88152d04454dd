package io.decant.spark;

import java.io.Serializable;

/** What every verify task needs, broadcast once: the request, both sides' snapshots, the report's row limit. */
record VerifyContext(String id, SparkRequest request, String sourceSnapshot, String targetSnapshot, int maxDifferences)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
