package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --skip-checksum} reads the source through the same spec as a full verify: the rows
 * its where filter leaves out and the orphans it skips are not counted, and a merged table adds no
 * rows. So the quick path passes where the full one does, and fails where a row is missing.
 */
class QuickVerifyIT {
    @TempDir
    Path dir;

    static final String SOURCE = """
            CREATE TABLE orgs (id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE accounts (id int PRIMARY KEY, org_id int, name text NOT NULL, deleted_at timestamptz);
            CREATE TABLE settings (account_id int PRIMARY KEY, theme text NOT NULL);
            INSERT INTO orgs VALUES (1, 'one'), (2, 'two');
            -- org 3 does not exist: every third account is an orphan; every fifth is deleted
            INSERT INTO accounts SELECT g, 1 + g % 3, 'account ' || g,
              CASE WHEN g % 5 = 0 THEN timestamptz '2024-01-01 00:00:00Z' END FROM generate_series(1, 30) g;
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
              settings:
                into: accounts
                key: { account_id: id }
            """;

    @Test
    void quickAndFullVerifyAgreeThroughFilterOrphansAndMerge() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_quick_src");
        src.exec(SOURCE);
        PgServer.TestDb dst = PgServer.get().createDatabase("it_quick_dst");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, SPEC);
        Path mapping = dir.resolve("id-mapping.json");
        Cli.Result m = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString(),
                "--mapping", mapping.toString(), "--create-schema");
        assertEquals(0, m.exit(), m.toString());
        // 30 accounts: 6 deleted (filtered out), 10 with org 3 (skipped as orphans), 2 of them both
        assertEquals("16", dst.one("SELECT count(*) FROM accounts"));
        assertEquals("dark", dst.one("SELECT theme FROM accounts WHERE id = 4"), "settings were merged");

        String[] verify = {"verify", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString(),
            "--mapping", mapping.toString()};
        Cli.Result full = Cli.run(verify);
        assertEquals(0, full.exit(), full.toString());
        // The same proof with the source side mapped on the reading thread alone, and on three workers.
        assertEquals(0, Cli.run(concat(verify, "--threads", "0")).exit());
        assertEquals(0, Cli.run(concat(verify, "--threads", "3")).exit());
        Cli.Result negative = Cli.run(concat(verify, "--threads", "-1"));
        assertEquals(2, negative.exit(), negative.toString());
        assertTrue(negative.err().contains("--threads"), negative.toString());
        Cli.Result quick = Cli.run(concat(verify, "--skip-checksum", "--output", "json"));
        assertEquals(0, quick.exit(), quick.toString());
        assertTrue(quick.out().replaceAll("\\s", "").contains("\"sourceRows\":16,\"targetRows\":16"), quick.out());

        // The quick path still sees a missing row.
        dst.exec("DELETE FROM accounts WHERE id = 4");
        Cli.Result missing = Cli.run(concat(verify, "--skip-checksum"));
        assertEquals(1, missing.exit(), missing.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
