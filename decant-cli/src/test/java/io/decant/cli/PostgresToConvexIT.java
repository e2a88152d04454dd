package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.PgServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perm-tracker migration (seed plan 002) from PostgreSQL to a folder for npx convex import,
 * with the example's own spec and sample data (examples/postgres-to-convex), through the CLI as the
 * runbook runs it. Expected values are computed by PostgreSQL from the source rows, not written
 * down, so the test checks decant's arithmetic against the database's.
 */
class PostgresToConvexIT {
    static final Path EXAMPLE = Path.of("..", "examples", "postgres-to-convex");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    PgServer.TestDb source;
    Path out;
    String spec;

    @BeforeEach
    void setUp() throws Exception {
        source = PgServer.get().createDatabase("it_convex");
        source.exec(Files.readString(EXAMPLE.resolve("generate.sql"), StandardCharsets.UTF_8));
        out = tmp.resolve("convex-data");
        spec = EXAMPLE.resolve("decant.yaml").toString();
    }

    private Cli.Result decant(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--from", source.url(), "--to", "convex:" + out, "--spec", spec));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void migratesToConvexJsonlWithAnImportScriptAndVerifies() throws Exception {
        Cli.Result plan = decant("plan", "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("1. users -> userProfiles") && plan.out().contains("2. cases"), plan.out());

        Cli.Result migrate = decant("migrate", "--create-schema");
        assertEquals(0, migrate.exit(), migrate.toString());

        try (var files = Files.list(out)) {
            assertEquals(List.of("cases.jsonl", "import.sh", "manifest.json", "userProfiles.jsonl"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "excluded and merged tables have no file");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("cases.jsonl"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("import.sh"))));

        checkProfiles(documents("userProfiles.jsonl"));
        checkCases(documents("cases.jsonl"));
        checkImportScript(Files.readString(out.resolve("import.sh")));

        Cli.Result verify = decant("verify");
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.out().contains("result: pass"), verify.out());
    }

    @Test
    void verifyFindsAValueChangedInTheFolder() throws Exception {
        assertEquals(0, decant("migrate", "--create-schema").exit());
        Path cases = out.resolve("cases.jsonl");
        String text = Files.readString(cases, StandardCharsets.UTF_8);
        String changed = text.replaceFirst("\"offeredWage\":9999999999", "\"offeredWage\":9999999998");
        assertNotEquals(text, changed);
        Files.writeString(cases, changed, StandardCharsets.UTF_8);

        Cli.Result verify = decant("verify");
        assertNotEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.all().contains("cases"), verify.toString());
    }

    @Test
    void theRunbookShowsEveryCommandRunShRuns() throws Exception {
        String readme = Files.readString(EXAMPLE.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> runbook = Files.readAllLines(EXAMPLE.resolve("run.sh"), StandardCharsets.UTF_8).stream()
                .dropWhile(l -> !l.startsWith("# --- the runbook"))
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("step ") && !l.startsWith("echo")
                        && !l.startsWith("if ") && !l.equals("fi"))
                .toList();
        assertTrue(runbook.size() >= 8, runbook.toString());
        for (String command : runbook) {
            assertTrue(readme.contains("\n" + command + "\n"), "README.md does not show run.sh's command: " + command);
        }
        assertTrue(Files.isExecutable(EXAMPLE.resolve("run.sh")), "run.sh is executable");
    }

    private void checkProfiles(List<JsonNode> profiles) throws Exception {
        assertEquals(240, profiles.size());
        Map<String, JsonNode> byId = index(profiles, "legacyId");
        for (JsonNode p : profiles) {
            p.fieldNames().forEachRemaining(f -> assertFalse(f.contains("_"), "camelCase field names: " + f));
        }
        // Epoch milliseconds as PostgreSQL computes them: whole milliseconds, toward the past.
        Map<String, Long> created = longs("SELECT id::text, floor(extract(epoch FROM created_at) * 1000)::bigint FROM users");
        for (Map.Entry<String, Long> e : created.entrySet()) {
            assertEquals(e.getValue().longValue(), byId.get(e.getKey()).get("createdAt").asLong(), e.getKey());
        }
        assertEquals(-1L, byId.get(uuid("user-4")).get("createdAt").asLong(), "1969-12-31 23:59:59.999999 is -1 ms");

        JsonNode first = byId.get(uuid("user-1"));
        assertEquals("José Álvarez-Núñez", first.get("fullName").asText());
        assertTrue(first.get("isAdmin").isBoolean());
        assertEquals("America/Chicago", first.get("timezone").asText(), "merged from user_settings");
        assertEquals("light", first.get("theme").asText(), "merged from user_preferences");
        assertEquals(2, first.get("dashboardLayout").get("columns").asInt(), "JSON embedded as JSON");
        assertEquals(7, byId.get(uuid("user-13")).get("reminderDaysBefore").asInt(), "NULL in a settings row takes the default");
        assertEquals("America/New_York", byId.get(uuid("user-10")).get("timezone").asText(),
                "no settings row: the settings fields take their defaults");
        assertFalse(byId.get(uuid("user-3")).has("theme"), "no preferences row: no preference fields");
        assertFalse(byId.get(uuid("user-9")).has("lastLoginAt"), "NULL fields are left out");
        assertEquals("", byId.get(uuid("user-3")).get("fullName").asText(), "an empty string is not NULL");
    }

    private void checkCases(List<JsonNode> cases) throws Exception {
        assertEquals(600, cases.size());
        Map<String, JsonNode> byId = index(cases, "legacyId");
        Map<String, Long> cents = longs("SELECT id::text, (offered_wage * 100)::bigint FROM cases WHERE offered_wage IS NOT NULL");
        Map<String, Long> updated = longs("SELECT id::text, floor(extract(epoch FROM updated_at) * 1000)::bigint FROM cases");
        Map<String, String> owners = texts("SELECT id::text, user_id::text FROM cases");
        for (JsonNode c : cases) {
            String id = c.get("legacyId").asText();
            assertEquals(owners.get(id), c.get("legacyUserId").asText(), "legacyUserId keeps the old user id");
            assertEquals(updated.get(id).longValue(), c.get("updatedAt").asLong(), id);
            if (cents.containsKey(id)) {
                assertTrue(c.get("offeredWage").isIntegralNumber(), id);
                assertEquals(cents.get(id).longValue(), c.get("offeredWage").asLong(), id);
            } else {
                assertFalse(c.has("offeredWage"), "a NULL amount is left out: " + id);
            }
            assertTrue(c.get("tags").isArray(), "a NULL list becomes []: " + id);
            assertTrue(c.get("rfeEntries").isArray() && c.get("additionalRecruitmentMethods").isArray(), id);
            assertTrue(c.get("calendarSyncEnabled").isBoolean(), "NULL booleans take the default: " + id);
        }
        assertEquals(9999999999L, byId.get(uuid("case-1")).get("offeredWage").asLong(), "99999999.99 -> cents, exactly");
        assertEquals(0L, byId.get(uuid("case-2")).get("offeredWage").asLong());
        assertEquals("2024-02-29", byId.get(uuid("case-2")).get("pwdFilingDate").asText(), "dates stay ISO dates");
        assertEquals("[]", byId.get(uuid("case-6")).get("tags").toString(), "NULL tags -> []");
        assertEquals("[\"urgent\",null]", byId.get(uuid("case-5")).get("tags").toString(), "NULL elements stay");
        assertTrue(byId.get(uuid("case-11")).get("calendarSyncEnabled").asBoolean(), "NULL -> the v2 default true");
        JsonNode rfi = byId.get(uuid("case-8")).get("rfiEntries");
        assertEquals(1, rfi.size());
        assertEquals("Request for information", rfi.get(0).get("title").asText(), "RFI entries stay arrays of objects");
        assertEquals("Called HR twice.\n\tFollow up on Monday", byId.get(uuid("case-3")).get("notes").asText());
        assertTrue(byId.get(uuid("case-25")).get("deletedAt").isIntegralNumber());
        assertFalse(byId.get(uuid("case-24")).has("deletedAt"));
    }

    private static void checkImportScript(String script) {
        assertTrue(script.startsWith("#!/usr/bin/env bash\n") && script.contains("\nset -euo pipefail\n"), script);
        int profiles = script.indexOf("import_file userProfiles 'userProfiles.jsonl' --replace\n");
        int cases = script.indexOf("import_file cases 'cases.jsonl' --replace\n");
        assertTrue(profiles > 0 && cases > profiles, "userProfiles before cases, which reference them:\n" + script);
        assertTrue(script.contains("\ncheck_count userProfiles 240\ncheck_count cases 600\n"), script);
        assertFalse(script.contains("notifications") || script.contains("conversations"), script);
    }

    private List<JsonNode> documents(String file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            assertTrue(n.isObject(), "one plain JSON object per line: " + line);
            docs.add(n);
        }
        return docs;
    }

    private static Map<String, JsonNode> index(List<JsonNode> docs, String field) {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode d : docs) {
            m.put(d.get(field).asText(), d);
        }
        return m;
    }

    /** The UUID generate.sql gives a row: md5 of its label. */
    private String uuid(String label) throws Exception {
        return texts("SELECT 'x', md5('" + label + "')::uuid::text").get("x");
    }

    private Map<String, Long> longs(String sql) throws Exception {
        Map<String, Long> m = new HashMap<>();
        try (Connection c = source.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return m;
    }

    private Map<String, String> texts(String sql) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (Connection c = source.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getString(2));
            }
        }
        return m;
    }
}
