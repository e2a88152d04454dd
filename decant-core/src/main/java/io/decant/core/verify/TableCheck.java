package io.decant.core.verify;

import java.util.List;

/**
 * Count and checksum comparison of one table.
 *
 * @param differingRows rows found to differ (may exceed {@code differences}, which is capped)
 */
public record TableCheck(String table, String target, Status status, long sourceRows, long targetRows,
                         Status count, Status checksum, String sourceChecksum, String targetChecksum,
                         long differingRows, List<RowDiff> differences, List<String> notes) {
    public TableCheck {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }
}
