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
            long rowsBefore = committedRows(db);
            Path log = dir.resolve("run" + i + ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // A kill counts only once this run has committed rows: one during JVM start, planning or the
            // first chunk would leave nothing a resume has to continue from.
            if (awaitCommits(p, db, rowsBefore) && !p.waitFor(random.nextInt(1000), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                killed++;
            } else {
                assertTrue(p.waitFor(300, TimeUnit.SECONDS), "run " + i + " ends");
            }
        }
        assertTrue(killed >= 2, "at least two runs were killed after committing rows and before the end (" + killed + ")\n" + logs());
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

    /** Waits until the target holds more committed rows than {@code before}; false if the run ended first. */
    private static boolean awaitCommits(Process p, PgServer.TestDb db, long before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (committedRows(db) > before) {
                return p.isAlive();
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The rows committed in the target's tables (decant's journal left out). */
    private static long committedRows(PgServer.TestDb db) throws Exception {
        long n = 0;
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables"
                    + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                    + " AND table_name <> 'decant_journal'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    n += rs.getLong(1);
                }
            }
        }
        return n;
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
