package io.decant.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a D1-style SQLite app database, migrates it into an embedded PostgreSQL and prints the summary.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw io.decant.core.error.DecantException.usage("demo is not wired yet");
    }
}
