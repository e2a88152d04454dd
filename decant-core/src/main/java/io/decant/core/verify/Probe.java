package io.decant.core.verify;

/**
 * One integrity check over the rows of one table, fed by a {@link Integrity} table run: every row
 * once, then {@link #allRowsIn}, then (when {@link #needsRows}) every row again to name what it found.
 * One class per kind: {@link NullsProbe}, {@link DuplicatesProbe}, {@link OrphansProbe}. Not
 * thread-safe: one thread feeds a probe.
 */
sealed interface Probe permits NullsProbe, DuplicatesProbe, OrphansProbe {
    /** One row of the table, in the run's column layout. */
    void accept(Object[] row);

    /**
     * Whether the check reads the rows at all: false where the target enforces what it checks (a key it keeps
     * unique, a column it keeps NOT NULL), and the rows are not handed to it.
     */
    default boolean readsRows() {
        return true;
    }

    /** Once every row is in: what needs all of them (counting an integer key's repeats). */
    default void allRowsIn() {
    }

    /** Whether the check reads the table once more to name what it found. */
    default boolean needsRows() {
        return false;
    }

    /** A row of that second read. */
    default void collect(Object[] row) {
    }

    /** The check's outcome, its SQL in the target's quoting. */
    IntegrityCheck result(ProbeSql sql);
}
