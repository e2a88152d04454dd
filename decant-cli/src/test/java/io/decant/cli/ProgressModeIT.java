package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DECANT_PROGRESS chooses how progress shows on stderr; a value that is no mode is refused before any row moves. */
class ProgressModeIT {
    @TempDir
    Path dir;

    private Path source() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)");
            s.execute("CREATE INDEX by_email ON users (email)");
            s.execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO users VALUES (1, 'a@x'), (2, 'b@x')");
            s.execute("INSERT INTO tags VALUES (1, 't')");
        }
        return db;
    }

    @Test
    void linesShowEveryTableAndTheTimedIndexStepWithoutEscapes() throws Exception {
        Path db = source();
        PgServer.TestDb target = PgServer.get().createDatabase("progresslines");
        Cli.Result r = Cli.run(Map.of("DECANT_PROGRESS", "lines"), "migrate", "--from", "sqlite:" + db, "--to", target.url(),
                "--create-schema", "--jobs", "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("users: loading (~2 rows)\n") || r.err().contains("users: loading\n"), r.err());
        assertTrue(r.err().contains("users: 2 rows in "), r.err());
        assertTrue(r.err().contains("tags: 1 rows in "), r.err());
        assertTrue(r.err().matches("(?s).*creating indexes and foreign keys \\.\\.\\. done in \\d+\\.\\d s\n.*"), r.err());
        assertFalse(r.err().contains("\r") || r.err().contains("\033"), r.err());
    }

    @Test
    void offKeepsStderrQuietAndAnUnknownModeIsRefused() throws Exception {
        Path db = source();
        PgServer.TestDb target = PgServer.get().createDatabase("progressoff");
        Cli.Result refused = Cli.run(Map.of("DECANT_PROGRESS", "fancy"), "migrate", "--from", "sqlite:" + db, "--to",
                target.url(), "--create-schema");
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("DECANT_PROGRESS=fancy is not a progress mode: set it to live, lines or off"),
                refused.err());
        assertEquals("0", target.one("SELECT count(*) FROM information_schema.tables WHERE table_name = 'users'"),
                "nothing created");

        Cli.Result off = Cli.run(Map.of("DECANT_PROGRESS", "off"), "migrate", "--from", "sqlite:" + db, "--to", target.url(),
                "--create-schema");
        assertEquals(0, off.exit(), off.toString());
        assertFalse(off.err().contains("loading") || off.err().contains("rows in") || off.err().contains("creating indexes"),
                off.err());
        assertEquals("2", target.one("SELECT count(*) FROM users"));
    }
}
