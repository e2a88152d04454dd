package io.decant.core.api;

import java.util.List;

/** The outcome of a run: one result per table in load order, and the first failure if there was one. */
public record MigrationResult(String source, String target, List<TableResult> tables, double seconds,
                              List<String> notes) {
    public MigrationResult {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return tables.stream().noneMatch(t -> t.status() == TableResult.Status.FAILED
                || t.status() == TableResult.Status.CANCELLED);
    }

    /** Each phase summed over the tables (work seconds; with tables built at once, more than {@code seconds}). */
    @com.fasterxml.jackson.annotation.JsonProperty("phases")
    public Phases phases() {
        return tables.stream().map(TableResult::phases).reduce(Phases.NONE, Phases::plus);
    }

    public long rows() {
        return tables.stream().mapToLong(TableResult::rows).sum();
    }
}
