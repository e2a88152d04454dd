package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.verify.Status;
import io.decant.testkit.PgServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar: holds decant, not Spark or Scala, its Jackson relocated; started as spark-submit starts it
 * (its main class, Spark's own jars beside it, no decant class from elsewhere) it migrates and verifies in
 * local mode, and a usage error exits 2.
 */
class PackagingIT {
    private static final Path JAR = Path.of("target", "decant-spark.jar");

    @Test
    void theJarHoldsDecantAndNotSpark() throws Exception {
        assertTrue(Files.exists(JAR), "package builds " + JAR);
        try (ZipFile z = new ZipFile(JAR.toFile())) {
            List<String> names = z.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("io/decant/spark/Main.class"));
            assertTrue(names.contains("org/postgresql/Driver.class"));
            assertTrue(names.stream().noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")));
            assertTrue(names.stream().noneMatch(n -> n.startsWith("com/fasterxml/jackson/")), "Jackson is relocated");
            String services = new String(z.getInputStream(z.getEntry("META-INF/services/io.decant.core.spi.Dialect"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(services.contains("io.decant.postgres.PostgresDialect"), services);
        }
    }

    @Test
    void theJarRunsMigrateAndVerifyInLocalMode() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_jar_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_jar_dst");
        src.exec("CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric(8,2));"
                + " INSERT INTO items SELECT g, 'item ' || g, g / 4.0 FROM generate_series(1, 5000) g");
        Result migrate = run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema", "--master", "local[2]",
                "--slice-rows", "1000");
        assertEquals(0, migrate.exit, migrate.err);
        assertTrue(migrate.out.contains("total 5000 rows"), migrate.out);
        assertEquals(Status.PASS, Runs.verify(src, dst).status());
        Result verify = run("verify", "--from", src.url(), "--to", dst.url(), "--master", "local[2]");
        assertEquals(0, verify.exit, verify.err);
        assertTrue(verify.out.contains("result: pass"), verify.out);
        var err = new java.io.ByteArrayOutputStream();
        int usage = Main.run(new String[] {"migrate", "--from", src.url(), "--master", "local[1]"},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err));
        assertEquals(2, usage);
        assertTrue(err.toString().contains("migrate needs --from and --to"), err.toString());
    }

    /** The jar with a spec's ids: and --on-error reject: the mapping file and the rejects on the driver, exit 3. */
    @Test
    void theJarWritesTheMappingAndTheRejects(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_a_jar_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_a_jar_dst");
        src.exec("CREATE TABLE items (id integer PRIMARY KEY, qty text);"
                + " INSERT INTO items SELECT g, CASE WHEN g % 500 = 0 THEN 'many' ELSE g::text END"
                + " FROM generate_series(1, 3000) g");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "ids:\n  items: { strategy: uuid5 }\ntables:\n  items:\n    columns:\n"
                + "      qty: { cast: integer }\n");
        Path rejects = dir.resolve("rejects");
        Result r = run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema", "--master", "local[2]",
                "--slice-rows", "1000", "--spec", spec.toString(), "--on-error", "reject", "--rejects", rejects.toString());
        assertEquals(3, r.exit, r.err);
        assertTrue(r.out.contains("total 2994 rows"), r.out);
        assertTrue(r.err.contains("6 row(s) were rejected and not loaded; each is in " + rejects + "/<table>.jsonl"), r.err);
        assertEquals(6, Files.readAllLines(rejects.resolve("items.jsonl")).size());
        assertTrue(Files.exists(dir.resolve("id-mapping.json")), "the mapping file beside the spec, as decant migrate");
        assertEquals("2994", dst.one("SELECT count(*) FROM items"));
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) throws Exception {
        Path out = Files.createTempFile("decant-spark", ".out");
        Path err = Files.createTempFile("decant-spark", ".err");
        Process p = start(out, err, args);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in two minutes");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** java -cp decant-spark.jar + Spark's jars (the test class path without decant and what the jar carries). */
    static Process start(Path out, Path err, String... args) throws java.io.IOException {
        List<String> cp = new ArrayList<>(List.of(JAR.toAbsolutePath().toString()));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            boolean decant = n.contains("/decant-") || n.contains("/io/decant/");
            boolean carried = n.contains("/org/postgresql/") || n.contains("/snakeyaml-engine/")
                    || n.contains("/commons-jexl3/") || n.contains("/json-schema-validator/")
                    || n.contains("/mariadb-java-client/") || n.contains("/sqlite-jdbc/")
                    || n.contains("/junit") || n.contains("/opentest4j/") || n.contains("/zonky/");
            if (!decant && !carried) {
                cp.add(e);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(System.getProperty("spark.test.opens", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        cmd.addAll(List.of("-Xmx512m", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.ui.enabled=false", "-cp", String.join(File.pathSeparator, cp), "io.decant.spark.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }
}
