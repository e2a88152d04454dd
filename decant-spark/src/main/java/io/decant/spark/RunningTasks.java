package io.decant.spark;

import java.util.function.Consumer;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * After a failed job, the tasks of its other slices may still be running: Spark fails the job at the
 * first task that fails for good, and does not stop the others mid-COPY. A slice that commits after
 * that is sound (its journal record commits with it, so {@code --resume} skips it), but a run must not
 * say it has ended while it still writes. This cancels what is left and waits for every running task
 * to end before the failure is reported.
 */
final class RunningTasks {
    private RunningTasks() {
    }

    /** Cancels the context's jobs and waits up to {@code maxMillis} for its running tasks to end. */
    static void stopAndWait(JavaSparkContext spark, long maxMillis, Consumer<String> log) {
        spark.cancelAllJobs();
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        int running = running(spark);
        if (running > 0) {
            log.accept("waiting for " + running + " slice task(s) still running to end before the run stops");
        }
        while (running > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            running = running(spark);
        }
        if (running > 0) {
            log.accept(running + " slice task(s) were still running when the run stopped; a slice that commits later is"
                    + " recorded in the run journal with its rows, and --resume skips it");
        }
    }

    private static int running(JavaSparkContext spark) {
        int n = 0;
        for (SparkExecutorInfo e : spark.sc().statusTracker().getExecutorInfos()) {
            n += e.numRunningTasks();
        }
        return n;
    }
}
