package io.decant.core.api;

import io.decant.core.api.TableResult;
/** Hears about a run as it goes; called from loader threads, so implementations must be thread-safe. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    default void tableStarted(TableTask table) {
    }

    /** Called after every batch with the rows written so far. */
    default void rowsWritten(TableTask table, long rows) {
    }

    /**
     * Every row of {@code table} is written ({@code rows} in all); its sink now builds the keys it deferred
     * (a created table's primary key and unique constraints) and commits, which may take a while.
     */
    default void tableCommitting(TableTask table, long rows) {
    }

    default void tableFinished(TableTask table, TableResult result) {
    }

    default void message(String text) {
    }

    /**
     * A step of the run that is not one table's rows begins, e.g. "creating indexes and foreign keys"
     * after the data. By default it is told as a {@link #message}.
     */
    default void phaseStarted(String what) {
        message(what);
    }

    /** The step {@code what} ended after {@code seconds}; {@code ok} is false when it failed. */
    default void phaseFinished(String what, double seconds, boolean ok) {
    }
}
