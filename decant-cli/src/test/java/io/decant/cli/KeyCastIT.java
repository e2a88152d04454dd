package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: {@code users.id: { cast: uuid }} left {@code accounts.user_id} (which references it) as
 * text, and adding the foreign key failed after every row had loaded. The cast now follows the key.
 */
class KeyCastIT {
    @TempDir
    Path dir;

    @Test
    void aCastOnAKeyFollowsItToTheReferencingColumnAndTheForeignKeyIsCreated() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT)");
            s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id))");
            s.execute("INSERT INTO users VALUES ('123e4567-e89b-12d3-a456-426614174000', 'Ada')");
            s.execute("INSERT INTO accounts VALUES (1, '123e4567-e89b-12d3-a456-426614174000')");
        }
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "tables:\n  users:\n    columns:\n      id: { cast: uuid }\n");
        PgServer.TestDb target = PgServer.get().createDatabase("keycast");

        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + db, "--to", target.url(), "--create-schema", "--spec", spec.toString());
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("note: column user_id: cast uuid follows the key it references: users.id (cast: uuid"
                + " in the spec) <- accounts.user_id (foreign key"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + db, "--to", target.url(), "--create-schema", "--spec", spec.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("uuid", target.one("SELECT data_type FROM information_schema.columns WHERE table_name = 'accounts'"
                + " AND column_name = 'user_id'"));
        assertEquals("1", target.one("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'accounts'::regclass"));
    }
}
