package io.decant.core.verify;

/**
 * What migrate recorded about rows of a table it left out on purpose, shown next to the counts it explains.
 *
 * @param kind  {@code rejected}, {@code orphans-skipped}, {@code filtered} or {@code merged-unmatched}
 * @param rows  how many rows migrate left out so
 * @param run   the run that did
 * @param where where the rows went (the rejects file) or came from (the merged table), or null
 * @param text  the note as the report shows it
 */
public record MigrateNote(String kind, long rows, String run, String where, String text) {
}
