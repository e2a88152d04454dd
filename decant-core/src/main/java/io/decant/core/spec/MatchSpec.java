package io.decant.core.spec;

/**
 * For {@link IdStrategy#MATCH}: the new id of a row is the id of the row of the target's
 * {@code table} whose {@code column} equals this row's {@code sourceColumn}.
 *
 * @param sourceColumn the column of the source row to look up; defaults to {@code column}
 */
public record MatchSpec(String table, String column, String sourceColumn, boolean caseInsensitive) {
}
