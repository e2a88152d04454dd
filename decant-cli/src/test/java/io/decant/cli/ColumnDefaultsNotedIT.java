package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column defaults are not created by {@code --create-schema} (the rows carry their values); plan says so for each, with
 * the source's definition to set after the load, from PostgreSQL, SQLite and MariaDB sources. A serial's default is
 * the identity decant creates, and is not noted.
 */
class ColumnDefaultsNotedIT {
    @TempDir
    Path dir;

    private static final String NOTE = "is not created (the rows carry their values; the default is for rows inserted"
            + " later); set it on the target after the load, from the source's definition: ";

    @Test
    void fromPostgres() {
        PgServer.TestDb src = PgServer.get().createDatabase("dflt_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("dflt_dst");
        src.exec("CREATE TABLE t (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), st text DEFAULT 'new')");
        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("default of column at " + NOTE + "DEFAULT now()"), plan.out());
        assertTrue(plan.out().contains("default of column st " + NOTE + "DEFAULT 'new'::text"), plan.out());
        assertFalse(plan.out().contains("default of column id"), "a serial becomes an identity: " + plan.out());
        Cli.Result without = Cli.run("plan", "--from", src.url(), "--to", dst.url());
        assertFalse(without.out().contains("default of column"), "nothing is created, nothing noted: " + without.out());
    }

    @Test
    void fromSqlite() {
        Path db = dir.resolve("d.db");
        SqliteFixture.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP, st TEXT DEFAULT 'new')");
        PgServer.TestDb dst = PgServer.get().createDatabase("dflt_dst");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + db, "--to", dst.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("default of column at " + NOTE + "DEFAULT CURRENT_TIMESTAMP"), plan.out());
        assertTrue(plan.out().contains("default of column st " + NOTE + "DEFAULT 'new'"), plan.out());
    }

    @Test
    void fromMaria() throws Exception {
        String url = MariaServer.createDatabase("dflt_maria");
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = MariaServer.connect(name); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, st VARCHAR(10) DEFAULT 'new', nn VARCHAR(5) DEFAULT NULL)");
        }
        PgServer.TestDb dst = PgServer.get().createDatabase("dflt_dst");
        Cli.Result plan = Cli.run("plan", "--from", url, "--to", dst.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("default of column st " + NOTE + "DEFAULT 'new'"), plan.out());
        assertFalse(plan.out().contains("default of column nn"), "a default of NULL is the target's too: " + plan.out());
        assertFalse(plan.out().contains("default of column id"), plan.out());
    }
}
