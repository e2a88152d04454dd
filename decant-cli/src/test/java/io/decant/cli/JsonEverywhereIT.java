package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.PgServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 7: with {@code --output json} stdout holds exactly one JSON document for every
 * outcome: the result, or {@code {"error": {code, category, exit, message, context}}} for a usage
 * error, a refusal, an external or a data error and a bug, for every command (demo and ids
 * included); exit codes are those of the text mode.
 */
class JsonEverywhereIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** stdout parsed as one JSON document (readTree fails on trailing text after it). */
    private static JsonNode json(Cli.Result r) throws Exception {
        JsonNode n = MAPPER.readerFor(JsonNode.class).with(com.fasterxml.jackson.databind.DeserializationFeature
                .FAIL_ON_TRAILING_TOKENS).readValue(r.out());
        assertTrue(n != null && n.isObject(), "stdout is one JSON object: " + r);
        return n;
    }

    private static JsonNode error(Cli.Result r, String code, int exit) throws Exception {
        JsonNode e = json(r).get("error");
        assertTrue(e != null, "an error document: " + r);
        assertEquals(code, e.get("code").asText(), r.toString());
        assertEquals(exit, e.get("exit").asInt(), r.toString());
        assertEquals(exit, r.exit(), r.toString());
        assertTrue(e.get("category").isTextual() && e.get("message").isTextual() && e.get("context").isObject(), r.toString());
        return e;
    }

    @Test
    void parameterErrorsAreJson() throws Exception {
        JsonNode e = error(Cli.run("migrate", "--frm", "x", "--output", "json"), "USAGE", 2);
        assertTrue(e.get("message").asText().contains("--frm"), e.toString());
        assertEquals("decant migrate", e.get("context").get("command").asText());
        error(Cli.run("migrate", "--output=json", "--jobs", "many"), "USAGE", 2);
        error(Cli.run("nosuch", "--output", "json"), "USAGE", 2);
        error(Cli.run("demo", "--output", "json", "--readings", "lots"), "USAGE", 2);
        error(Cli.run("ids", "show", "--output", "json"), "USAGE", 2);
    }

    @Test
    void refusalsExternalErrorsAndDataErrorsAreJson() throws Exception {
        Path app = SqliteFixture.app(dir);
        JsonNode usage = error(Cli.run("plan", "--from", "sqlite:" + app, "--tables", "nosuch", "--output", "json"),
                "UNKNOWN_TABLE", 2);
        assertEquals("nosuch", usage.get("context").get("table").asText(), usage.toString());
        JsonNode missing = error(Cli.run("check", "--from", "sqlite:" + dir.resolve("nope.db"), "--output", "json"),
                "IO_ERROR", 4);
        assertTrue(missing.get("context").get("location").asText().endsWith("nope.db"), missing.toString());
        assertEquals("external", missing.get("category").asText());

        SqliteFixture.exec(app, "INSERT INTO users VALUES ('u8','y@example.com',1,'12,50',1,'2024-01-01',NULL,NULL)");
        PgServer.TestDb db = PgServer.get().createDatabase("it_json_reject");
        Cli.Result rejected = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema",
                "--on-error", "reject", "--rejects", dir.resolve("rejects").toString(), "--output", "json");
        JsonNode doc = json(rejected);
        assertEquals("ROWS_REJECTED", doc.get("error").get("code").asText(), rejected.toString());
        assertEquals(3, rejected.exit());
        assertTrue(doc.get("result").get("tables").isArray(), "the run's result travels with the error: " + rejected);

        PgServer.TestDb other = PgServer.get().createDatabase("it_json_fail");
        Cli.Result failed = Cli.run("migrate", "--from", "sqlite:" + app, "--to", other.url(), "--create-schema",
                "--output", "json");
        JsonNode f = json(failed);
        assertEquals(3, failed.exit(), failed.toString());
        assertEquals(3, f.get("error").get("exit").asInt(), failed.toString());
        assertEquals("users", f.get("error").get("context").get("table").asText(), failed.toString());
        assertTrue(f.get("result").get("tables").isArray(), "the tables done before the failure: " + failed);
    }

    @Test
    void idsResultsWithTimestampsAreJson() throws Exception {
        Path app = SqliteFixture.app(dir);
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "source: sqlite:" + app + "\nids:\n  users:\n    strategy: uuid5\n");
        Path mapping = dir.resolve("map.json");
        Cli.Result build = Cli.run("ids", "build", "--spec", spec.toString(), "--mapping", mapping.toString(), "--output", "json");
        assertEquals(0, build.exit(), build.toString());
        assertTrue(json(build).get("generatedAt").isTextual(), build.out());
        Cli.Result show = Cli.run("ids", "show", "--mapping", mapping.toString(), "--output", "json");
        assertEquals(0, show.exit(), show.toString());
        assertTrue(json(show).get("retainUntil").isTextual(), show.out());
        Cli.Result lookup = Cli.run("ids", "lookup", "--mapping", mapping.toString(), "--output", "json", "u1");
        assertEquals(0, lookup.exit(), lookup.toString());
        json(lookup);
    }

    @Test
    void demoIsJsonToo() throws Exception {
        PgServer.TestDb db = PgServer.get().createDatabase("it_json_demo");
        Cli.Result r = Cli.run("demo", "--to", db.url(), "--readings", "200", "--dir", dir.resolve("demo").toString(),
                "--output", "json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode doc = json(r);
        assertEquals("PASS", doc.get("verification").get("status").asText(), r.out());
        assertTrue(doc.get("migration").get("tables").size() > 3, r.out());
        JsonNode e = error(Cli.run("demo", "--to", "postgres://postgres@127.0.0.1:1/nodb", "--readings", "10", "--dir",
                dir.resolve("demo2").toString(), "--output", "json"), "CONNECTION_FAILED", 4);
        assertTrue(e.get("message").asText().contains("127.0.0.1:1"), e.toString());
    }

    @Test
    void aBugIsJsonWithItsTraceOnStderr() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.reportJson(new IllegalStateException("a broken invariant"), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        assertEquals(70, exit);
        JsonNode e = error(new Cli.Result(exit, out.toString(), err.toString()), "INTERNAL", 70);
        assertTrue(e.get("message").asText().contains("a broken invariant"), e.toString());
        assertTrue(err.toString().contains("at io.decant.cli.JsonEverywhereIT"), "the trace is on stderr: " + err);
    }
}
