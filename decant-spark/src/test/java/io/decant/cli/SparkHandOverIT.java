package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decant migrate --engine spark} in local mode, as a user runs it: the hand-over starts decant-spark.jar in
 * a JVM of its own with every option (rejects, mapping, slice size, shared storage), the URLs' passwords never
 * appear on that JVM's command line (which every user of the machine can read), and the run leaves in the target's
 * journal the same notes on rows left out on purpose as a one-machine run, which {@code decant verify} shows next
 * to the counts they explain.
 */
class SparkHandOverIT {
    private static final String MARKER = "Pw0rd-marker-7d1f";

    /** Rows left out every way: rejected (with a child), filtered, skipped as orphans, merged rows unclaimed. */
    private static final String SOURCE = """
            CREATE TABLE orgs (id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE accounts (id int PRIMARY KEY, org_id int, born text, deleted boolean NOT NULL);
            CREATE TABLE payments (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, amount int NOT NULL);
            CREATE TABLE org_settings (org_id int PRIMARY KEY, theme text NOT NULL);
            INSERT INTO orgs VALUES (1, 'one'), (2, 'two');
            -- org 3 does not exist: every third account is an orphan; every fifth is deleted; one has no date
            INSERT INTO accounts SELECT g, 1 + g % 3, CASE WHEN g = 1501 THEN 'not a date' ELSE '1990-01-0' || (1 + g % 9) END,
              g % 5 = 0 FROM generate_series(1, 3000) g;
            -- payment 3 belongs to the rejected account: it is rejected with its parent
            INSERT INTO payments VALUES (1, 1, 100), (2, 4, 200), (3, 1501, 300), (4, 13, 400);
            -- orgs 3 to 5 do not exist: their settings find no org to merge into
            INSERT INTO org_settings SELECT g, 'dark' FROM generate_series(1, 5) g;
            """;

    private static final String SPEC = """
            orphans: skip
            ids:
              orgs:
                strategy: uuid5
                references: [accounts.org_id]
            tables:
              accounts:
                where: "deleted == false"
                columns:
                  born: { cast: date }
              org_settings:
                into: orgs
                key: { org_id: id }
            """;

    @Test
    void theHandOverPassesEveryOptionKeepsThePasswordOffTheCommandLineAndLeavesVerifyItsNotes(@TempDir Path dir)
            throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("spark2_hand_src");
        PgServer.TestDb one = PgServer.get().createDatabase("spark2_hand_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark2_hand_dst");
        src.exec(SOURCE);
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, SPEC);

        // one machine, for the notes to compare with
        Path oneMapping = dir.resolve("one-ids.json");
        Path oneRejects = dir.resolve("one-rejects");
        int oneExit = Main.run(new String[] {"migrate", "--from", src.url(), "--to", one.url(), "--create-schema",
            "--spec", spec.toString(), "--mapping", oneMapping.toString(), "--on-error", "reject", "--rejects",
            oneRejects.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(3, oneExit);

        Path rejects = dir.resolve("rejects");
        Path mapping = dir.resolve("elsewhere").resolve("ids.json");
        Files.createDirectories(mapping.getParent());
        // the server trusts local connections: the password is only carried, and must not show
        String from = withPassword(src.url());
        String to = withPassword(dst.url());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                ProcessHandle.current().descendants().forEach(h -> seen.add(commandLine(h.pid())));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        int exit;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            exit = Environment.with(Map.of("DECANT_SPARK_JAR", Path.of("target", "decant-spark.jar").toAbsolutePath()
                    .toString()), () -> Main.run(new String[] {"migrate", "--engine", "spark", "--master", "local[2]",
                        "--from", from, "--to", to, "--create-schema", "--spec", spec.toString(), "--mapping",
                        mapping.toString(), "--on-error", "reject", "--rejects", rejects.toString(), "--slice-rows",
                        "1000", "--shared-storage"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        } finally {
            running.set(false);
            watcher.join();
        }
        String driver = seen.stream().filter(c -> c.contains("io.decant.spark.Main")).findFirst().orElse("");
        assertFalse(driver.isEmpty(), "the Spark driver's JVM was seen while it ran: " + seen);
        for (String c : seen) {
            assertFalse(c.contains(MARKER), "a command line holds the password: " + c);
        }
        for (String option : List.of(" migrate --master local[2] ", " --create-schema ", " --spec " + spec + " ",
                " --on-error reject --rejects " + rejects + " ", " --mapping " + mapping + " ", " --slice-rows 1000 ",
                " --shared-storage ")) {
            assertTrue((driver + " ").contains(option), option + " in " + driver);
        }

        assertEquals(3, exit, "rejected rows end the run with exit 3: " + out + err);
        assertEquals(1, Files.readAllLines(rejects.resolve("accounts.jsonl")).size());
        assertEquals(1, Files.readAllLines(rejects.resolve("payments.jsonl")).size());
        assertTrue(Files.readString(mapping).contains("\"orgs\""), "the mapping file where --mapping says");
        assertFalse(Files.exists(dir.resolve("id-mapping.json")), "not beside the spec");
        assertEquals(one.one("SELECT count(*) FROM accounts"), dst.one("SELECT count(*) FROM accounts"));
        assertEquals("3", dst.one("SELECT count(*) FROM payments"));
        // --slice-rows 1000: 3,000 accounts in 3 slices, one journal record each
        assertEquals("3", dst.one("SELECT count(*) FROM decant.decant_journal WHERE event = 'chunk-done'"
                + " AND table_name = 'accounts'"));

        // verify, in a process of its own, shows the Spark run's notes next to the counts, as one machine's
        String[] verify = {"verify", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString(), "--mapping",
            mapping.toString()};
        Cli run = new Cli(verify);
        assertEquals(0, run.exit, "every difference is explained: " + run.out + run.err);
        assertTrue(run.out.contains("result: warn"), run.out);
        assertTrue(run.out.matches("(?s).*\\npayments +4 +3 +warn +warn +warn\\n.*"), run.out);
        assertTrue(run.out.contains("    migrate: 1 rejected (--on-error reject) by migrate: run "), run.out);
        assertTrue(run.out.contains(", rejects file " + rejects.resolve("payments.jsonl").toAbsolutePath()), run.out);
        assertTrue(run.out.contains("    migrate: 600 left out by the spec's where: by migrate: run "), run.out);
        assertTrue(run.out.contains(" skipped as orphans by migrate: run "), run.out);
        assertTrue(run.out.contains("    migrate: 3 rows of org_settings found no row here to merge into, by migrate: run"),
                run.out);
        Cli oneVerify = new Cli("verify", "--from", src.url(), "--to", one.url(), "--spec", spec.toString(), "--mapping",
                oneMapping.toString());
        assertEquals(0, oneVerify.exit, oneVerify.out + oneVerify.err);
        assertEquals(notes(oneVerify.out, oneRejects), notes(run.out, rejects), "the same notes as one machine's run");
    }

    /** Runs the CLI in this process. */
    private static final class Cli {
        final int exit;
        final String out;
        final String err;

        Cli(String... args) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            exit = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
            out = o.toString();
            err = e.toString();
        }
    }

    /** Verify's table lines and migrate notes, without the run ids and the rejects folder. */
    private static List<String> notes(String verifyOut, Path rejects) {
        return Arrays.stream(verifyOut.split("\n")).filter(l -> l.startsWith("    migrate: ") || l.matches("\\w+ +\\d+ +\\d+ .*"))
                .map(l -> l.replaceAll("run [0-9a-f-]{36}", "run R").replace(rejects.toAbsolutePath().toString(), "DIR"))
                .toList();
    }

    private static String withPassword(String url) {
        assertTrue(url.startsWith("postgres://postgres@"), url);
        return url.replace("postgres://postgres@", "postgres://postgres:" + MARKER + "@");
    }

    /** What ps shows: /proc/PID/cmdline, its arguments joined by spaces ("" once the process has ended). */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
