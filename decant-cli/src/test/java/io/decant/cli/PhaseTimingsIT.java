package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: where a --create-schema run's time goes (load, keys, indexes, foreign keys), per table
 * and for the run, in the summary and in --output json; and with more than one job, indexes built
 * while other tables load keep the step after the data whole or absent, as in one transaction.
 */
class PhaseTimingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path app(boolean orphan) throws Exception {
        Path db = dir.resolve(orphan ? "orphan.db" : "app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)");
            s.execute("CREATE INDEX by_email ON users (email)");
            s.execute("CREATE INDEX by_name ON users (name, email)");
            s.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), title TEXT)");
            s.execute("CREATE INDEX posts_by_title ON posts (title)");
            c.setAutoCommit(false);
            try (PreparedStatement u = c.prepareStatement("INSERT INTO users VALUES (?, ?, ?)");
                 PreparedStatement p = c.prepareStatement("INSERT INTO posts VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 20_000; i++) {
                    u.setInt(1, i);
                    u.setString(2, "user" + (i * 7919 % 20_000) + "@example.org");
                    u.setString(3, "name " + (i % 977));
                    u.addBatch();
                    p.setInt(1, i);
                    p.setInt(2, orphan && i == 20_000 ? 99_999 : 1 + i % 20_000);
                    p.setString(3, "title " + (i * 31 % 5_000));
                    p.addBatch();
                }
                u.executeBatch();
                p.executeBatch();
            }
            c.commit();
        }
        return db;
    }

    @Test
    void phasesArePerTableAndAddUp() throws Exception {
        Path db = app(false);
        for (String jobs : new String[] {"1", "3"}) {
            PgServer.TestDb target = PgServer.get().createDatabase("phases_j" + jobs);
            Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + db, "--to", target.url(), "--create-schema",
                    "--jobs", jobs, "--output", "json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode doc = JSON.readTree(r.out());
            double[] sum = new double[4];
            for (JsonNode t : doc.get("tables")) {
                JsonNode p = t.get("phases");
                assertTrue(p != null && p.has("load") && p.has("keys") && p.has("indexes") && p.has("foreignKeys"),
                        "each table has its phases: " + t);
                assertEquals(t.get("seconds").asDouble(), p.get("load").asDouble() + p.get("keys").asDouble(), 1e-6,
                        "a table's load and keys are its seconds: " + t);
                assertTrue(p.get("keys").asDouble() > 0, "the primary key is built after the rows: " + t);
                assertTrue(p.get("indexes").asDouble() > 0, "every table has an index built after the data: " + t);
                String name = t.get("source").asText();
                assertEquals(name.equals("posts"), p.get("foreignKeys").asDouble() > 0, "only posts has a foreign key: " + t);
                sum[0] += p.get("load").asDouble();
                sum[1] += p.get("keys").asDouble();
                sum[2] += p.get("indexes").asDouble();
                sum[3] += p.get("foreignKeys").asDouble();
            }
            JsonNode run = doc.get("phases");
            assertEquals(sum[0], run.get("load").asDouble(), 1e-6, doc.toString());
            assertEquals(sum[1], run.get("keys").asDouble(), 1e-6, doc.toString());
            assertEquals(sum[2], run.get("indexes").asDouble(), 1e-6, doc.toString());
            assertEquals(sum[3], run.get("foreignKeys").asDouble(), 1e-6, doc.toString());
            double work = sum[0] + sum[1] + sum[2] + sum[3];
            double wall = doc.get("seconds").asDouble();
            int n = Integer.parseInt(jobs);
            assertTrue(work <= wall * n, "work seconds fit in the wall clock times the jobs: " + work + " vs " + wall);
            assertEquals("3", target.one("SELECT count(*) FROM pg_indexes WHERE indexname IN ('by_email', 'by_name',"
                    + " 'posts_by_title')"), "jobs " + jobs);
            assertEquals("1", target.one("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), "jobs " + jobs);

            PgServer.TestDb again = PgServer.get().createDatabase("phases_text_j" + jobs);
            Cli.Result text = Cli.run("migrate", "--from", "sqlite:" + db, "--to", again.url(), "--create-schema",
                    "--jobs", jobs);
            assertEquals(0, text.exit(), text.toString());
            assertTrue(text.out().matches("(?s).*\nphases: load \\d+\\.\\d\\d s, keys \\d+\\.\\d\\d s, indexes \\d+\\.\\d\\d s,"
                    + " foreign keys \\d+\\.\\d\\d s \\(summed over tables\\)\n.*"), text.toString());
        }
    }

    @Test
    void indexesBuiltDuringTheLoadAreDroppedWhenTheForeignKeysFail() throws Exception {
        Path db = app(true);
        PgServer.TestDb target = PgServer.get().createDatabase("phases_fail");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + db, "--to", target.url(), "--create-schema", "--jobs", "3");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.all().contains("every table's rows are committed; of the indexes and foreign keys created after the"
                + " data, none exists; missing: index by_email on users (email), index by_name on users (name, email),"
                + " index posts_by_title on posts (title), foreign key "), r.toString());
        assertEquals("0", target.one("SELECT count(*) FROM pg_indexes WHERE indexname IN ('by_email', 'by_name',"
                + " 'posts_by_title')"));

        target.exec("DELETE FROM posts WHERE user_id = 99999");
        Cli.Result resumed = Cli.run("migrate", "--from", "sqlite:" + db, "--to", target.url(), "--create-schema",
                "--resume", "--jobs", "3");
        assertEquals(0, resumed.exit(), resumed.toString());
        assertEquals("3", target.one("SELECT count(*) FROM pg_indexes WHERE indexname IN ('by_email', 'by_name',"
                + " 'posts_by_title')"));
        assertEquals("1", target.one("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"));
    }
}
