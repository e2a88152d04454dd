package io.decant.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The release archive, as a user gets it: unpacked outside the repository, bin/decant runs through a
 * symbolic link on the PATH; it holds the slim jar, a man page for every command and a bash
 * completion that completes the commands; tar.gz and zip hold the same files.
 */
class ReleaseArchiveIT {
    private static final String VERSION = Main.VERSION;
    private static final String BASE = "decant-" + VERSION + "/";
    private static final Path TAR = Path.of("target", "decant-" + VERSION + ".tar.gz");
    private static final Path ZIP = Path.of("target", "decant-" + VERSION + ".zip");

    @TempDir
    static Path dir;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        assertTrue(Files.exists(TAR) && Files.exists(ZIP), "built by ./mvnw -Prelease package");
        Path into = Files.createDirectories(dir.resolve("opt"));
        String[] r = run(into, Map.of(), "tar", "xzf", TAR.toAbsolutePath().toString());
        assertEquals("0", r[0], r[2]);
        home = into.resolve("decant-" + VERSION);
    }

    @Test
    void holdsLauncherSlimJarManPagesAndCompletion() throws Exception {
        List<String> expected = new ArrayList<>(List.of("bin/decant", "lib/decant.jar", "completion/decant.bash",
                "README.md"));
        for (String page : manPages(new CommandLine(new Main()), "decant")) {
            expected.add("man/man1/" + page + ".1");
        }
        TreeSet<String> inZip = new TreeSet<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).forEach(n -> inZip.add(strip(n)));
        }
        assertEquals(new TreeSet<>(expected), inZip, "the zip holds exactly these files");
        TreeSet<String> inTar = new TreeSet<>();
        try (var files = Files.walk(home)) {
            files.filter(Files::isRegularFile).forEach(f -> inTar.add(home.relativize(f).toString().replace(File.separatorChar, '/')));
        }
        assertEquals(inZip, inTar, "the tar.gz holds the same files");
        assertTrue(Files.isExecutable(home.resolve("bin/decant")), "bin/decant is executable once unpacked");

        try (JarFile jar = new JarFile(home.resolve("lib/decant.jar").toFile())) {
            assertTrue(jar.stream().noneMatch(e -> e.getName().endsWith(".txz") || e.getName().startsWith("io/zonky/")),
                    "the archive's jar is the slim one: no embedded PostgreSQL");
        }
        String migrate = Files.readString(home.resolve("man/man1/decant-migrate.1"), StandardCharsets.UTF_8);
        assertTrue(migrate.contains(".TH \"DECANT\\-MIGRATE\" \"1\""), "a troff man page, section 1");
        assertTrue(migrate.contains("\\fB\\-\\-from\\fP=\\fIURL\\fP"), "with the command's options");
    }

    @Test
    void runsFromAnywhereThroughALink() throws Exception {
        Path onPath = Files.createDirectories(dir.resolve("path"));
        Files.createSymbolicLink(onPath.resolve("decant"), home.resolve("bin/decant"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        String[] version = run(elsewhere, Map.of("PATH", onPath + File.pathSeparator + System.getenv("PATH"),
                "JAVA_HOME", System.getProperty("java.home")), "sh", "-c", "decant --version");
        assertEquals("0", version[0], version[1] + version[2]);
        assertTrue(version[1].startsWith("decant " + VERSION + "\ncommit "), version[1]);

        String[] demo = run(elsewhere, Map.of(), onPath.resolve("decant").toString(), "demo");
        assertEquals("2", demo[0], "no decant-demo.jar in the archive: " + demo[1] + demo[2]);
        assertTrue(demo[2].contains("put decant-demo.jar") && demo[2].contains("decant demo --to postgres://"), demo[2]);
    }

    /**
     * Class-data sharing from the unpacked archive (bin/decant's header), on the Java of the tests and on
     * Temurin 25 when it is installed: the first working command writes the archive (on Java 25, records the
     * AOT cache's configuration), the next adopts (assembles) and maps it, and stdout is decant's JSON both times.
     */
    @Test
    void keepsAClassDataSharingArchiveOutsideTheRepository() throws Exception {
        List<String> javas = new ArrayList<>(List.of(System.getProperty("java.home")));
        Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        if (Files.isExecutable(temurin25.resolve("bin/java"))) {
            javas.add(temurin25.toString());
        }
        Path elsewhere = Files.createDirectories(dir.resolve("cds-work"));
        Path cache = dir.resolve("cds-cache");
        Path db = elsewhere.resolve("empty.db");
        Files.write(db, new byte[0]);
        for (String javaHome : javas) {
            for (int run = 1; run <= 2; run++) {
                Path classes = elsewhere.resolve("classes-" + run + ".log");
                String[] plan = run(elsewhere, Map.of("JAVA_HOME", javaHome, "XDG_CACHE_HOME", cache.toString(),
                        "DECANT_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes),
                        home.resolve("bin/decant").toString(), "plan", "--from", "sqlite:" + db, "--to", "sqlite:"
                        + elsewhere.resolve("out.db"), "--create-schema", "--allow-empty", "--output", "json");
                assertEquals("0", plan[0], javaHome + ": " + plan[1] + plan[2]);
                assertTrue(plan[1].startsWith("{") && plan[1].strip().endsWith("}") && !plan[1].contains("[warning]"),
                        javaHome + ": " + plan[1]);
                assertTrue(plan[2].isEmpty(), javaHome + ": " + plan[2]);
                // decant's own classes from the dynamic archive ("shared objects file (top)") or, on Java 25, the AOT cache
                boolean mapped = Files.readString(classes).lines()
                        .anyMatch(l -> l.contains("] io.decant.") && l.contains("source: shared objects file"));
                assertEquals(run == 2, mapped, javaHome + ", run " + run + ": the archive is mapped from the second run on");
            }
        }
    }

    @Test
    void completionCompletesCommandsAndOptions() throws Exception {
        String script = home.resolve("completion/decant.bash").toString();
        String[] commands = run(dir, Map.of(), "bash", "-c", "source '" + script + "'; COMP_WORDS=(decant mig); "
                + "COMP_CWORD=1; _complete_decant; echo \"${COMPREPLY[*]}\"");
        assertEquals("migrate", commands[1].strip(), commands[1] + commands[2]);
        String[] options = run(dir, Map.of(), "bash", "-c", "source '" + script + "'; COMP_WORDS=(decant verify --rep); "
                + "COMP_CWORD=2; _complete_decant; echo \"${COMPREPLY[*]}\"");
        assertEquals("--report", options[1].strip(), options[1] + options[2]);
    }

    /** decant, decant-migrate, decant-ids-build, ...: one page per command and subcommand. */
    private static List<String> manPages(CommandLine cl, String name) {
        List<String> pages = new ArrayList<>(List.of(name));
        cl.getSubcommands().forEach((sub, c) -> {
            if (c.getCommandName().equals(sub)) {
                pages.addAll(manPages(c, name + "-" + sub));
            }
        });
        return pages;
    }

    private static String strip(String entry) {
        assertTrue(entry.startsWith(BASE), entry + " is under " + BASE);
        return entry.substring(BASE.length());
    }

    private static String[] run(Path cwd, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("DECANT_JAR");
        pb.environment().remove("DECANT_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), String.join(" ", cmd) + " did not end");
        return new String[] {String.valueOf(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8)};
    }
}
