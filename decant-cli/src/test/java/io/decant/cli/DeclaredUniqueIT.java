package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unique: [lower(email)]}: a SQLite app database migrated faithfully into PostgreSQL, SQLite
 * and MariaDB passes verify, until two users' emails differ only by case; then verify fails and
 * names both rows, in text, JSON and HTML, and the SQL it shows runs on that target and finds them.
 * The MariaDB case is skipped, saying why, when no MariaDB server is reachable (see {@link MariaServer}).
 */
class DeclaredUniqueIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "users (lower(email)) unique per spec";

    @TempDir
    Path dir;

    /** A target database of one kind: its decant URL and a JDBC connection to it. */
    private record Target(String url, String jdbcUrl) {
        Connection connect() throws Exception {
            return DriverManager.getConnection(jdbcUrl);
        }
    }

    private Target target(String kind, String name) {
        return switch (kind) {
            case "postgres" -> {
                PgServer.TestDb db = PgServer.get().createDatabase("it_uniq_" + name);
                yield new Target(db.url(), db.jdbcUrl());
            }
            case "sqlite" -> {
                Path f = dir.resolve("target-" + name + ".db");
                yield new Target("sqlite:" + f, "jdbc:sqlite:" + f);
            }
            case "mariadb" -> {
                String url = MariaServer.createDatabase("it_uniq_" + name);
                yield new Target(url, MariaServer.jdbcUrl(url.substring(url.lastIndexOf('/') + 1)));
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private Path source(String name, String... users) {
        Path db = dir.resolve(name + ".db");
        List<String> sql = new ArrayList<>(List.of(
                "CREATE TABLE users (id TEXT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE, name TEXT)"));
        for (String u : users) {
            sql.add("INSERT INTO users VALUES " + u);
        }
        SqliteFixture.exec(db, sql.toArray(String[]::new));
        return db;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "sqlite", "mariadb"})
    void lowerEmailPassesOnAFaithfulCopyAndFailsOnEmailsThatDifferOnlyByCase(String kind) throws Exception {
        Target target = target(kind, "ok");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "tables:\n  users:\n    unique: [lower(email)]   # the app finds users by lower(email)\n");

        Path good = source("good", "('u1', 'Alice@x.com', 'Alice')", "('u2', 'bob@x.com', 'Bob')");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + good, "--to", target.url(), "--create-schema",
                "--spec", spec.toString());
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("unique (checked by verify): lower(email)"), plan.out());
        Cli.Result planJson = Cli.run("plan", "--from", "sqlite:" + good, "--to", target.url(), "--create-schema",
                "--spec", spec.toString(), "--output", "json");
        assertEquals("[[\"lower(email)\"]]", JSON.readTree(planJson.out()).get("tables").get(0).get("unique").toString(),
                planJson.out());

        assertEquals(0, Cli.run("migrate", "--from", "sqlite:" + good, "--to", target.url(), "--create-schema").exit());
        Cli.Result ok = Cli.run("verify", "--from", "sqlite:" + good, "--to", target.url(), "--spec", spec.toString());
        assertEquals(0, ok.exit(), ok.toString());
        assertTrue(ok.out().contains("result: pass"), ok.out());

        // Both rows are copied faithfully (the case-sensitive UNIQUE holds), but the declared key does not.
        Path bad = source("bad", "('u1', 'Alice@x.com', 'Alice')", "('u2', 'bob@x.com', 'Bob')",
                "('u3', 'alice@x.com', 'Alice again')");
        Target dup = target(kind, "dup");
        Cli.Result m = Cli.run("migrate", "--from", "sqlite:" + bad, "--to", dup.url(), "--create-schema");
        assertEquals(0, m.exit(), m.toString());
        Path report = dir.resolve(kind + "-report.json");
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + bad, "--to", dup.url(), "--spec", spec.toString(),
                "--report", report.toString(), "--debug");
        assertEquals(1, v.exit(), v.toString());
        assertTrue(v.out().matches("(?s).*\nusers +3 +3 +pass +pass +pass\n.*"), "the copy itself matches: " + v.out());
        assertTrue(v.out().contains("duplicates: " + SUBJECT + ": 1 fail\n"
                + "    lower(email)=alice@x.com: 2 rows: id=u1; id=u3\n"), v.out());
        assertTrue(v.out().contains("result: fail"), v.out());

        String q = kind.equals("mariadb") ? "`" : "\"";
        String sql = "SELECT lower(" + q + "email" + q + "), count(*) FROM " + q + "users" + q + " GROUP BY lower(" + q
                + "email" + q + ") HAVING count(*) > 1";
        assertTrue(v.err().contains("sql: duplicates " + SUBJECT + ": " + sql + "\n"), "--debug shows the SQL: " + v.err());

        JsonNode json = JSON.readTree(Files.readString(report));
        JsonNode check = null;
        for (JsonNode c : json.get("integrity")) {
            if (c.get("subject").asText().equals(SUBJECT)) {
                check = c;
            }
        }
        assertTrue(check != null, json.toPrettyString());
        assertEquals("FAIL", check.get("status").asText());
        assertEquals(1, check.get("count").asLong());
        assertEquals("[\"lower(email)=alice@x.com: 2 rows: id=u1; id=u3\"]", check.get("examples").toString());
        assertEquals(sql, check.get("sql").asText());
        String html = Files.readString(dir.resolve(kind + "-report.html"));
        assertTrue(html.contains(SUBJECT) && html.contains("lower(email)=alice@x.com: 2 rows: id=u1; id=u3"), html);

        // The SQL shown is the target's own: run as it is, it finds the same duplicate.
        try (Connection c = dup.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            assertEquals("alice@x.com", rs.getString(1));
            assertEquals(2, rs.getLong(2));
        }
    }
}
