package io.decant.spark;

import io.decant.core.plan.MigrationPlan;
import io.decant.core.run.RunJournal;

/**
 * A plan's identity for the journal: source, target, each table's columns and conversions. It starts with
 * {@code spark-}, so that a one-machine {@code --resume} never takes a Spark run's slices for its own chunks
 * (it refuses the run as another plan), and executors compare their plan with the driver's by it.
 */
final class PlanHash {
    private PlanHash() {
    }

    static String of(MigrationPlan plan) {
        return "spark-" + RunJournal.hash(plan);
    }
}
