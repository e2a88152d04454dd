package io.decant.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What the driver decided and every task needs, broadcast once: the request, the run in the target's journal,
 * the plan's hash (an executor that plans otherwise refuses to load), the source's exported snapshot, the
 * tables the driver created (an executor plans as if they did not exist yet, as the driver did), the tasks
 * an executor may run at once under the connection cap and the run's id mappings.
 *
 * @param created the created tables' ids, as {@code schema} (or empty) and name pairs
 */
record RunContext(SparkRequest request, String runId, String planHash, String snapshot, List<List<String>> created,
                  int tasksPerExecutor, ShippedIds ids) implements Serializable {
    private static final long serialVersionUID = 1L;

    RunContext {
        created = created.stream().map(List::copyOf).toList();
    }
}
