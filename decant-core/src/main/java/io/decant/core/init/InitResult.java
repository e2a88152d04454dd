package io.decant.core.init;

import java.util.List;

/**
 * What {@code decant init} proposes: the spec's text and every line of it that needs a decision.
 *
 * @param tablesMatched     source tables paired with a target table
 * @param tablesWithoutTarget source tables that no target table matched (excluded in the spec, each with a TODO)
 * @param sampledRows       rows read from the source to choose the casts, over all tables
 */
public record InitResult(String spec, List<Decision> decisions, int tablesMatched, int tablesWithoutTarget,
                         long sampledRows, boolean createSchema) {
    public InitResult {
        decisions = List.copyOf(decisions);
    }

    /** A line of the spec that a person must decide: its 1-based line number, the YAML path, what to decide. */
    public record Decision(int line, String path, String todo) {
    }

    /** The text a writer produced and its decisions. */
    record Written(String text, List<Decision> decisions) {
    }
}
