package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/decant's class-data sharing (its header): the first working command writes an archive, the next
 * adopts it, later ones map it; stdout stays decant's own in every case (JSON that parses, nothing
 * from the JVM), a damaged or foreign archive is ignored or dropped, and DECANT_CDS=off leaves no trace.
 */
class BinDecantCdsIT {
    private static final Path SCRIPT = Path.of("..", "bin", "decant").toAbsolutePath().normalize();
    private static final Path BUILT_JAR = Path.of("target", "decant.jar").toAbsolutePath();
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path jar;
    Path cache;
    Path cds;
    Path src;

    record Run(int exit, String out, String err, boolean mappedArchive) {
    }

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isRegularFile(BUILT_JAR), "needs target/decant.jar (the package phase)");
        jar = dir.resolve("jar").resolve("decant.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(BUILT_JAR, jar);
        cache = dir.resolve("cache");
        cds = cache.resolve("decant").resolve("cds");
        src = dir.resolve("src.db");
        SqliteFixture.exec(src, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO t VALUES (1, 'a')");
    }

    private Run plan(Map<String, String> env) throws Exception {
        return run(env, "plan", "--from", "sqlite:" + src, "--to", "sqlite:" + dir.resolve("out.db"), "--create-schema",
                "--output", "json");
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Path classes = Files.createTempFile(dir, "classes", ".log");
        List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("DECANT_CDS");
        pb.environment().put("DECANT_JAR", jar.toString());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        // which classes came from the archive; class+load logging says "source: shared objects file (top)"
        pb.environment().put("DECANT_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/decant finished");
        boolean mapped;
        try (Stream<String> lines = Files.lines(classes)) {
            // decant's own classes from an archive: the dynamic one ("shared objects file (top)") or, on Java 25, the
            // AOT cache ("shared objects file"); the JDK's own archive holds none of them
            mapped = lines.anyMatch(l -> l.contains("] io.decant.") && l.contains("source: shared objects file"));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                mapped);
    }

    /** decant's own output: one JSON document on stdout, and nothing on stderr that the JVM says. */
    private static void clean(Run r) throws IOException {
        assertEquals('{', r.out().charAt(0), r.out());
        assertEquals('}', r.out().stripTrailing().charAt(r.out().stripTrailing().length() - 1), "nothing after the JSON: " + r.out());
        JSON.readTree(r.out());
        assertFalse(r.out().contains("cds") || r.out().contains("[warning]") || r.out().contains("sharing"), r.out());
        assertFalse(r.err().contains("[warning]") || r.err().contains("cds") || r.err().contains("CDS")
                || r.err().contains("AOT"), r.err());
    }

    private List<String> files() throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cds)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path archive() throws IOException {
        List<String> names = files().stream().filter(n -> n.endsWith(".jsa")).toList();
        assertEquals(1, names.size(), "one archive: " + files());
        return cds.resolve(names.get(0));
    }

    @Test
    void writesThenAdoptsThenMapsTheArchiveWithStdoutClean() throws Exception {
        Run first = plan(Map.of());
        assertEquals(0, first.exit(), first.err());
        clean(first);
        assertFalse(first.mappedArchive());
        assertEquals(1, files().size(), files().toString());
        assertTrue(files().get(0).matches("\\.decant-plan-\\d+\\.\\d+\\.tmp"), files().toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cds)));

        Run second = plan(Map.of());
        assertEquals(0, second.exit(), second.err());
        clean(second);
        assertTrue(second.mappedArchive(), "the second run adopts and maps the archive");
        Path archive = archive();

        Run third = plan(Map.of());
        assertEquals(0, third.exit(), third.err());
        clean(third);
        assertTrue(third.mappedArchive());
        assertEquals(List.of(archive.getFileName().toString()), files());

        Run version = run(Map.of(), "--version");
        assertEquals(0, version.exit());
        assertFalse(version.mappedArchive(), "--version loads too few classes to gain from the archive");
    }

    @Test
    void aCorruptOrTruncatedArchiveIsDroppedNeverMapped() throws Exception {
        plan(Map.of());
        assertTrue(plan(Map.of()).mappedArchive());
        Path archive = archive();
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-------"));
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= 0x55;
        }
        Files.write(archive, bytes);

        Run corrupt = plan(Map.of());
        assertEquals(0, corrupt.exit(), corrupt.err());
        clean(corrupt);
        assertFalse(corrupt.mappedArchive(), "a corrupt archive is never mapped");
        assertFalse(Files.exists(archive), "it is deleted, and the run writes a new one");
        assertTrue(plan(Map.of()).mappedArchive());

        // a truncated archive would crash the JVM: the script drops it by its checksum
        archive = archive();
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-------"));
        Files.write(archive, java.util.Arrays.copyOf(Files.readAllBytes(archive), (int) Files.size(archive) / 2));
        Run truncated = plan(Map.of());
        assertEquals(0, truncated.exit(), truncated.err());
        clean(truncated);
        assertFalse(truncated.mappedArchive());
        assertFalse(Files.exists(archive));
        assertTrue(plan(Map.of()).mappedArchive(), "a new archive was written and adopted");
    }

    @Test
    void whatAKilledFirstRunLeftIsDroppedNeverAdopted() throws Exception {
        plan(Map.of());
        String tmp = files().get(0);
        String key = tmp.split("\\.")[1].substring("decant-".length());
        Files.delete(cds.resolve(tmp));
        // a dump cut short by kill -9: the JVM had not written the header (it writes it last), pid long gone
        Path killed = cds.resolve(".decant-" + key + ".999999999.tmp");
        Files.write(killed, new byte[1 << 20]);

        Run next = plan(Map.of());
        assertEquals(0, next.exit(), next.err());
        clean(next);
        assertFalse(next.mappedArchive());
        assertFalse(Files.exists(killed));
        assertTrue(files().stream().noneMatch(n -> n.endsWith(".jsa")), files().toString());
        assertTrue(plan(Map.of()).mappedArchive());
    }

    @Test
    void aRebuiltJarGetsAnArchiveOfItsOwn() throws Exception {
        plan(Map.of());
        assertTrue(plan(Map.of()).mappedArchive());
        Path old = archive();
        Files.copy(BUILT_JAR, jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        Run rebuilt = plan(Map.of());
        assertEquals(0, rebuilt.exit(), rebuilt.err());
        clean(rebuilt);
        assertFalse(rebuilt.mappedArchive(), "an archive is never used with a jar it was not made from");
        assertTrue(files().stream().anyMatch(n -> n.endsWith(".tmp")), files().toString());
        assertTrue(plan(Map.of()).mappedArchive());
        assertEquals(2, files().stream().filter(n -> n.endsWith(".jsa")).count(), files().toString());
        assertTrue(Files.exists(old));
    }

    @Test
    void eachCommandMapsAnArchiveOfItsOwn() throws Exception {
        plan(Map.of());
        assertTrue(plan(Map.of()).mappedArchive());
        String[] verify = {"verify", "--from", "sqlite:" + src, "--to", "sqlite:" + src, "--output", "json"};
        Run first = run(Map.of(), verify);
        assertEquals(0, first.exit(), first.err());
        clean(first);
        assertFalse(first.mappedArchive(), "plan's archive holds plan's classes: verify writes its own");
        Run second = run(Map.of(), verify);
        assertEquals(0, second.exit(), second.err());
        clean(second);
        assertTrue(second.mappedArchive());
        List<String> archives = files().stream().filter(n -> n.endsWith(".jsa")).toList();
        assertEquals(2, archives.size(), files().toString());
        assertTrue(archives.stream().anyMatch(n -> n.startsWith("decant-plan-"))
                && archives.stream().anyMatch(n -> n.startsWith("decant-verify-")), archives.toString());
        assertTrue(plan(Map.of()).mappedArchive(), "plan still maps its own");
    }

    @Test
    void archivesOlderThanThirtyDaysAreDroppedWhenOneIsWritten() throws Exception {
        Files.createDirectories(cds);
        Path stale = cds.resolve("decant-plan-1-2-3.jsa");
        Path recent = cds.resolve("decant-verify-4-5-6.jsa");
        Files.write(stale, new byte[16]);
        Files.write(recent, new byte[16]);
        long day = 24L * 3600 * 1000;
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 40 * day));
        Files.setLastModifiedTime(recent, FileTime.fromMillis(System.currentTimeMillis() - 2 * day));

        Run first = plan(Map.of());
        assertEquals(0, first.exit(), first.err());
        clean(first);
        assertFalse(Files.exists(stale), files().toString());
        assertTrue(Files.exists(recent), files().toString());
    }

    @Test
    void offLeavesNoTraceAndHelpWritesNothing() throws Exception {
        Run off = plan(Map.of("DECANT_CDS", "off"));
        assertEquals(0, off.exit(), off.err());
        clean(off);
        assertFalse(off.mappedArchive());
        assertEquals(List.of(), files());

        Run help = run(Map.of(), "--help");
        assertEquals(0, help.exit());
        assertEquals(List.of(), files(), "--help loads too few classes to be worth an archive");
    }

    @Test
    void aFlightRecordingRunsWithoutTheArchive() throws Exception {
        assertEquals(0, plan(Map.of()).exit());
        assertTrue(plan(Map.of()).mappedArchive(), "an archive is in use before the recording");
        Path jfr = dir.resolve("run.jfr");
        // with the archive mapped, this recording crashed Java 17.0.15 (exit 134)
        Run recorded = run(Map.of("DECANT_JAVA_OPTS", "-XX:StartFlightRecording=filename=" + jfr), "plan", "--from",
                "sqlite:" + src, "--to", "sqlite:" + dir.resolve("out.db"), "--create-schema", "--output", "json");
        assertEquals(0, recorded.exit(), recorded.err());
        assertTrue(recorded.out().contains("\"source\""), recorded.out()); // after the JVM's own "Started recording" lines
        assertTrue(Files.size(jfr) > 0, "the recording was written");
    }

    @Test
    void theExitCodePassesThroughWhileTheArchiveIsWritten() throws Exception {
        Run failed = run(Map.of(), "verify", "--from", "sqlite:" + dir.resolve("missing.db"), "--to", "sqlite:" + src,
                "--output", "json");
        assertEquals(4, failed.exit(), failed.err());
        clean(failed);
        assertTrue(failed.out().contains("\"IO_ERROR\""), failed.out());
    }

    @Test
    void twoFirstRunsAtOnceBothWork() throws Exception {
        Map<String, String> env = new HashMap<>();
        List<Process> both = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("both" + i + ".json");
            outs.add(out);
            ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "plan", "--from", "sqlite:" + src, "--to",
                    "sqlite:" + dir.resolve("out" + i + ".db"), "--create-schema", "--output", "json")
                    .redirectOutput(out.toFile()).redirectError(dir.resolve("both" + i + ".err").toFile());
            pb.environment().put("DECANT_JAR", jar.toString());
            pb.environment().put("XDG_CACHE_HOME", cache.toString());
            pb.environment().remove("DECANT_CDS");
            pb.environment().putAll(env);
            both.add(pb.start());
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(both.get(i).waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, both.get(i).exitValue());
            JSON.readTree(Files.readString(outs.get(i)));
        }
        Run next = plan(Map.of());
        assertEquals(0, next.exit(), next.err());
        clean(next);
        assertTrue(next.mappedArchive());
        assertEquals(1, files().stream().filter(n -> n.endsWith(".jsa")).count(), files().toString());
    }

    @Test
    void onJava25TheFirstRunRecordsTheNextAssemblesAnAotCacheAndLaterOnesMapIt() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25.resolve("bin/java")), "needs " + TEMURIN_25);
        Map<String, String> env = Map.of("JAVA_HOME", TEMURIN_25.toString());
        Run first = plan(env);
        assertEquals(0, first.exit(), first.err());
        clean(first);
        assertFalse(first.mappedArchive());
        assertEquals(1, files().size(), files().toString());
        assertTrue(files().get(0).matches("\\.decant-plan-\\d+\\.\\d+\\.aotconf"), files().toString());

        Run second = plan(env);
        assertEquals(0, second.exit(), second.err());
        clean(second);
        assertTrue(second.mappedArchive(), "the second run assembles the cache and maps it");
        assertEquals(1, files().size(), files().toString());
        assertTrue(files().get(0).matches("decant-plan-\\d+-\\d+-\\d+\\.aot"), files().toString());

        Run third = plan(env);
        assertEquals(0, third.exit(), third.err());
        clean(third);
        assertTrue(third.mappedArchive());

        // a damaged cache is dropped by its checksum, never mapped, and recorded anew
        Path cache = cds.resolve(files().get(0));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-------"));
        byte[] bytes = Files.readAllBytes(cache);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(cache, bytes);
        Run damaged = plan(env);
        assertEquals(0, damaged.exit(), damaged.err());
        clean(damaged);
        assertFalse(damaged.mappedArchive());
        assertFalse(Files.exists(cache));
        assertTrue(files().stream().allMatch(n -> n.endsWith(".aotconf")), files().toString());
    }

    @Test
    void onJava25ARecordingThatDoesNotAssembleLeavesTheDynamicArchive() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25.resolve("bin/java")), "needs " + TEMURIN_25);
        Map<String, String> env = Map.of("JAVA_HOME", TEMURIN_25.toString());
        assertEquals(0, plan(env).exit());
        Path conf = cds.resolve(files().get(0));
        // a recording cut short: not a configuration the JVM can assemble
        Files.write(conf, new byte[4096]);

        Run next = plan(env);
        assertEquals(0, next.exit(), next.err());
        clean(next);
        assertFalse(next.mappedArchive());
        assertFalse(Files.exists(conf));
        assertTrue(files().stream().anyMatch(n -> n.matches("decant-plan-\\d+\\.noaot")), files().toString());
        assertTrue(files().stream().anyMatch(n -> n.endsWith(".tmp")), "the dynamic archive is written: " + files());

        Run after = plan(env);
        assertEquals(0, after.exit(), after.err());
        clean(after);
        assertTrue(after.mappedArchive(), "the dynamic archive, from then on");
        assertTrue(files().stream().anyMatch(n -> n.endsWith(".jsa")) && files().stream().noneMatch(n -> n.endsWith(".aotconf")),
                files().toString());
    }

    @Test
    void worksWithJavaHomeOnTemurin25() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25.resolve("bin/java")), "needs " + TEMURIN_25);
        Map<String, String> env = Map.of("JAVA_HOME", TEMURIN_25.toString());
        Run first = plan(env);
        assertEquals(0, first.exit(), first.err());
        clean(first);
        Run second = plan(env);
        assertEquals(0, second.exit(), second.err());
        clean(second);
        assertTrue(second.mappedArchive());
        // the JDK 17 on the PATH gets an archive of its own, never Temurin 25's
        Run other = plan(Map.of());
        clean(other);
        assertFalse(other.mappedArchive());
    }
}
