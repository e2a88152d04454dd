package io.decant.core.api;

/** A source table that a plan leaves out, and why (excluded, not in --tables, merged into another table). */
public record SkippedTable(String table, String reason) {
}
