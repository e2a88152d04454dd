package io.decant.spark;

import java.io.Serializable;

/**
 * What every verify task needs, broadcast once: the request, both sides' snapshots, the report's row limit and
 * the tasks an executor may run at once under the connection cap, and the id mappings the source side is
 * remapped through.
 */
record VerifyContext(String id, SparkRequest request, String sourceSnapshot, String targetSnapshot, int maxDifferences,
                     int tasksPerExecutor, ShippedIds ids)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
