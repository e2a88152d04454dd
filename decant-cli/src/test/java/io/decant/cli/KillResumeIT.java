package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.sqlite.demo.D1AppGenerator;
import io.decant.testkit.PgServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * decant is killed (SIGKILL) at random moments of a migration and resumed each time; the end state
 * must be exactly that of an uninterrupted run, which verify proves row by row. The runs that are
 * killed are real processes of the packaged jar.
 */
class KillResumeIT {
    private static final Path JAR = Path.of("target", "decant.jar");

    @TempDir
    Path dir;

    @Test
    void killedRunsResumeToExactlyTheSameData() throws Exception {
        assertTrue(Files.exists(JAR), JAR.toAbsolutePath() + " is built by the package phase, before integration tests");
        Path app = dir.resolve("app.db");
        D1AppGenerator.generate(app, 120_000, 7);
        PgServer.TestDb db = PgServer.get().createDatabase("it_kill");
        Path spec = Path.of("..", "examples", "d1-to-postgres", "decant.yaml");
        List<String> args = List.of("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString(),
                "--mapping", dir.resolve("id-mapping.json").toString(), "--create-schema", "--jobs", "2",
                "--commit-every", "15000"); // readings commits in 8 chunks: kills land inside them too
        Random random = new Random(20261121L);
        int killed = 0;
        for (int i = 0; i < 4; i++) {
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
            cmd.addAll(args);
            if (i > 0) {
                cmd.add("--resume");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("run" + i + ".log").toFile())
                    .start();
            if (!p.waitFor(300 + random.nextInt(1700), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                killed++;
            }
        }
        assertTrue(killed >= 2, "at least two runs were killed mid-way (" + killed + ")");
        List<String> resume = new ArrayList<>(args);
        resume.add("--resume");
        Cli.Result r = Cli.run(resume.toArray(String[]::new));
        assertEquals(0, r.exit(), r + "\n" + logs());
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url(), "--spec", spec.toString(),
                "--mapping", dir.resolve("id-mapping.json").toString());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().matches("(?s).*readings\\s+120,000\\s+120,000\\s+pass.*"), v.out());

        Cli.Result again = Cli.run(resume.toArray(String[]::new));
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.err().contains("nothing to resume"), again.err());
    }

    private String logs() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            Path log = dir.resolve("run" + i + ".log");
            if (Files.exists(log)) {
                sb.append("--- run ").append(i).append('\n').append(Files.readString(log));
            }
        }
        return sb.toString();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
