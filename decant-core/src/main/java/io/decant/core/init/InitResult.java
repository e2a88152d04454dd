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

    /**
     * A line of the spec that a person must decide: its 1-based line number, the YAML path, what to decide, and
     * whether {@code plan --sample} fails on it as written (the other lines hold a choice that loads).
     */
    public record Decision(int line, String path, String todo, boolean fails) {
    }

    /** The decisions on which {@code plan --sample} fails as the spec is written. */
    public List<Decision> failing() {
        return decisions.stream().filter(Decision::fails).toList();
    }

    /** The text a writer produced and its decisions. */
    record Written(String text, List<Decision> decisions) {
    }
}
