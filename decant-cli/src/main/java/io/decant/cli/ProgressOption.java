package io.decant.cli;

import picocli.CommandLine.Option;

/** {@code --progress}, for the commands that move rows. */
public final class ProgressOption {
    @Option(names = "--progress", paramLabel = "auto|live|lines|off",
            description = "How progress shows on stderr: live redraws a line per table in a terminal, lines prints whole"
                    + " lines only (logs, files), off only messages; auto (the default, or DECANT_PROGRESS) picks live"
                    + " when stderr is a terminal.")
    String mode;
}
