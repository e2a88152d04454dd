package io.decant.core.spec;

/** What to do with a row whose parent row is missing (a foreign key that points nowhere). */
public enum OrphanPolicy {
    /** Stop with an error naming the row: the default, since nothing is dropped unasked. */
    FAIL,
    /** Load nothing for such rows and list each of them in the report. */
    REPORT,
    /** Leave such rows out and count them. */
    SKIP
}
