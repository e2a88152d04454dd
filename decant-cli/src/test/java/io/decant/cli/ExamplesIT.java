package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example's runbook, run as its users run it: {@code bash examples/NAME/run.sh}, which executes
 * the README's commands exactly as written against scratch databases of the test PostgreSQL and ends
 * with a verify. One test per folder under {@code examples/} that has a run.sh, found when the
 * test runs, so a new example is covered without touching this class. The scripts run the packaged
 * jar through bin/decant, which the package phase has built before integration tests.
 */
class ExamplesIT {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path JAR = Path.of("target", "decant.jar");
    private static final long TIMEOUT_MINUTES = 4;

    @TestFactory
    Stream<DynamicTest> everyExampleRunsItsRunbook() throws IOException {
        assertTrue(Files.isDirectory(EXAMPLES), EXAMPLES.toAbsolutePath() + " is missing");
        List<Path> scripts;
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            scripts = dirs.map(d -> d.resolve("run.sh")).filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "no examples/*/run.sh found under " + EXAMPLES.toAbsolutePath());
        return scripts.stream().map(s -> DynamicTest.dynamicTest(s.getParent().getFileName().toString(), () -> run(s)));
    }

    private static void run(Path script) throws Exception {
        assertTrue(Files.exists(JAR), JAR.toAbsolutePath() + " is built by the package phase, before integration tests");
        PgServer pg = PgServer.get();
        String server = "postgres://" + pg.user() + "@" + pg.host() + ":" + pg.port();
        Path log = Files.createTempFile("decant-example-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.getFileName().toString())
                    .directory(script.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("DECANT_PG_URL", server);
            env.put("PG_URL", server); // the name examples/postgres-to-convex/run.sh reads
            env.remove("KEEP_WORK");
            long start = System.nanoTime();
            Process p = pb.start();
            boolean finished = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                // Stop what the script is waiting on; its EXIT trap then drops its databases and
                // stops its background processes. Force only what is still there after that.
                p.descendants().forEach(ProcessHandle::destroy);
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor();
                }
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            String what = script + " (" + Math.round((System.nanoTime() - start) / 1e9) + " s)";
            assertTrue(finished, what + " did not finish within " + TIMEOUT_MINUTES + " minutes; its output:\n" + output);
            assertEquals(0, p.exitValue(), what + " failed; its output:\n" + output);
            System.out.println(what + ": passed");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
