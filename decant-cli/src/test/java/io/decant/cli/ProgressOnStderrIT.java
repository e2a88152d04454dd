package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.Services;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress only when stderr itself is a terminal, asked of a real process: decant.jar run with stderr
 * redirected to a file prints whole lines only, and run with stderr on a pseudo-terminal (util-linux
 * {@code script}) while its stdout goes to a file — no console, to Java 17 — redraws its lines.
 */
class ProgressOnStderrIT {
    private static final Path JAR = Path.of("target", "decant.jar");

    @TempDir
    Path dir;

    private Path source() {
        Path db = dir.resolve("app.db");
        StringBuilder rows = new StringBuilder("INSERT INTO users VALUES ");
        for (int i = 1; i <= 2000; i++) {
            rows.append(i == 1 ? "" : ",").append('(').append(i).append(",'u").append(i).append("@example.com')");
        }
        SqliteFixture.exec(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)",
                "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT)", rows.toString(), "INSERT INTO tags VALUES (1, 't')");
        return db;
    }

    private List<String> migrate(String target) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString(), "migrate", "--from", "sqlite:" + source(), "--to", "sqlite:" + dir.resolve(target),
                "--create-schema", "--jobs", "2");
    }

    /** A terminal's environment, with nothing that would choose the mode for decant. */
    private static void terminalEnv(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.remove("CI");
        env.remove(StderrProgress.ENV);
        env.put("TERM", "xterm");
    }

    @Test
    void stderrRedirectedToAFileGetsWholeLinesOnly() throws Exception {
        assertTrue(Files.exists(JAR), JAR.toAbsolutePath() + " is built by the package phase, before integration tests");
        File err = dir.resolve("err.log").toFile();
        ProcessBuilder pb = new ProcessBuilder(migrate("plain.db")).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(err);
        terminalEnv(pb);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "decant finished");
        String s = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), s);
        assertTrue(s.contains("users: 2,000 rows in "), s);
        assertFalse(s.contains("\r") || s.contains("\033"), "no carriage return, no escape code: " + s);
    }

    @Test
    void stderrOnATerminalIsRedrawnThoughStdoutGoesToAFile() throws Exception {
        assertTrue(Files.exists(JAR), JAR.toAbsolutePath() + " is built by the package phase, before integration tests");
        Path script = Path.of("/usr/bin/script");
        if (!Files.isExecutable(script)) {
            String why = "script (util-linux; Debian package bsdutils) is not installed; it gives decant a terminal for"
                    + " its stderr here. Install it, or set " + Services.REQUIRE_ENV + "=1 to make this a failure.";
            if (Services.required()) {
                throw new IllegalStateException(why);
            }
            Assumptions.assumeTrue(false, why);
        }
        List<String> quoted = new ArrayList<>();
        migrate("live.db").forEach(a -> quoted.add("'" + a.replace("'", "'\\''") + "'"));
        Path out = dir.resolve("out.txt");
        // script runs the command on a new pseudo-terminal and copies what reaches it to its own stdout
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qec", String.join(" ", quoted) + " > '" + out + "'",
                "/dev/null").redirectOutput(dir.resolve("terminal.txt").toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        terminalEnv(pb);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "decant finished");
        String s = Files.readString(dir.resolve("terminal.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), s);
        assertTrue(s.contains("\r\033[K"), "the live block is drawn: " + s);
        assertTrue(s.contains("users: 2,000 rows in "), s);
        assertTrue(Files.readString(out).contains("users"), "the result went to the file, not the terminal");
    }
}
