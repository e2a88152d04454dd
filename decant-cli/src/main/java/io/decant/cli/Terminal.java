package io.decant.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Whether a person is at the terminal, and asking them. How progress shows on stderr is chosen apart,
 * by {@link StderrProgress#chosen(String)} (--progress, DECANT_PROGRESS, CI, TERM, whether stderr is a terminal).
 */
final class Terminal {
    private Terminal() {
    }

    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** Asks for a typed word; returns whether it was typed exactly. */
    static boolean confirm(String question, String word) {
        if (!interactive()) {
            return false;
        }
        System.err.print(question + " Type '" + word + "' to continue: ");
        System.err.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return word.equals(line == null ? null : line.trim());
        } catch (IOException e) {
            return false;
        }
    }
}
