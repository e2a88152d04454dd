package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectAndAuditIT {
    @TempDir
    Path dir;

    private static String one(PgServer.TestDb db, String sql) {
        return db.one(sql);
    }

    @Test
    void badRowsAreSetAsideWithTheirReasonAndTheRestLoads() throws Exception {
        Path app = SqliteFixture.app(dir);
        SqliteFixture.exec(app, "INSERT INTO users VALUES ('u8','y@example.com',1,'12,50',1,'2024-01-01',NULL,NULL)",
                "INSERT INTO users VALUES ('u9','z@example.com',1,0.123,1,'2024-01-01',NULL,NULL)");
        PgServer.TestDb db = PgServer.get().createDatabase("it_reject");
        Path rejects = dir.resolve("rejects");
        Path audit = dir.resolve("audit.jsonl");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema",
                "--on-error", "reject", "--rejects", rejects.toString(), "--audit", audit.toString());
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("[ROWS_REJECTED] 2 row(s) were rejected"), r.err());
        assertEquals("3", one(db, "SELECT count(*) FROM users"), "the good rows are loaded");
        List<String> lines = Files.readAllLines(rejects.resolve("users.jsonl"));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"key\":\"id=u8\"") && lines.get(0).contains("\"column\":\"balance\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"code\":\"PRECISION_LOSS\""), lines.get(1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rejects.resolve("users.jsonl"))));

        List<String> events = Files.readAllLines(audit);
        assertTrue(events.get(0).contains("\"event\":\"command-start\""), events.get(0));
        assertTrue(events.get(1).contains("\"event\":\"run-start\""), events.get(1));
        assertTrue(events.stream().anyMatch(e -> e.contains("\"event\":\"table-end\"") && e.contains("\"table\":\"users\"")
                && e.contains("2 rows rejected")), events.toString());
        assertTrue(events.get(events.size() - 2).contains("\"event\":\"run-end\"")
                && events.get(events.size() - 2).contains("\"rejected\":2"), events.get(events.size() - 2));
        assertTrue(events.get(events.size() - 1).contains("\"event\":\"command-end\"")
                && events.get(events.size() - 1).contains("\"exit\":3"), events.get(events.size() - 1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(audit)));
    }

    @Test
    void aRerunOverACutShortRunRefusesAndSaysWhatToDo() throws Exception {
        Path app = SqliteFixture.app(dir);
        SqliteFixture.exec(app, "INSERT INTO habit_logs VALUES (9, 1, 7, NULL)");
        PgServer.TestDb db = PgServer.get().createDatabase("it_partial");
        Cli.Result first = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(3, first.exit(), first.toString());
        Cli.Result again = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema");
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("already exists") && again.err().contains("--resume"), again.err());
        Cli.Result intoExisting = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(2, intoExisting.exit(), intoExisting.toString());
        assertTrue(intoExisting.err().contains("[PARTIAL_RUN]") && intoExisting.err().contains("--resume"),
                intoExisting.err());
        SqliteFixture.exec(app, "DELETE FROM habit_logs WHERE id = 9");
        Cli.Result resumed = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema", "--resume");
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.out().contains("skipped"), resumed.out());
        assertEquals("3", one(db, "SELECT count(*) FROM habit_logs"));
    }
}
