package io.decant.core.verify;

import java.util.List;

/**
 * Count and checksum comparison of one table.
 *
 * @param differingRows rows found to differ (may exceed {@code differences}, which is capped)
 * @param migrate       what migrate noted about rows of this table it left out on purpose ({@link MigrateNotes});
 *                      a count difference they account for is {@code WARN}, not {@code FAIL}
 */
public record TableCheck(String table, String target, Status status, long sourceRows, long targetRows,
                         Status count, Status checksum, String sourceChecksum, String targetChecksum,
                         long differingRows, List<RowDiff> differences, List<String> notes, List<MigrateNote> migrate) {
    public TableCheck {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
        migrate = migrate == null ? List.of() : List.copyOf(migrate);
    }

    public TableCheck(String table, String target, Status status, long sourceRows, long targetRows, Status count,
                      Status checksum, String sourceChecksum, String targetChecksum, long differingRows,
                      List<RowDiff> differences, List<String> notes) {
        this(table, target, status, sourceRows, targetRows, count, checksum, sourceChecksum, targetChecksum, differingRows,
                differences, notes, null);
    }
}
