package io.decant.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/decant in the repository puts decant-demo.jar (this module's) beside decant.jar on the class
 * path, so the README's first command, {@code bin/decant demo}, runs on the embedded PostgreSQL.
 */
class LauncherDemoIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "decant").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void demoRunsOnTheEmbeddedPostgres() throws Exception {
        assertTrue(Files.exists(Path.of("target", "decant-demo.jar")), "built by the package phase");
        Path work = dir.resolve("demo");
        String[] r = run(Map.of(), "demo", "--readings", "300", "--dir", work.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[2].contains("starting an embedded PostgreSQL"), r[2]);
        assertTrue(r[1].contains("result: pass"), r[1]);
        assertTrue(Files.exists(work.resolve("verification-report.json")), "the report is written");
    }

    @Test
    void honoursJavaHomeAndJavaOptions() throws Exception {
        String javaHome = System.getProperty("java.home");
        String[] serial = run(Map.of("JAVA_HOME", javaHome, "DECANT_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertEquals("0", serial[0], serial[1] + serial[2]);
        assertTrue(serial[1].contains("-XX:+UseSerialGC") && serial[1].contains("\ndecant "), serial[1]);
        String[] g1 = run(Map.of("DECANT_JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"), "--version");
        assertTrue(g1[1].contains("-XX:+UseG1GC") && !g1[1].contains("UseSerialGC"), g1[1]);
        // the JIT's thresholds: four times the JVM's by default, and the user's own when they set one
        assertTrue(serial[1].contains("-XX:CompileThresholdScaling=4."), serial[1]);
        String own = run(Map.of("DECANT_JAVA_OPTS", "-XX:CompileThresholdScaling=1 -XX:+PrintCommandLineFlags"),
                "--version")[1];
        assertTrue(own.contains("-XX:CompileThresholdScaling=1.") && !own.contains("CompileThresholdScaling=4"), own);

        String[] wrongHome = run(Map.of("JAVA_HOME", dir.resolve("no-java").toString()), "--version");
        assertEquals("70", wrongHome[0], wrongHome[1] + wrongHome[2]);
        assertTrue(wrongHome[2].contains("JAVA_HOME is " + dir.resolve("no-java")), wrongHome[2]);
    }

    /** bin/decant ARGS from a folder outside the repository, with {@code env} added: exit, stdout, stderr. */
    private String[] run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out).redirectError(err);
        pb.environment().remove("DECANT_JAVA_OPTS");
        pb.environment().remove("DECANT_JAR");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bin/decant " + String.join(" ", args) + " did not end");
        return new String[] {String.valueOf(p.exitValue()), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8)};
    }
}
