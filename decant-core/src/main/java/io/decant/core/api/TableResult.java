package io.decant.core.api;

import io.decant.core.run.RowIssues;

/**
 * The outcome of loading one table. {@code seconds} is the table's load, keys included; {@code phases}
 * splits it and adds the indexes and foreign keys built for the table after its rows.
 */
public record TableResult(String source, String target, Status status, long rows, long bytes, double seconds,
                          String error, java.util.List<String> notes, java.util.List<RowIssues.RowIssue> orphans,
                          Phases phases) {
    public TableResult {
        notes = notes == null ? java.util.List.of() : java.util.List.copyOf(notes);
        orphans = orphans == null ? java.util.List.of() : java.util.List.copyOf(orphans);
        phases = phases == null ? new Phases(seconds, 0, 0, 0) : phases;
    }

    public TableResult(String source, String target, Status status, long rows, long bytes, double seconds, String error,
                       java.util.List<String> notes, java.util.List<RowIssues.RowIssue> orphans) {
        this(source, target, status, rows, bytes, seconds, error, notes, orphans, null);
    }

    /** This result with the seconds its indexes and foreign keys took. */
    public TableResult withAfterData(double indexes, double foreignKeys) {
        return new TableResult(source, target, status, rows, bytes, seconds, error, notes, orphans,
                phases.withIndexes(indexes).withForeignKeys(foreignKeys));
    }

    public TableResult(String source, String target, Status status, long rows, long bytes, double seconds, String error,
                       java.util.List<String> notes) {
        this(source, target, status, rows, bytes, seconds, error, notes, null);
    }

    public enum Status {
        LOADED, FAILED, CANCELLED, SKIPPED
    }

    public double rowsPerSecond() {
        return seconds <= 0 ? rows : rows / seconds;
    }
}
