package io.decant.spark;

import java.io.Serializable;

/**
 * What a slice task reports to the driver.
 *
 * @param rows         rows loaded (or, when {@code alreadyDone}, recorded by the attempt that loaded them)
 * @param alreadyDone  an earlier attempt (or the run being resumed) had committed the slice: nothing was loaded
 * @param seconds      the task's time
 */
record SliceOutcome(String table, int index, long rows, boolean alreadyDone, double seconds) implements Serializable {
    private static final long serialVersionUID = 1L;
}
