package io.decant.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a slice task reports to the driver.
 *
 * @param rows         rows loaded (or, when {@code alreadyDone}, recorded by the attempt that loaded them)
 * @param alreadyDone  an earlier attempt (or the run being resumed) had committed the slice: nothing was loaded
 * @param seconds      the task's time
 * @param rejected     the rows it set aside, with {@code --on-error reject}
 * @param notes        what the table's checks after its last row said (merged rows no row claimed)
 * @param left         the rows the slice left out on purpose, for the journal's notes that verify reads
 */
record SliceOutcome(String table, int index, long rows, boolean alreadyDone, double seconds, Rejected rejected,
                    List<String> notes, Left left) implements Serializable {
    private static final long serialVersionUID = 1L;

    SliceOutcome {
        notes = List.copyOf(notes);
    }

    SliceOutcome(String table, int index, long rows, boolean alreadyDone, double seconds) {
        this(table, index, rows, alreadyDone, seconds, Rejected.NONE, List.of(), Left.UNKNOWN);
    }

    /**
     * Rows of the slice the plan left out on purpose, as one machine counts them for its table notes.
     *
     * @param known     false for a slice an earlier attempt committed that was not read again: its counts are lost
     * @param skipped   rows skipped as orphans
     * @param filtered  rows the spec's {@code where:} left out
     * @param unmatched per table merged into this one, its rows that found no row of it (a merged table is one slice)
     */
    record Left(boolean known, long skipped, long filtered, Map<String, Long> unmatched) implements Serializable {
        private static final long serialVersionUID = 1L;
        static final Left UNKNOWN = new Left(false, 0, 0, Map.of());

        Left {
            unmatched = Map.copyOf(unmatched);
        }
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
