package io.decant.core.engine;

/** Hears about a run as it goes; called from loader threads, so implementations must be thread-safe. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    default void tableStarted(TablePlan table) {
    }

    /** Called after every batch with the rows written so far. */
    default void rowsWritten(TablePlan table, long rows) {
    }

    default void tableFinished(TablePlan table, TableResult result) {
    }

    default void message(String text) {
    }
}
