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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decant migrate --engine spark} in local mode, as a user runs it: the hand-over starts decant-spark.jar in
 * a JVM of its own with every option (rejects, mapping, slice size, shared storage), and the URLs' passwords never
 * appear on that JVM's command line, which every user of the machine can read.
 */
class SparkHandOverIT {
    private static final String MARKER = "Pw0rd-marker-7d1f";

    @Test
    void theHandOverPassesEveryOptionAndKeepsThePasswordOffTheCommandLine(@TempDir Path dir) throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("spark2_hand_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark2_hand_dst");
        src.exec("CREATE TABLE items (id integer PRIMARY KEY, qty text);"
                + " INSERT INTO items SELECT g, CASE WHEN g % 500 = 0 THEN 'many' ELSE g::text END"
                + " FROM generate_series(1, 3000) g");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "ids:\n  items: { strategy: uuid5 }\ntables:\n  items:\n    columns:\n"
                + "      qty: { cast: integer }\n");
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
        assertEquals(6, Files.readAllLines(rejects.resolve("items.jsonl")).size());
        assertTrue(Files.readString(mapping).contains("\"items\""), "the mapping file where --mapping says");
        assertFalse(Files.exists(dir.resolve("id-mapping.json")), "not beside the spec");
        assertEquals("2994", dst.one("SELECT count(*) FROM items"));
        assertEquals("0", dst.one("SELECT count(*) FROM items WHERE id::text NOT LIKE '%-%'"), "ids are uuid5");
        // --slice-rows 1000: 3,000 rows in 3 slices, one journal record each
        assertEquals("3", dst.one("SELECT count(*) FROM decant.decant_journal WHERE event = 'chunk-done'"));
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
