package io.decant.core.spec;

import java.util.List;

/**
 * What reading a spec gave: the spec, or every problem found (sorted by line). For callers that
 * report problems themselves (JSON output, tests); {@link #orThrow} gives the usual exception.
 *
 * @param spec {@code null} when there are problems
 */
public record SpecResult(Spec spec, List<SpecProblem> problems, String file) {
    public SpecResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The spec, or one {@link io.decant.core.error.ErrorCode#SPEC_INVALID} error listing every problem. */
    public Spec orThrow() {
        if (!ok()) {
            throw Problems.exception(file, problems);
        }
        return spec;
    }
}
