package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code decant init} does around the inference: refusals, exit codes, JSON errors, passwords, the audit log. */
class InitCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path app() {
        Path app = dir.resolve("app.db");
        SqliteFixture.exec(app, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, done INTEGER)",
                "INSERT INTO notes VALUES (1, 'a', 0), (2, 'b', 1)");
        return app;
    }

    @Test
    void refusesWhatItCannotDoBeforeWritingAnything() throws Exception {
        Path app = app();
        Path out = dir.resolve("decant.yaml");
        Cli.Result spec = Cli.run("init", "--from", "sqlite:" + app, "--spec", "x.yaml", "--out", out.toString());
        assertEquals(2, spec.exit(), spec.toString());
        assertTrue(spec.err().contains("init writes a spec and reads none"), spec.err());
        Cli.Result negative = Cli.run("init", "--from", "sqlite:" + app, "--sample", "-1", "--out", out.toString());
        assertEquals(2, negative.exit(), negative.toString());
        assertTrue(negative.err().contains("--sample takes a number of rows"), negative.err());
        Cli.Result none = Cli.run(java.util.Map.of(), "init", "--out", out.toString());
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("--from is required"), none.err());
        assertFalse(Files.exists(out), "nothing written");

        Cli.Result unreachable = Cli.run("init", "--from", "postgres://postgres@127.0.0.1:1/nothing", "--out",
                out.toString(), "--output", "json");
        assertEquals(4, unreachable.exit(), unreachable.toString());
        JsonNode error = JSON.readTree(unreachable.out()).get("error");
        assertEquals("external", error.get("category").asText(), unreachable.out());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aTargetThatDoesNotExistYetIsNotCreatedAndTheSpecIsForCreateSchema() throws Exception {
        Path app = app();
        Path target = dir.resolve("new.db");
        Path out = dir.resolve("decant.yaml");
        Cli.Result r = Cli.run("init", "--from", "sqlite:" + app, "--to", "sqlite:" + target, "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(target), "init creates no target");
        assertTrue(r.out().contains("the target has no tables") || r.out().contains("so the spec is for --create-schema"),
                r.out());
        String text = Files.readString(out);
        assertTrue(text.contains("done:  { cast: boolean }"), text);
    }

    @Test
    void noPasswordReachesTheSpecStdoutOrTheAuditLog() throws Exception {
        PgServer.TestDb source = PgServer.get().createDatabase("it_init_secret");
        source.exec("CREATE TABLE t (id bigint PRIMARY KEY, flag text); INSERT INTO t VALUES (1, 'true')");
        PgServer.TestDb target = PgServer.get().createDatabase("it_init_secret_tgt");
        target.exec("CREATE TABLE t (id bigint PRIMARY KEY, flag boolean)");
        String password = "Pw4init-Zq9";
        String from = source.url().replace("postgres://" + PgServer.get().user() + "@",
                "postgres://" + PgServer.get().user() + ":" + password + "@");
        String to = target.url().replace("postgres://" + PgServer.get().user() + "@",
                "postgres://" + PgServer.get().user() + ":" + password + "@");
        Path out = dir.resolve("decant.yaml");
        Path audit = dir.resolve("audit.jsonl");
        Cli.Result r = Cli.run("init", "--from", from, "--to", to, "--out", out.toString(), "--audit", audit.toString());
        assertEquals(0, r.exit(), r.toString());
        String text = Files.readString(out);
        assertTrue(text.contains("flag:  { cast: boolean }"), text);
        for (String seen : List.of(text, r.out(), r.err(), Files.readString(audit))) {
            assertFalse(seen.contains(password), seen);
        }
        List<String> events = Files.readAllLines(audit).stream()
                .map(l -> {
                    try {
                        return JSON.readTree(l).get("event").asText();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
        assertEquals(List.of("command-start", "command-end"), events);
    }
}
