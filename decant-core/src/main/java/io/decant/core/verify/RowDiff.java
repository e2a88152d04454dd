package io.decant.core.verify;

import java.util.List;

/**
 * One row that differs: {@code missing} from the target, {@code extra} in the target, or
 * {@code changed}, with the columns that differ and both values (truncated, secrets redacted).
 */
public record RowDiff(String kind, String key, List<ColumnDiff> columns) {
    public RowDiff {
        columns = List.copyOf(columns);
    }

    public record ColumnDiff(String column, String source, String target) {
    }
}
