package io.decant.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tables a command works on. */
public final class SelectionOptions {
    @Option(names = "--tables", split = ",", paramLabel = "a,b", description = "Only these tables.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "a,b", description = "Leave these tables out.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--allow-empty", description = "Let a run whose selection holds no table succeed (by default "
            + "it is an error, exit 2, naming what matched nothing).")
    boolean allowEmpty;
}
