package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify, in a process of its own, reads what migrate noted in the target's run journal about rows it left
 * out on purpose, and shows it next to the counts it explains, in the text, Markdown, JSON and HTML reports.
 * A difference the notes account for is a warning with its counts shown; one they do not still fails.
 */
class VerifyMigrateNotesIT {
    @TempDir
    Path dir;

    static final String SOURCE = """
            CREATE TABLE orgs (id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE accounts (id int PRIMARY KEY, org_id int, name text NOT NULL, born text, deleted_at timestamptz);
            CREATE TABLE payments (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, amount int NOT NULL);
            INSERT INTO orgs VALUES (1, 'one'), (2, 'two');
            -- org 3 does not exist: every third account is an orphan; every fifth is deleted; account 7 has no date
            INSERT INTO accounts SELECT g, 1 + g % 3, 'account ' || g,
              CASE WHEN g = 7 THEN 'not a date' ELSE '1990-01-0' || (1 + g % 9) END,
              CASE WHEN g % 5 = 0 THEN timestamptz '2024-01-01 00:00:00Z' END FROM generate_series(1, 30) g;
            -- payment 3 belongs to account 7, which is rejected: it is rejected with its parent
            INSERT INTO payments VALUES (1, 1, 100), (2, 4, 200), (3, 7, 300), (4, 13, 400);
            -- merged into accounts: the settings of accounts that are not migrated find no row to merge into
            CREATE TABLE settings (account_id int PRIMARY KEY, theme text NOT NULL);
            INSERT INTO settings SELECT g, CASE WHEN g % 2 = 0 THEN 'dark' ELSE 'light' END FROM generate_series(1, 20) g;
            """;

    static final String SPEC = """
            orphans: skip
            ids:
              orgs:
                strategy: uuid5
                references: [accounts.org_id]
            tables:
              accounts:
                where: "deleted_at == null"
                columns:
                  born: { cast: date }
              settings:
                into: accounts
                key: { account_id: id }
            """;

    @Test
    void notesFromTheJournalExplainTheCountsAndAnUnexplainedDifferenceStillFails() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("field_notes_src");
        src.exec(SOURCE);
        PgServer.TestDb dst = PgServer.get().createDatabase("field_notes_dst");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, SPEC);
        Path mapping = dir.resolve("id-mapping.json");
        Path rejects = dir.resolve("rejects");
        Cli.Result m = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString(),
                "--mapping", mapping.toString(), "--create-schema", "--on-error", "reject", "--rejects", rejects.toString());
        assertEquals(3, m.exit(), "rows were rejected: " + m);
        // 30 accounts: 6 deleted (filtered out), 8 more with org 3 (skipped as orphans), account 7 rejected
        assertEquals("15", dst.one("SELECT count(*) FROM accounts"));
        assertEquals("3", dst.one("SELECT count(*) FROM payments"));
        java.util.regex.Matcher unmerged = java.util.regex.Pattern.compile("(\\d+) rows of settings found no row in accounts")
                .matcher(m.all());
        assertTrue(unmerged.find(), "migrate says how many settings found no account: " + m);
        String unmergedRows = unmerged.group(1);

        Path report = dir.resolve("verify.json");
        String[] verify = {"verify", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString(),
            "--mapping", mapping.toString()};
        Cli.Result text = Cli.run(concat(verify, "--report", report.toString()));
        assertEquals(0, text.exit(), "every difference is explained: " + text);
        String accountsFile = rejects.resolve("accounts.jsonl").toAbsolutePath().toString();
        String paymentsFile = rejects.resolve("payments.jsonl").toAbsolutePath().toString();
        String out = text.out();
        // what the proof was made with, as the report files record it, under its first line
        assertTrue(out.split("\n")[1].matches("decant " + java.util.regex.Pattern.quote(Main.VERSION)
                + ", \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, spec sha256:[0-9a-f]{64}, id mapping "
                + java.util.regex.Pattern.quote(mapping.toString())), out);
        // each table's notes follow its own line of counts
        int accounts = out.indexOf("\naccounts ");
        int payments = out.indexOf("\npayments ");
        assertTrue(accounts > 0 && payments > accounts, out);
        String accountsPart = out.substring(accounts, payments);
        assertTrue(accountsPart.matches("(?s)\\naccounts +15 +15 +pass +pass +pass\\n.*"), "counts through the spec: " + out);
        assertTrue(accountsPart.contains("    migrate: 1 rejected (--on-error reject) by migrate: run "), out);
        assertTrue(accountsPart.contains(", rejects file " + accountsFile), out);
        assertTrue(accountsPart.contains("    migrate: 8 skipped as orphans by migrate: run "), out);
        assertTrue(accountsPart.contains("    migrate: 6 left out by the spec's where: by migrate: run "), out);
        assertTrue(accountsPart.contains("note: 1 source rows do not convert and are not counted, as migrate rejected them"),
                out);
        assertTrue(accountsPart.contains("    migrate: " + unmergedRows + " rows of settings found no row here to merge into,"
                + " by migrate: run "), out);
        String paymentsPart = out.substring(payments);
        assertTrue(paymentsPart.matches("(?s)\\npayments +4 +3 +warn +warn +warn\\n.*"),
                "the difference stays visible, as a warning: " + out);
        assertTrue(paymentsPart.contains("    migrate: 1 rejected (--on-error reject) by migrate: run ")
                && paymentsPart.contains(", rejects file " + paymentsFile), out);
        assertTrue(paymentsPart.contains("note: the 1 rows the target lacks are among those migrate rejected"), out);
        assertTrue(out.contains("result: warn"), out);

        String json = Files.readString(report);
        assertTrue(json.replaceAll("\\s", "").contains("\"kind\":\"orphans-skipped\",\"rows\":8"), json);
        assertTrue(json.replaceAll("\\s", "").contains("\"kind\":\"rejected\",\"rows\":1,"), json);
        assertTrue(json.contains("\"where\" : \"" + paymentsFile + "\""), json);
        String html = Files.readString(htmlOf(report));
        int htmlPayments = html.indexOf("<td>payments</td><td>payments</td>");
        assertTrue(htmlPayments > 0, html);
        assertTrue(html.indexOf("migrate: 1 rejected (--on-error reject) by migrate: run ", htmlPayments) > htmlPayments,
                "the note follows the table's counts: " + html);

        Cli.Result md = Cli.run(concat(verify, "--output", "markdown"));
        assertEquals(0, md.exit(), md.toString());
        assertTrue(md.out().contains("| `payments` | `payments` | 4 | 3 | warn | warn | **warn** |\n| ↳ 1 rejected"), md.out());
        assertTrue(md.out().contains("\n\ndecant " + Main.VERSION + ", "), "what it was made with: " + md.out());

        Cli.Result quick = Cli.run(concat(verify, "--skip-checksum"));
        assertEquals(0, quick.exit(), "the counts-only proof reads the same notes: " + quick);
        assertTrue(quick.out().matches("(?s).*\\npayments +4 +3 +warn +- +warn\\n.*"), quick.out());

        // A row lost on top of the rejected one: the notes account for one row, not two.
        dst.exec("DELETE FROM payments WHERE id = 4");
        Cli.Result lost = Cli.run(verify);
        assertEquals(1, lost.exit(), "an unexplained difference fails: " + lost);
        assertTrue(lost.out().matches("(?s).*\\npayments +4 +2 +fail +fail +fail\\n.*"), lost.out());
        assertTrue(lost.out().contains("migrate's notes do not explain this difference: the target has 2 rows fewer than"
                + " the source's 4, and 1 rejected rows were left for it to lack"), lost.out());
        assertTrue(lost.out().contains("missing id=4"), lost.out());
        assertFalse(lost.out().contains("result: warn"), lost.out());
    }

    private static Path htmlOf(Path json) {
        return io.decant.core.workflow.ReportFiles.htmlPath(json);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
