package io.decant.core.engine;

/** The outcome of loading one table. */
public record TableResult(String source, String target, Status status, long rows, long bytes, double seconds,
                          String error, java.util.List<String> notes) {
    public TableResult {
        notes = notes == null ? java.util.List.of() : java.util.List.copyOf(notes);
    }

    public enum Status {
        LOADED, FAILED, CANCELLED, SKIPPED
    }

    public double rowsPerSecond() {
        return seconds <= 0 ? rows : rows / seconds;
    }
}
