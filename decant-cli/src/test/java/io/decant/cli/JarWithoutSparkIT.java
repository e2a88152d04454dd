package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** decant.jar stays free of Spark and Scala: running on Spark is the separate decant-spark jar's business. */
class JarWithoutSparkIT {
    @Test
    void decantJarHasNoSparkOrScalaClass() throws Exception {
        Path jar = Path.of("target", "decant.jar");
        assertTrue(Files.exists(jar), "package builds " + jar);
        try (ZipFile z = new ZipFile(jar.toFile())) {
            List<String> found = z.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")).limit(5).toList();
            assertTrue(found.isEmpty(), "decant.jar holds " + found);
            assertTrue(z.getEntry("io/decant/cli/Main.class") != null);
        }
    }
}
