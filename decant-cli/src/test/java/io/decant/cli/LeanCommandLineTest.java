package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Main builds only the command that runs; anything else gets the whole tree (Main.commandLine). */
class LeanCommandLineTest {
    private static final List<String> ALL = List.copyOf(new CommandLine(new Main()).getSubcommands().keySet());

    @Test
    void aNamedCommandGetsOnlyItsOwnModel() {
        for (String name : ALL) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine cl = Main.commandLine(new String[] {name, "--from", "x"});
            assertEquals(List.of(name), List.copyOf(cl.getSubcommands().keySet()), name);
            assertEquals("decant " + name, cl.getSubcommands().get(name).getCommandSpec().qualifiedName());
            // the same usage as in the whole tree: help text is API
            assertEquals(new CommandLine(new Main()).getSubcommands().get(name).getUsageMessage(),
                    cl.getSubcommands().get(name).getUsageMessage(), name);
        }
        assertEquals(List.of("build", "show", "lookup"),
                List.copyOf(Main.commandLine(new String[] {"ids", "build"}).getSubcommands().get("ids").getSubcommands().keySet()));
    }

    @Test
    void everythingElseGetsTheWholeTree() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"--version"}, new String[] {"help", "migrate"},
                new String[] {"verfy"}, new String[] {"Migrate"}, new String[] {"-h", "migrate"})) {
            assertEquals(ALL, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }
}
