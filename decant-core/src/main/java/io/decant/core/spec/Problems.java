package io.decant.core.spec;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem so that a user sees them all at once instead of fixing one per run. */
final class Problems {
    private final List<SpecProblem> list = new ArrayList<>();

    void add(SpecLocation at, String message) {
        SpecProblem p = new SpecProblem(at, message);
        if (!list.contains(p)) { // a node reached twice through a YAML alias reports once
            list.add(p);
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<SpecProblem> sorted() {
        List<SpecProblem> out = new ArrayList<>(list);
        out.sort(null);
        return List.copyOf(out);
    }

    /** The one exception that carries every problem: one problem per line after a count. */
    static DecantException exception(String file, List<SpecProblem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size() == 1 ? "1 problem in " : problems.size() + " problems in ").append(file);
        for (SpecProblem p : problems) {
            sb.append("\n  ").append(p);
        }
        return new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withPhase("spec"), sb.toString());
    }
}
