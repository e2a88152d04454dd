package io.decant.core.verify;

import io.decant.core.spi.JournalEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The notes migrate left in the target's run journal ({@link JournalEntry#TABLE_NOTE}), per source table:
 * those of the run that last committed the table, since that run's rows are what the target holds.
 * Rows filtered out or skipped as orphans are left out of verify's source count the same way, so their
 * notes only say why the source table holds more rows; rejected rows are what can explain a target that is
 * short ({@link #explain}).
 */
public final class MigrateNotes {
    public static final MigrateNotes NONE = new MigrateNotes(Map.of());

    private final Map<String, List<MigrateNote>> byTable;

    private MigrateNotes(Map<String, List<MigrateNote>> byTable) {
        this.byTable = byTable;
    }

    public static MigrateNotes of(List<JournalEntry> journal) {
        Map<String, String> lastRun = new HashMap<>();
        for (JournalEntry e : journal) {
            if (e.event().equals(JournalEntry.TABLE_DONE)) {
                lastRun.put(e.table(), e.runId());
            }
        }
        // a kind noted twice by the same run (a table resumed, then finished) adds up
        Map<String, Map<String, MigrateNote>> notes = new LinkedHashMap<>();
        for (JournalEntry e : journal) {
            if (!e.event().equals(JournalEntry.TABLE_NOTE) || !e.runId().equals(lastRun.get(e.table()))) {
                continue;
            }
            Map<String, MigrateNote> kinds = notes.computeIfAbsent(e.table(), t -> new LinkedHashMap<>());
            // one note per kind; per merged table for rows that found nothing to merge into
            String key = e.noteKind().equals(JournalEntry.NOTE_MERGED_UNMATCHED) ? e.noteKind() + " " + e.noteWhere()
                    : e.noteKind();
            MigrateNote before = kinds.get(key);
            long rows = e.rows() + (before == null ? 0 : before.rows());
            String where = e.noteWhere() != null ? e.noteWhere() : before == null ? null : before.where();
            kinds.put(key, new MigrateNote(e.noteKind(), rows, e.runId(), where, text(e.noteKind(), rows, e.runId(), where)));
        }
        Map<String, List<MigrateNote>> out = new HashMap<>();
        notes.forEach((t, kinds) -> out.put(t, List.copyOf(kinds.values())));
        return new MigrateNotes(out);
    }

    /** The notes of the source table {@code table}, none when migrate left none. */
    public List<MigrateNote> of(String table) {
        return byTable.getOrDefault(table, List.of());
    }

    /** Whether migrate rejected rows of {@code table}: then verify sets aside the rows that do not convert, as it did. */
    boolean rejected(String table) {
        return rows(table, JournalEntry.NOTE_REJECTED) > 0;
    }

    long rows(String table, String kind) {
        return of(table).stream().filter(n -> n.kind().equals(kind)).mapToLong(MigrateNote::rows).sum();
    }

    private static String text(String kind, long rows, String run, String where) {
        if (kind.equals(JournalEntry.NOTE_MERGED_UNMATCHED)) {
            return String.format(Locale.ROOT, "%,d rows of %s found no row here to merge into, by migrate: run %s", rows,
                    where, run);
        }
        String what = switch (kind) {
            case JournalEntry.NOTE_REJECTED -> "rejected (--on-error reject)";
            case JournalEntry.NOTE_ORPHANS_SKIPPED -> "skipped as orphans";
            case JournalEntry.NOTE_FILTERED -> "left out by the spec's where:";
            default -> kind; // a kind a newer decant wrote: shown as it is, explaining nothing
        };
        return String.format(Locale.ROOT, "%,d %s by migrate: run %s%s", rows, what, run,
                where == null ? "" : ", rejects file " + where);
    }

    /**
     * The check with its notes, and with a difference they account for marked as explained (warn, counts
     * unchanged). Explained means: the target is short by exactly the rejected rows that verify's source side
     * still counted ({@code rejected} noted, less {@code setAside}, the rows verify itself found not to convert),
     * and no row differs in any other way. Anything else keeps its verdict.
     *
     * @param setAside rows of the source verify left out because they do not convert, as migrate rejected them
     */
    TableCheck explain(TableCheck c, long setAside) {
        List<MigrateNote> notes = of(c.table());
        if (notes.isEmpty() && setAside == 0) {
            return c;
        }
        List<String> more = new ArrayList<>(c.notes());
        long rejected = rows(c.table(), JournalEntry.NOTE_REJECTED);
        long refused = rejected - setAside; // rejected rows the source side still counts: the target lacks them
        long shortBy = c.sourceRows() - c.targetRows();
        if (setAside > 0) {
            more.add(String.format(Locale.ROOT, "%,d source rows do not convert and are not counted, as migrate rejected"
                    + " them", setAside));
        }
        Status count = c.count();
        Status checksum = c.checksum();
        if (c.status() == Status.FAIL && rejected > 0) {
            boolean onlyMissing = c.checksum() == null || c.differingRows() == shortBy;
            if (shortBy == refused && onlyMissing) {
                count = Status.WARN;
                checksum = checksum == null ? null : Status.WARN;
                more.add(String.format(Locale.ROOT, "the %,d rows the target lacks are among those migrate rejected", shortBy));
            } else {
                more.add(String.format(Locale.ROOT, "migrate's notes do not explain this difference: the target has %,d"
                        + " rows %s the source's %,d, and %,d rejected rows were left for it to lack", Math.abs(shortBy),
                        shortBy >= 0 ? "fewer than" : "more than", c.sourceRows(), Math.max(0, refused)));
            }
        }
        Status status = count.worst(checksum == null ? Status.PASS : checksum);
        return new TableCheck(c.table(), c.target(), status, c.sourceRows(), c.targetRows(), count, checksum,
                c.sourceChecksum(), c.targetChecksum(), c.differingRows(), c.differences(), more, notes);
    }
}
