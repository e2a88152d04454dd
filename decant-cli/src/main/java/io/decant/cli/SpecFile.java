package io.decant.cli;

import io.decant.core.error.DecantException;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import java.nio.file.Path;

/**
 * Loads --spec before anything connects, and resolves --from/--to: the option, else DECANT_FROM /
 * DECANT_TO from the environment (so a URL with a password need not be on the command line, where
 * {@code ps} shows it), else the spec's source/target.
 */
final class SpecFile {
    private SpecFile() {
    }

    static Spec load(Path file) {
        return file == null ? Spec.empty() : SpecLoader.load(file, Environment.current());
    }

    static String from(String option, Spec spec) {
        if (option != null) {
            return option;
        }
        if (Environment.get("DECANT_FROM") != null) {
            return Environment.get("DECANT_FROM");
        }
        return spec.sourceUrl().orElseThrow(() -> DecantException.usage("--from is required (or DECANT_FROM in the environment, or 'source:' in the spec)"));
    }

    static String to(String option, Spec spec, boolean required) {
        if (option != null) {
            return option;
        }
        if (Environment.get("DECANT_TO") != null) {
            return Environment.get("DECANT_TO");
        }
        if (required) {
            return spec.targetUrl().orElseThrow(() -> DecantException.usage("--to is required (or DECANT_TO in the environment, or 'target:' in the spec)"));
        }
        return spec.targetUrl().orElse(null);
    }
}
