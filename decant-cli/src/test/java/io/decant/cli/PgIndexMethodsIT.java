package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Indexes that are not plain btree, PostgreSQL to PostgreSQL with {@code --create-schema}: GIN on jsonb and arrays,
 * GiST on a point, BRIN, hash, built-in operator classes of their own. Each is built as the source built it (the same
 * {@code pg_get_indexdef}); pg_trgm's class, not built into PostgreSQL, is noted with its definition, not built, even
 * where the target has the extension. Before, each was built as btree: a point failed after the rows, a large jsonb too.
 */
class PgIndexMethodsIT {
    private static final String SCHEMA = """
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE TABLE place (id integer PRIMARY KEY, name text NOT NULL, at point, doc jsonb, tags text[],
                                seen timestamptz, code text);
            CREATE INDEX place_at ON place USING gist (at);
            CREATE INDEX place_doc ON place USING gin (doc);
            CREATE INDEX place_doc_path ON place USING gin (doc jsonb_path_ops);
            CREATE INDEX place_tags ON place USING gin (tags);
            CREATE INDEX place_name_trgm ON place USING gin (name gin_trgm_ops);
            CREATE INDEX place_seen ON place USING brin (seen);
            CREATE INDEX place_code ON place USING hash (code);
            CREATE INDEX place_name_pattern ON place (name text_pattern_ops, id);
            INSERT INTO place SELECT g, 'place ' || g, point(g, -g), jsonb_build_object('k', g, 'big', repeat('x', 9000)),
                   ARRAY['t' || g, repeat('y', 9000)], timestamptz '2024-01-01' + g * interval '1 hour', 'c' || g
              FROM generate_series(1, 50) g;
            """;

    private static final String WITHOUT_TRGM = "SELECT string_agg(pg_get_indexdef(indexrelid), E'\\n'"
            + " ORDER BY indexrelid::regclass::text) FROM pg_index WHERE indrelid = 'place'::regclass"
            + " AND indexrelid::regclass::text <> 'place_name_trgm'";

    @Test
    void eachIndexIsBuiltAsTheSourceBuiltIt() {
        PgServer.TestDb src = PgServer.get().createDatabase("ixm_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("ixm_dst");
        src.exec(SCHEMA);
        dst.exec("CREATE EXTENSION pg_trgm");

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("creates: index place_at USING gist (at)"), plan.out());
        assertTrue(plan.out().contains("creates: index place_doc_path USING gin (doc jsonb_path_ops)"), plan.out());
        assertTrue(plan.out().contains("creates: index place_name_pattern USING btree (name text_pattern_ops, id)"), plan.out());
        assertTrue(plan.out().contains("gin index place_name_trgm is not created (it uses operator class gin_trgm_ops"),
                plan.out());

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(src.one(WITHOUT_TRGM), dst.one(WITHOUT_TRGM));
        assertEquals("0", dst.one("SELECT count(*) FROM pg_class WHERE relname = 'place_name_trgm'"));
        assertEquals(0, Cli.run("verify", "--from", src.url(), "--to", dst.url()).exit());
    }

    /** A cast may change what an index over the table's columns means: such indexes are noted, not built, and the run goes through. */
    @Test
    void aCastColumnsIndexIsNotedAndTheRunPasses() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("ixm_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("ixm_cast");
        src.exec(SCHEMA);
        Path spec = Files.writeString(Files.createTempFile("ixm", ".yaml"), "tables:\n  place:\n    columns:\n"
                + "      doc: {cast: text}\n");
        try {
            Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema", "--spec",
                    spec.toString());
            assertTrue(plan.out().contains("the spec renames, skips or casts a column of the table"), plan.toString());
            Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema", "--spec",
                    spec.toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals("0", dst.one("SELECT count(*) FROM pg_class WHERE relname IN ('place_doc', 'place_doc_path')"));
        } finally {
            Files.delete(spec);
        }
    }
}
