package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runbooks (examples/NAME/README.md and run.sh) never put a connection URL on decant's command
 * line through the shell: a URL variable is passed as {@code '${DATABASE_URL}'}, which decant expands
 * itself, so a password in it never shows in {@code ps}. And no example claims a form is
 * unsupported that a dialect reads.
 */
class RunbooksTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** "$DATABASE_URL", $SOURCE_URL, ${PG_URL} expanded by the shell (not inside single quotes). */
    private static final Pattern SHELL_URL = Pattern.compile("(?<!')\"?\\$\\{?[A-Za-z_]*(?:URL|url)[A-Za-z_]*\\}?\"?(?!')");
    private static final Pattern LITERAL_PASSWORD = Pattern.compile("://[^\\s:/@'\"]+:[^\\s@'\"]+@");

    private static List<Path> runbooks() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            for (Path d : dirs.sorted().toList()) {
                for (String name : new String[] {"README.md", "run.sh"}) {
                    if (Files.isRegularFile(d.resolve(name))) {
                        files.add(d.resolve(name));
                    }
                }
            }
        }
        assertFalse(files.isEmpty(), "no runbooks under " + EXAMPLES.toAbsolutePath());
        return files;
    }

    @Test
    void decantCommandLinesCarryNoPassword() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path f : runbooks()) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean decant = line.contains("\"$DECANT\"") || line.contains("bin/decant ");
                if (!decant || line.trim().startsWith("#")) {
                    continue;
                }
                String unquoted = line.replaceAll("'[^']*'", "''");
                if (SHELL_URL.matcher(unquoted).find() || LITERAL_PASSWORD.matcher(line).find()) {
                    bad.add(f + ":" + (i + 1) + ": " + line.trim());
                }
            }
        }
        assertTrue(bad.isEmpty(), "decant command lines that put a URL (and so its password) on the command line;"
                + " write '${VAR}' in single quotes instead:\n" + String.join("\n", bad));
    }

    @Test
    void noRunbookCallsAReadableFormUnsupported() throws IOException {
        for (Path f : runbooks()) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertFalse(text.contains("not supported yet"), f + " says a form is 'not supported yet'; check it against the dialects");
        }
    }
}
