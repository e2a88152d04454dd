package io.decant.cli;

import io.decant.core.error.DecantException;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import java.nio.file.Path;

/** Loads --spec before anything connects, and resolves --from/--to against the spec's source/target. */
final class SpecFile {
    private SpecFile() {
    }

    static Spec load(Path file) {
        return file == null ? Spec.empty() : SpecLoader.load(file, System.getenv());
    }

    static String from(String option, Spec spec) {
        if (option != null) {
            return option;
        }
        return spec.sourceUrl().orElseThrow(() -> DecantException.usage("--from is required (or 'source:' in the spec)"));
    }

    static String to(String option, Spec spec, boolean required) {
        if (option != null) {
            return option;
        }
        if (required) {
            return spec.targetUrl().orElseThrow(() -> DecantException.usage("--to is required (or 'target:' in the spec)"));
        }
        return spec.targetUrl().orElse(null);
    }
}
