package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.MigrationResult;
import io.decant.core.verify.Status;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The driver's process killed in the middle of a run (the shaded jar in local mode, so driver and tasks die
 * together, as when a cluster loses its driver), then {@code --resume}: the slices the journal recorded stay,
 * only the others are loaded, every slice is recorded once and verify passes.
 */
class DriverKillIT {
    @Test
    void aKilledRunResumesWithTheSlicesItDidNotRecord() throws Exception {
        PgServer.TestDb src = SparkMigrateIT.seeded("spark_kill_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_kill_dst");
        Path out = Files.createTempFile("decant-kill", ".out");
        Path err = Files.createTempFile("decant-kill", ".err");
        Process driver = PackagingIT.start(out, err, "migrate", "--from", src.url(), "--to", dst.url(), "--create-schema",
                "--master", "local[2]", "--slice-rows", "1000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int recorded = 0;
        while (System.nanoTime() < deadline && driver.isAlive()) {
            recorded = slices(dst);
            if (recorded >= 4) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(driver.isAlive(), "the run was still going when it was to be killed: " + Files.readString(err));
        driver.destroyForcibly();
        assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
        Thread.sleep(1000); // a commit the server had received completes after its client is gone
        Map<String, Integer> before = Runs.journalSlices(dst);
        int total = 6 + 15 + 4 + 5; // customers, orders, events, logs: 1,000-row slices (SparkMigrateIT)
        assertTrue(before.size() >= 4 && before.size() < total, "killed part-way: " + before.size() + " slices recorded");
        assertEquals("0", dst.one("SELECT count(*) FROM decant.decant_journal WHERE event = 'run-end'"));

        MigrationResult r = new SparkMigration(Runs.spark(), new Runs.Messages()).run(SparkRequest.of(src.url(), dst.url())
                .withCreateSchema(true).withSliceRows(1000).withResume(true));
        long kept = r.tables().stream().mapToLong(t -> {
            String note = t.notes().get(0);
            int at = note.indexOf(", ");
            return at < 0 ? 0 : Long.parseLong(note.substring(at + 2, note.indexOf(' ', at + 2)));
        }).sum();
        assertEquals(before.size(), kept, "the recorded slices were not loaded again: " + r.tables());
        assertEquals(30000, r.rows());
        Map<String, Integer> after = Runs.journalSlices(dst);
        assertTrue(after.values().stream().allMatch(n -> n == 1), after.toString());
        assertEquals(total, after.size());
        assertEquals(Status.PASS, Runs.verify(src, dst).status());
    }

    private static int slices(PgServer.TestDb db) {
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM decant.decant_journal WHERE event = 'chunk-done'")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            return 0; // the journal is not there yet
        }
    }
}
