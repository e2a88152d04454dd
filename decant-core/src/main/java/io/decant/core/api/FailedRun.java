package io.decant.core.api;

import io.decant.core.error.DecantException;

/**
 * A failure together with what was done before it (the tables a run loaded, as its result shows
 * them): a run that failed part-way, or one that finished but rejected rows. {@link #failure()} is the
 * error, with its code and message; {@link #result()} the partial result, so that a caller can show
 * both (the command line's {@code --output json} prints them as one document).
 */
public final class FailedRun extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Object result;
    private final DecantException failure;

    public FailedRun(DecantException failure, Object result) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.result = result;
    }

    public DecantException failure() {
        return failure;
    }

    /** The result so far: a {@link io.decant.core.api.MigrationResult} for a run. */
    public Object result() {
        return result;
    }
}
