package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.sqlite.demo.D1AppGenerator;
import io.decant.testkit.PgServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults during a run, on private embedded PostgreSQL servers that the test stops and starts (the
 * shared test server is never touched): the target restarted mid-table fails the run cleanly and
 * --resume completes it; the source going away mid-read leaves the target table as it was.
 */
class FaultsIT {
    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static EmbeddedPostgres start(Path data, int port, boolean clean) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(clean).setPort(port).start();
    }

    private static String url(int port, String db) {
        return "postgres://postgres@127.0.0.1:" + port + "/" + db;
    }

    private static void exec(int port, String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=postgres");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Waits until a COPY of {@code what} runs on the server, so the fault lands mid-table. */
    private static void awaitCopy(int port, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%" + what + "%'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    Thread.sleep(300);
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no COPY of " + what + " started within 60 s");
    }

    @Test
    void theTargetRestartedMidTableFailsCleanlyAndResumeCompletesIt() throws Exception {
        Path app = dir.resolve("app.db");
        D1AppGenerator.generate(app, 400_000, 11);
        int port = freePort();
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres pg = start(data, port, false); // "clean" would delete the data directory on close
        exec(port, "postgres", "CREATE DATABASE t");
        Path spec = Path.of("..", "examples", "d1-to-postgres", "decant.yaml");
        String[] args = {"migrate", "--from", "sqlite:" + app, "--to", url(port, "t"), "--spec", spec.toString(),
            "--mapping", dir.resolve("m.json").toString(), "--create-schema"};
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(args));
        awaitCopy(port, "readings");
        pg.close();
        Cli.Result failed = run.get(120, TimeUnit.SECONDS);
        assertEquals(4, failed.exit(), failed.toString());
        assertTrue(failed.err().contains("127.0.0.1:" + port) || failed.err().contains("CONNECTION_FAILED")
                || failed.err().contains("DATABASE_ERROR"), failed.err());

        pg = start(data, port, false);
        try {
            String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
            resume[args.length] = "--resume";
            Cli.Result r = Cli.run(resume);
            assertEquals(0, r.exit(), r.toString());
            Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", url(port, "t"), "--spec", spec.toString(),
                    "--mapping", dir.resolve("m.json").toString());
            assertEquals(0, v.exit(), v.toString());
        } finally {
            pg.close();
        }
    }

    @Test
    void theSourceGoneMidReadLeavesTheTargetTableAsItWas() throws Exception {
        int port = freePort();
        EmbeddedPostgres src = start(dir.resolve("srcdata"), port, true);
        try {
            exec(port, "postgres", "CREATE TABLE big (id bigint PRIMARY KEY, body text)");
            exec(port, "postgres", "INSERT INTO big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 1500000) g");
            PgServer.TestDb dst = PgServer.get().createDatabase("it_fault_src");
            dst.exec("CREATE TABLE big (id bigint PRIMARY KEY, body text); INSERT INTO big VALUES (0, 'kept')");
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() ->
                    Cli.run("migrate", "--from", url(port, "postgres"), "--to", dst.url()));
            awaitCopy(port, "big");
            src.close();
            src = null;
            Cli.Result failed = run.get(120, TimeUnit.SECONDS);
            assertEquals(4, failed.exit(), failed.toString());
            try (Connection c = dst.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), min(body) FROM big")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "nothing half-loaded: only the row that was there before");
                assertEquals("kept", rs.getString(2));
            }
        } finally {
            if (src != null) {
                src.close();
            }
        }
    }
}
