package io.decant.cli;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code decant migrate --engine spark}: hands the run over to decant-spark.jar, which this jar does not
 * contain (it holds no Spark). With {@code SPARK_HOME} set, through {@code $SPARK_HOME/bin/spark-submit};
 * without it, in local mode ({@code --master local[N]}) in a JVM of its own on the Spark class path that
 * the decant-spark build wrote beside its jar. Without decant-spark.jar, or without Spark, a usage error
 * says what to install. See docs/spark.md.
 */
final class SparkEngine {
    /** The flags Spark needs on Java 17 when it is not started by spark-submit. */
    private static final String OPENS = "java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util"
            + " java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs"
            + " sun.security.action sun.util.calendar";

    private SparkEngine() {
    }

    /**
     * Runs {@code migrateArgs} (decant-spark's own migrate options) on Spark with {@code env} (DECANT_FROM,
     * DECANT_TO) added to the environment it inherits; returns the exit code.
     */
    static int migrate(String master, List<String> migrateArgs, Map<String, String> env) {
        List<String> cmd = command(master, migrateArgs);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().putAll(env);
            Process p = pb.start();
            return p.waitFor();
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, "could not start " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DecantException.internal("interrupted while Spark ran", e);
        }
    }

    /** The command line that starts the Spark driver: spark-submit, or a JVM of its own in local mode. */
    static List<String> command(String master, List<String> migrateArgs) {
        Path jar = jar();
        String sparkHome = Environment.get("SPARK_HOME");
        List<String> cmd = new ArrayList<>();
        if (sparkHome != null && !sparkHome.isBlank()) {
            cmd.add(Path.of(sparkHome, "bin", "spark-submit").toString());
            cmd.addAll(List.of("--master", master == null ? "local[*]" : master, "--class", "io.decant.spark.Main",
                    jar.toString(), "migrate"));
            cmd.addAll(migrateArgs);
        } else {
            String m = master == null ? "local[*]" : master;
            Path classpath = jar.resolveSibling("spark-classpath.txt");
            if (!m.startsWith("local") || !Files.isRegularFile(classpath)) {
                throw DecantException.usage("--engine spark needs Spark: set SPARK_HOME to a Spark 4.0 installation"
                        + " (spark-submit runs the job" + (m.startsWith("local") ? "" : " on " + m) + "), or build"
                        + " decant-spark (./mvnw -DskipTests package) for local mode with --master local[N]");
            }
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String p : OPENS.split(" ")) {
                cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
            }
            cmd.addAll(List.of("-Dspark.ui.enabled=false", "-cp", jar + File.pathSeparator + read(classpath).strip(),
                    "io.decant.spark.Main", "migrate", "--master", m));
            cmd.addAll(migrateArgs);
        }
        return cmd;
    }

    /** decant-spark.jar: DECANT_SPARK_JAR, beside decant.jar, or where the build leaves it. */
    static Path jar() {
        String named = Environment.get("DECANT_SPARK_JAR");
        List<Path> tried = new ArrayList<>();
        if (named != null && !named.isBlank()) {
            tried.add(Path.of(named));
        } else {
            try {
                Path self = Path.of(SparkEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path dir = Files.isDirectory(self) ? self : self.getParent();
                tried.add(dir.resolve("decant-spark.jar"));
                tried.add(dir.resolve("../../decant-spark/target/decant-spark.jar").normalize());
            } catch (java.net.URISyntaxException | RuntimeException e) {
                // no location to look beside; DECANT_SPARK_JAR is the way
            }
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw DecantException.usage("--engine spark runs decant-spark.jar, which is not installed (looked for "
                + String.join(", ", tried.stream().map(Path::toString).toList()) + "): build it with ./mvnw -DskipTests"
                + " package, or set DECANT_SPARK_JAR to its path");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, "cannot read " + p + ": " + e.getMessage());
        }
    }
}
