package io.decant.core.spec;

import java.util.Locale;

/** How a table's key gets its new values (DESIGN.md section 4). */
public enum IdStrategy {
    /** The old value is kept (the mapping is the identity); useful to attach a legacy column or references. */
    KEEP,
    /** A fresh UUID v7 for every row. */
    UUID,
    /** A UUID v5 from the table name and the old id, so that reruns give the same ids. */
    UUID5,
    /** Old -> new read from a mapping file someone else produced. */
    FILE,
    /** The new id is found by a key (such as an email) in a table of the target. */
    MATCH,
    /** Each row is created in an external service whose response holds the new id. */
    HTTP;

    /** The spelling in a spec: {@code uuid5}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
