package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan and verify as Markdown for a pull request, and the verification report saying what it was made
 * with (decant's version, when, the spec's hash, the id mapping file).
 */
class MarkdownOutputIT {
    @TempDir
    Path dir;

    @Test
    void planAndVerifyPrintMarkdownAndTheReportRecordsItsRun() throws Exception {
        Path app = SqliteFixture.app(dir);
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "source: sqlite:" + app + "\n");
        PgServer.TestDb db = PgServer.get().createDatabase("it_markdown");

        Cli.Result plan = Cli.run("plan", "--spec", spec.toString(), "--to", db.url(), "--create-schema",
                "--output", "markdown");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().startsWith("## decant plan: `sqlite:"), plan.out());
        assertTrue(plan.out().contains("| # | table | target | rows | status |\n"), plan.out());
        assertTrue(plan.out().contains("| 1 | `users` | `users` | 3 | create |\n"), plan.out());
        assertTrue(plan.out().contains("| 2 | `habits` | `habits` | 2 | create |\n"), plan.out());
        assertTrue(plan.out().contains("| `approved` | `INTEGER` |"), "columns with their source types: " + plan.out());
        assertTrue(plan.out().contains("\n**Result:** 3 tables, "), plan.out());

        Cli.Result sql = Cli.run("plan", "--sql", "--spec", spec.toString(), "--to", db.url(), "--create-schema",
                "--output", "markdown");
        assertEquals(0, sql.exit(), sql.toString());
        assertTrue(sql.out().startsWith("```sql\nCREATE TABLE") && sql.out().endsWith("```\n"), sql.out());

        assertEquals(0, Cli.run("migrate", "--spec", spec.toString(), "--to", db.url(), "--create-schema").exit());
        Cli.Result pass = Cli.run("verify", "--spec", spec.toString(), "--to", db.url(), "--output", "markdown");
        assertEquals(0, pass.exit(), pass.toString());
        assertTrue(pass.out().startsWith("## decant verify: pass\n"), pass.out());
        assertTrue(pass.out().contains("| `users` | `users` | 3 | 3 | pass | pass | pass |\n"), pass.out());
        assertTrue(pass.out().contains("\n**Result: pass** ("), pass.out());

        db.exec("UPDATE users SET bio = 'a | b' WHERE id = 'u1'");
        Path mapping = dir.resolve("id-mapping.json");
        Path report = dir.resolve("out/verification-report.json");
        Instant before = Instant.now().minusSeconds(1);
        // the local PostgreSQL trusts every connection, so the password is never checked: it is only a marker here
        String withPassword = db.url().replaceFirst("^postgres://postgres@", "postgres://postgres:MdSecret42@");
        assertTrue(withPassword.contains("MdSecret42"), withPassword);
        Cli.Result fail = Cli.run("verify", "--spec", spec.toString(), "--to", withPassword, "--mapping", mapping.toString(),
                "--report", report.toString(), "--output", "markdown");
        assertEquals(1, fail.exit(), fail.toString());
        assertTrue(fail.out().contains("| `users` | `users` | 3 | 3 | pass | fail | **fail** |\n"), fail.out());
        assertTrue(fail.out().contains("- `users`: changed `id=u1`; `bio`: `'héllo 😀'` → `'a | b'`\n"),
                "the differing row, its values as code: " + fail.out());
        assertTrue(fail.out().contains("\n**Result: fail** ("), fail.out());

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals(Main.VERSION, json.path("version").asText(), json.toString());
        Instant time = Instant.parse(json.path("time").asText());
        assertTrue(!time.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                && Duration.between(time, Instant.now()).toMinutes() < 5, "time is the run's, in UTC: " + time);
        String hash = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(spec)));
        assertEquals(hash, json.path("specHash").asText());
        assertEquals(mapping.toString(), json.path("mapping").asText());
        assertEquals("fail", json.path("status").asText().toLowerCase(java.util.Locale.ROOT), "the result's fields stay");
        assertNotNull(json.get("tables"));
        String html = Files.readString(dir.resolve("out/verification-report.html"));
        assertTrue(html.contains(hash) && html.contains("decant " + Main.VERSION), "the HTML says it too");
        for (String written : new String[] {fail.all(), Files.readString(report), html}) {
            assertFalse(written.contains("MdSecret42"), "no password in the output or the report: " + written);
        }

        Cli.Result noSpec = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url(), "--report", report.toString());
        assertEquals(1, noSpec.exit(), noSpec.toString());
        JsonNode bare = new ObjectMapper().readTree(report.toFile());
        assertTrue(bare.has("specHash") && bare.get("specHash").isNull(), "no spec, no hash: " + bare);
        assertTrue(bare.get("mapping").isNull(), "no mapping read: " + bare);
    }

    @Test
    void markdownIsForPlanAndVerifyOnly() {
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + dir.resolve("none.db"), "--to", "postgresql://x/y",
                "--output", "markdown");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--output markdown is for plan and verify; decant migrate prints text or json"), r.err());
        assertFalse(Files.exists(dir.resolve("none.db")), "refused before anything opened");

        Cli.Result sample = Cli.run("plan", "--from", "sqlite:" + dir.resolve("none.db"), "--sample", "10",
                "--output", "markdown");
        assertEquals(2, sample.exit(), sample.toString());
        assertTrue(sample.err().contains("plan --sample prints text or json"), sample.err());
    }
}
