package io.decant.core.api;

/**
 * One table of a run as a {@link ProgressListener} sees it.
 *
 * @param name          the source table, as plan and the summary name it
 * @param target        the table it is written to
 * @param estimatedRows the source's row estimate, or -1 when the source gives none
 */
public record TableTask(String name, String target, long estimatedRows) {
}
