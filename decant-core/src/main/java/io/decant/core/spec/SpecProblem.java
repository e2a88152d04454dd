package io.decant.core.spec;

import java.util.Objects;

/**
 * One mistake in a spec. Its text is API (scripts and golden files read it):
 * {@code decant.yaml:12:5 tables.users.columns.approved.cast: unknown cast 'bol'; did you mean 'bool'?}.
 */
public record SpecProblem(SpecLocation location, String message) implements Comparable<SpecProblem> {
    public SpecProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public String file() {
        return location.file();
    }

    public int line() {
        return location.line();
    }

    public int column() {
        return location.column();
    }

    public String path() {
        return location.path();
    }

    /** Problems read best in file order; problems without a line come first. */
    @Override
    public int compareTo(SpecProblem o) {
        int c = Integer.compare(line(), o.line());
        if (c == 0) {
            c = Integer.compare(column(), o.column());
        }
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
