package io.decant.cli;

import io.decant.core.error.DecantException;

/**
 * A command's failure together with what it did before failing (the tables a run loaded), so that
 * {@code --output json} prints one document holding both instead of a result and then an error.
 */
final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Object result;

    Failed(DecantException failure, Object result) {
        super(failure.getMessage(), failure, false, false);
        this.result = result;
    }

    Object result() {
        return result;
    }
}
