package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 6: every command that accepts {@code --audit FILE} writes it: one JSON object per
 * line, {@code command-start} first and {@code command-end} last (also when the command fails), and
 * between them the command's own events as the README lists them.
 */
class AuditEverywhereIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** The events of one command's run: every line parses as a JSON object with "at" and "event". */
    private List<JsonNode> run(String... args) throws Exception {
        Path audit = dir.resolve("audit-" + args[0] + "-" + System.nanoTime() + ".jsonl");
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--audit";
        all[args.length + 1] = audit.toString();
        Cli.Result r = Cli.run(all);
        assertTrue(Files.exists(audit), "decant " + String.join(" ", args) + " writes its audit log: " + r);
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(audit)) {
            JsonNode n = MAPPER.readTree(line);
            assertTrue(n.isObject() && n.get("at").isTextual() && n.get("event").isTextual(), line);
            events.add(n);
        }
        assertEquals("command-start", events.get(0).get("event").asText(), events.toString());
        JsonNode end = events.get(events.size() - 1);
        assertEquals("command-end", end.get("event").asText(), events.toString());
        assertEquals(r.exit(), end.get("exit").asInt(), "the audit's exit is the command's: " + r + "\n" + events);
        return events;
    }

    private static boolean has(List<JsonNode> events, String event) {
        return events.stream().anyMatch(e -> e.get("event").asText().equals(event));
    }

    @Test
    void everyCommandThatTakesAuditWritesIt() throws Exception {
        Path app = SqliteFixture.app(dir);
        String from = "sqlite:" + app;
        PgServer.TestDb db = PgServer.get().createDatabase("it_audit_all");

        List<JsonNode> check = run("check", "--from", from, "--to", db.url());
        assertTrue(has(check, "endpoint"), check.toString());
        assertEquals("decant check", check.get(0).get("command").asText());
        assertTrue(check.get(0).get("options").toString().contains("--from"), check.get(0).toString());
        assertTrue(!check.get(0).toString().contains(app.toString()), "options are recorded by name only: " + check.get(0));

        List<JsonNode> plan = run("plan", "--from", from, "--to", db.url(), "--create-schema");
        assertTrue(has(plan, "plan"), plan.toString());

        List<JsonNode> migrate = run("migrate", "--from", from, "--to", db.url(), "--create-schema");
        assertTrue(has(migrate, "run-start") && has(migrate, "table-end") && has(migrate, "run-end"), migrate.toString());

        List<JsonNode> verify = run("verify", "--from", from, "--to", db.url());
        assertTrue(has(verify, "table-verified") && has(verify, "verify-end"), verify.toString());
        assertEquals("ok", verify.get(verify.size() - 1).get("status").asText(), verify.toString());

        Path out = dir.resolve("export");
        List<JsonNode> export = run("export", "--from", from, "--out", out.toString());
        assertTrue(has(export, "table-end"), export.toString());

        PgServer.TestDb db2 = PgServer.get().createDatabase("it_audit_import");
        List<JsonNode> imp = run("import", "--in", out.toString(), "--to", db2.url(), "--create-schema");
        assertTrue(has(imp, "table-end"), imp.toString());

        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "source: " + from + "\nids:\n  users:\n    strategy: uuid5\n");
        List<JsonNode> ids = run("ids", "build", "--spec", spec.toString(), "--mapping", dir.resolve("map.json").toString());
        assertTrue(has(ids, "ids-built") && has(ids, "mapping-written"), ids.toString());
    }

    @Test
    void aFailedCommandEndsItsAuditWithTheError() throws Exception {
        List<JsonNode> events = run("plan", "--from", "sqlite:" + dir.resolve("missing.db"));
        JsonNode end = events.get(events.size() - 1);
        assertEquals("failed", end.get("status").asText(), end.toString());
        assertEquals("IO_ERROR", end.get("code").asText(), end.toString());
        assertEquals(4, end.get("exit").asInt());
        assertTrue(end.get("error").asText().contains("missing.db"), end.toString());
    }
}
