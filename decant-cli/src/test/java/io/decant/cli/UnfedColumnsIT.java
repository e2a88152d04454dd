package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target table with columns the source does not fill. One that is NOT NULL without a default would fail every
 * row's insert, so plan refuses it and names the spec's way out ({@code add}); the ways the target fills a column
 * itself (a default, a domain's default, an identity, a generated column, NULL) pass, noted.
 */
class UnfedColumnsIT {
    @TempDir
    Path dir;

    @Test
    void aNotNullColumnWithoutDefaultIsRefusedByPlanAndTheSpecsValueLoads() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("unfed_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("unfed_dst");
        src.exec("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
        dst.exec("CREATE DOMAIN d_one AS int DEFAULT 1;"
                + " CREATE TABLE t (id int PRIMARY KEY, extra int NOT NULL, filled int NOT NULL DEFAULT 7,"
                + " by_domain d_one NOT NULL, ident bigint GENERATED ALWAYS AS IDENTITY,"
                + " twice int GENERATED ALWAYS AS (id * 2) STORED, maybe text)");

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url());
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("t.extra: target column t.extra is NOT NULL and has no default, and no source"
                + " column fills it, so every row would fail to load; give it a value in the spec (tables.t.add.extra:"
                + " { value: ... })"), plan.err());
        for (String filled : new String[] {"filled", "by_domain", "ident", "twice", "maybe"}) {
            assertTrue(!plan.err().contains("t." + filled + ":"), filled + " is filled by the target: " + plan.err());
        }
        Cli.Result refused = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertEquals(2, refused.exit(), refused.toString());
        assertEquals("0", dst.one("SELECT count(*) FROM t"));

        Path spec = Files.writeString(dir.resolve("decant.yaml"), "tables:\n  t:\n    add:\n      extra: { value: \"id * 10\" }\n");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("10,7,1,2|20,7,1,4", dst.one("SELECT string_agg(concat_ws(',', extra, filled, by_domain, twice), '|'"
                + " ORDER BY id) FROM t"));
    }
}
