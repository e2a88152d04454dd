package io.decant.core.plan;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Problems found while planning; thrown together so that a user fixes them in one round. */
final class PlanProblems {
    private final List<DecantException> found = new ArrayList<>();

    void add(ErrorCode code, ErrorContext where, String detail) {
        found.add(new DecantException(code, where, detail));
    }

    void add(DecantException e) {
        found.add(e);
    }

    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        if (found.size() == 1) {
            throw found.get(0);
        }
        String all = found.stream().map(DecantException::getMessage).collect(Collectors.joining("\n  "));
        throw new DecantException(found.get(0).code(), ErrorContext.EMPTY.withPhase("plan"),
                found.size() + " problems:\n  " + all);
    }
}
