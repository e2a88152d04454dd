package io.decant.core.verify;

/** The verdict of one check; the worst one decides the report's. */
public enum Status {
    PASS, WARN, FAIL;

    public Status worst(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
