package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** decant status: what the journal in a target says, and what --resume would do, read without writing. */
class StatusIT {
    @TempDir
    Path dir;

    private Path items(int rows) throws Exception {
        Path file = dir.resolve("items.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT)");
                s.execute("INSERT INTO owners VALUES (1, 'a'), (2, 'b')");
                s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item " + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return file;
    }

    @Test
    void anInterruptedRunIsShownWithWhatResumeWouldContinue() throws Exception {
        Path app = items(25_000);
        PgServer.TestDb db = PgServer.get().createDatabase("it_status");
        db.exec("CREATE TABLE owners (id bigint PRIMARY KEY, name text); CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL,"
                + " CONSTRAINT not_21000 CHECK (id <> 21000))");

        Cli.Result empty = Cli.run("status", "--to", db.url());
        assertEquals(0, empty.exit(), empty.toString());
        assertTrue(empty.out().contains("Resume: the journal is empty"), empty.out());
        assertEquals("0", db.one("SELECT count(*) FROM pg_namespace WHERE nspname = 'decant'"), "status wrote nothing");

        String[] args = {"migrate", "--from", "sqlite:" + app, "--to", db.url(), "--commit-every", "10000"};
        assertEquals(3, Cli.run(args).exit());
        Cli.Result status = Cli.run("status", "--to", db.url());
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains(", interrupted"), status.out());
        assertTrue(status.out().matches("(?s).*items +20,000 rows +partly loaded.*"), status.out());
        assertTrue(status.out().contains("continues items after its first 20,000 rows, and loads every other table"), status.out());

        JsonNode json = new ObjectMapper().readTree(Cli.run("status", "--to", db.url(), "--output", "json").out());
        assertEquals("interrupted", json.get("runs").get(0).get("state").asText());
        assertEquals(20000, json.get("runs").get(0).get("tables").get(0).get("rows").asLong());

        db.exec("ALTER TABLE items DROP CONSTRAINT not_21000");
        assertEquals(0, Cli.run(withResume(args)).exit());
        Cli.Result after = Cli.run("status", "--to", db.url());
        assertTrue(after.out().contains("Resume: nothing to resume: the last run finished"), after.out());
        assertTrue(after.out().matches("(?s).*owners +2 rows +loaded.*"), after.out());
    }

    @Test
    void aTargetThatDoesNotExistIsNotCreated() {
        Path file = dir.resolve("new.db");
        Cli.Result r = Cli.run("status", "--to", "sqlite:" + file);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("no run has written to it"), r.out());
        assertFalse(Files.exists(file));
    }

    private static String[] withResume(String[] args) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = "--resume";
        return out;
    }
}
