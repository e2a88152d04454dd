package io.decant.core.run;

/** The outcome of loading one table. */
public record TableResult(String source, String target, Status status, long rows, long bytes, double seconds,
                          String error, java.util.List<String> notes, java.util.List<RowIssues.RowIssue> orphans) {
    public TableResult {
        notes = notes == null ? java.util.List.of() : java.util.List.copyOf(notes);
        orphans = orphans == null ? java.util.List.of() : java.util.List.copyOf(orphans);
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
