package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes that are not plain btree, PostgreSQL to PostgreSQL with {@code --create-schema}: GIN on jsonb, arrays and
 * text with pg_trgm's operator class, GiST on a point, BRIN, hash, a non-default operator class. Each is built as the
 * source built it (the same {@code pg_get_indexdef}); one the target cannot build is refused by plan, naming it, and
 * nothing is created. Before, each was built as btree: a point failed after the rows, a large jsonb too.
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
    private static final String DEFS = "SELECT string_agg(pg_get_indexdef(indexrelid), E'\\n' ORDER BY indexrelid::regclass::text)"
            + " FROM pg_index WHERE indrelid = 'place'::regclass";

    @Test
    void eachIndexIsBuiltAsTheSourceBuiltIt(@TempDir Path dir) {
        PgServer.TestDb src = PgServer.get().createDatabase("ixm_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("ixm_dst");
        src.exec(SCHEMA);
        dst.exec("CREATE EXTENSION pg_trgm");

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("creates: index place_at gist (at)"), plan.out());
        assertTrue(plan.out().contains("creates: index place_doc_path gin (doc jsonb_path_ops)"), plan.out());
        assertTrue(plan.out().contains("creates: index place_name_trgm gin (name public.gin_trgm_ops)"), plan.out());
        assertTrue(plan.out().contains("creates: index place_name_pattern (name text_pattern_ops, id)"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(src.one(DEFS), dst.one(DEFS));
        assertEquals(0, Cli.run("verify", "--from", src.url(), "--to", dst.url()).exit());

        // Through an export folder: the manifest keeps the method and the operator classes.
        Path out = dir.resolve("export");
        assertEquals(0, Cli.run("export", "--from", src.url(), "--out", out.toString()).exit());
        PgServer.TestDb again = PgServer.get().createDatabase("ixm_imp");
        again.exec("CREATE EXTENSION pg_trgm");
        Cli.Result i = Cli.run("import", "--in", out.toString(), "--to", again.url(), "--create-schema");
        assertEquals(0, i.exit(), i.toString());
        assertEquals(src.one(DEFS), again.one(DEFS));
    }

    @Test
    void anIndexTheTargetCannotBuildIsRefusedByPlanAndNothingIsCreated() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("ixm_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("ixm_bare");
        src.exec(SCHEMA);

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("place: index place_name_trgm (gin) on [name] could not be built: the target"
                + " database has no operator class public.gin_trgm_ops of gin for column name (text); create what"
                + " provides it there first (CREATE EXTENSION, as the source has it), --exclude place, or create the"
                + " table yourself and load without --create-schema"), plan.err());
        assertTrue(!plan.err().contains("place_at"), "a built-in method and class is there: " + plan.err());

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("0", dst.one("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"),
                "nothing is created");

        // A cast that changes the column's type leaves a GIN index without a default class for it: refused too.
        dst.exec("CREATE EXTENSION pg_trgm");
        Path spec = Files.writeString(Files.createTempFile("ixm", ".yaml"), "tables:\n  place:\n    columns:\n"
                + "      doc: {cast: text}\n");
        Cli.Result cast = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema", "--spec", spec.toString());
        assertEquals(2, cast.exit(), cast.toString());
        assertTrue(cast.err().contains("index place_doc (gin) on [doc] could not be built: the target database has no"
                + " default operator class of gin for column doc (text)"), cast.err());
        assertTrue(cast.err().contains("index place_doc_path (gin) on [doc] could not be built: the target database has"
                + " no operator class jsonb_path_ops of gin for column doc (text)"), cast.err());
        Files.delete(spec);
    }
}
