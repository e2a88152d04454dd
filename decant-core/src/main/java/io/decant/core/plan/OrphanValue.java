package io.decant.core.plan;

import io.decant.core.spec.OrphanPolicy;

/**
 * A reference whose id has no mapping: its parent row is missing (an orphan) or the mapping lacks
 * it. Thrown per value, without a stack trace; the row mapper applies {@link #policy}.
 */
public final class OrphanValue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final OrphanPolicy policy;
    public final String reference;
    public final transient Object value;

    OrphanValue(OrphanPolicy policy, String reference, Object value) {
        super(reference, null, false, false);
        this.policy = policy;
        this.reference = reference;
        this.value = value;
    }
}
