package io.decant.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What a slice task reports to the driver.
 *
 * @param rows         rows loaded (or, when {@code alreadyDone}, recorded by the attempt that loaded them)
 * @param alreadyDone  an earlier attempt (or the run being resumed) had committed the slice: nothing was loaded
 * @param seconds      the task's time
 * @param rejected     the rows it set aside, with {@code --on-error reject}
 * @param notes        what the table's checks after its last row said (merged rows no row claimed)
 */
record SliceOutcome(String table, int index, long rows, boolean alreadyDone, double seconds, Rejected rejected,
                    List<String> notes) implements Serializable {
    private static final long serialVersionUID = 1L;

    SliceOutcome {
        notes = List.copyOf(notes);
    }

    SliceOutcome(String table, int index, long rows, boolean alreadyDone, double seconds) {
        this(table, index, rows, alreadyDone, seconds, Rejected.NONE, List.of());
    }

    /**
     * What the slice rejected ({@code --on-error reject}).
     *
     * @param lines      the rejected rows as the rejects file holds them
     * @param keys       the keys of rejected rows that other tables reference (see the core's RejectedRows)
     * @param dependants how many of them were rejected because their parent row was
     * @param note       what could not be told again, for a slice an earlier attempt committed; null when nothing
     */
    record Rejected(List<String> lines, List<String> keys, long dependants, String note) implements Serializable {
        private static final long serialVersionUID = 1L;
        static final Rejected NONE = new Rejected(List.of(), List.of(), 0, null);

        Rejected {
            lines = List.copyOf(lines);
            keys = List.copyOf(keys);
        }
    }
}
