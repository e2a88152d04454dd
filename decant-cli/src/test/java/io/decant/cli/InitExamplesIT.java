package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.spec.ColumnSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import io.decant.core.spec.TableSpec;
import io.decant.sqlite.demo.D1AppGenerator;
import io.decant.sqlite.demo.DemoSize;
import io.decant.testkit.PgServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decant init} on the three examples: the spec it writes from the example's source and target
 * schemas pairs the same tables and columns and picks the same casts as the example's own spec, except
 * for what no schema can tell (id strategies, merges, a document store's naming), which it leaves as a
 * TODO with the options; and the spec passes {@code plan --sample all} on the data it came from.
 */
class InitExamplesIT {
    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    @Test
    void d1ToPostgresGivesTheExamplesCastsNamingAndIds() throws Exception {
        Path app = dir.resolve("app.db");
        D1AppGenerator.generate(app, DemoSize.TINY, 42);
        PgServer.TestDb db = PgServer.get().createDatabase("it_init_d1");
        db.exec(Files.readString(EXAMPLES.resolve("d1-to-postgres/schema.sql"), StandardCharsets.UTF_8));
        Path out = dir.resolve("decant.yaml");
        Cli.Result r = Cli.run("init", "--from", "sqlite:" + app, "--to", db.url(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        String text = Files.readString(out);
        assertTrue(text.startsWith("# yaml-language-server: $schema="), text);
        Spec init = SpecLoader.parse(text, "decant.yaml");
        Spec example = SpecLoader.load(EXAMPLES.resolve("d1-to-postgres/decant.yaml"), Map.of());

        assertEquals(example.naming(), init.naming(), text);
        assertEquals(Set.copyOf(example.exclude()), Set.copyOf(init.exclude()), text);
        // user_wallet's merge and user_progress's skipped columns are the example's choice, not the schema's
        assertSameCasts(example, init, Set.of("user_wallet", "user_progress"), text);
        ColumnSpec verified = init.table("users").column("emailVerified");
        assertEquals(example.table("users").column("emailVerified").value(), verified.value(), text);
        assertTrue(text.contains("TODO: holds 0/1 but target email_verified is a timestamptz"), text);
        // ids: users' non-UUID ids get a strategy (a TODO names the others) and the old id its column
        assertEquals(IdStrategy.UUID5, init.idsOf("users").orElseThrow().strategy(), text);
        assertEquals("legacy_id", init.idsOf("users").orElseThrow().legacyColumn(), text);
        assertTrue(text.contains("into: user_progress, key: user_id, keep: [coins]"), "the merge is offered: " + text);
        assertTrue(r.out().contains(out + ":") && r.out().contains("tables.user_wallet"), r.out());

        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", db.url(), "--spec", out.toString(),
                "--sample", "all");
        assertEquals(0, plan.exit(), plan + "\n" + text);
    }

    @Test
    void d1WithoutATargetSchemaProposesCreateSchemaAndThePlanCreatesEveryTable() throws Exception {
        Path app = dir.resolve("app.db");
        D1AppGenerator.generate(app, DemoSize.TINY, 42);
        Path out = dir.resolve("decant.yaml");
        Cli.Result r = Cli.run("init", "--from", "sqlite:" + app, "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("no target given, so the spec is for --create-schema"), r.out());
        String text = Files.readString(out);
        Spec init = SpecLoader.parse(text, "decant.yaml");
        assertEquals("timestamptz", init.table("users").column("created_at").cast().spelling(), text);
        assertEquals("boolean", init.table("users").column("approved").cast().spelling(), text);
        assertEquals("jsonb", init.table("habits").column("settings").cast().spelling(), text);
        assertEquals("uuid", init.table("readings").column("device_id").cast().spelling(), text);
        // a foreign key column takes its key's type: no cast of its own that could make the two differ
        assertEquals(null, init.table("habit_logs").column("habit_id").cast(), text);

        PgServer.TestDb db = PgServer.get().createDatabase("it_init_d1_create");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema", "--spec",
                out.toString(), "--sample", "all");
        assertEquals(0, plan.exit(), plan + "\n" + text);
    }

    @Test
    void supabaseToPostgresPairsEveryTableAndLeavesTheAuthUsersToADecision() throws Exception {
        PgServer.TestDb source = PgServer.get().createDatabase("it_init_supa_src");
        source.exec(Files.readString(EXAMPLES.resolve("supabase-to-postgres/generate.sql"), StandardCharsets.UTF_8));
        PgServer.TestDb target = PgServer.get().createDatabase("it_init_supa_tgt");
        target.exec(Files.readString(EXAMPLES.resolve("supabase-to-postgres/target.sql"), StandardCharsets.UTF_8));
        Path out = dir.resolve("decant.yaml");
        Cli.Result r = Cli.run("init", "--from", source.url(), "--to", target.url(), "--schemas", "public,auth",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        String text = Files.readString(out);
        Spec init = SpecLoader.parse(text, "decant.yaml");
        Spec example = SpecLoader.load(EXAMPLES.resolve("supabase-to-postgres/decant.yaml"),
                Map.of("STACK_AUTH_PROJECT_ID", "p", "STACK_AUTH_SECRET_KEY", "k"));
        assertEquals(example.naming(), init.naming(), text);
        assertSameCasts(example, init, Set.of(), text);
        assertTrue(init.tables().isEmpty(), "same names and types: nothing to say per table: " + text);
        // the example's commands pass --exclude auth.users; its users move to the auth provider (ids: http)
        assertEquals(List.of("auth.users"), init.exclude(), text);
        assertTrue(text.contains("# TODO: profiles.id references auth.users, which has no target table"), text);
        assertTrue(text.contains("strategy: http | match | file"), text);

        Cli.Result plan = Cli.run("plan", "--from", source.url(), "--to", target.url(), "--schemas", "public,auth",
                "--spec", out.toString(), "--sample", "all");
        assertEquals(0, plan.exit(), plan + "\n" + text);
    }

    @Test
    void postgresToConvexHasNoTargetSchemaSoItProposesCreateSchema() throws Exception {
        PgServer.TestDb source = PgServer.get().createDatabase("it_init_convex");
        source.exec(Files.readString(EXAMPLES.resolve("postgres-to-convex/generate.sql"), StandardCharsets.UTF_8));
        Path convex = dir.resolve("convex-data");
        Path out = dir.resolve("decant.yaml");
        Cli.Result r = Cli.run("init", "--from", source.url(), "--to", "convex:" + convex, "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(convex), "init creates nothing in the target");
        String text = Files.readString(out);
        assertTrue(r.out().contains("so the spec is for --create-schema"), r.out());
        // camelCase, epoch_ms and cents are Convex's conventions: no schema says them, so naming is a TODO
        assertTrue(text.contains("# TODO: naming of the created tables and columns: preserve (as written), snake_case or"
                + " camelCase"), text);
        Spec init = SpecLoader.parse(text, "decant.yaml");
        assertTrue(init.exclude().isEmpty(), text);
        assertTrue(init.tables().values().stream().allMatch(t -> t.columns().isEmpty() && t.into() == null),
                "typed PostgreSQL columns need no cast: " + text);
        // the example merges user_settings and user_preferences into the users' documents: init offers it
        for (String merged : List.of("user_settings", "user_preferences")) {
            assertTrue(text.contains("# TODO: " + merged + " has at most one row per row of users (user_id is unique and"
                    + " references users.id)"), text);
        }
        assertTrue(text.contains("into: users, key: {user_id: id}"), text);

        Cli.Result plan = Cli.run("plan", "--from", source.url(), "--to", "convex:" + convex, "--create-schema",
                "--spec", out.toString(), "--sample", "all");
        assertEquals(0, plan.exit(), plan + "\n" + text);
    }

    /**
     * Every cast the example writes on a column of a table init also describes (outside {@code open}, the tables
     * whose shape is a choice) is init's cast too, to the same type; and init casts nothing the example does not.
     */
    static void assertSameCasts(Spec example, Spec init, Set<String> open, String text) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, TableSpec> t : example.tables().entrySet()) {
            if (open.contains(t.getKey()) || t.getValue().isMerge()) {
                continue;
            }
            for (Map.Entry<String, ColumnSpec> c : t.getValue().columns().entrySet()) {
                if (c.getValue().cast() == null) {
                    continue;
                }
                ColumnSpec mine = init.table(t.getKey()).column(c.getKey());
                if (mine.cast() == null || !mine.cast().outputType().equals(c.getValue().cast().outputType())) {
                    missing.add(t.getKey() + "." + c.getKey() + ": " + c.getValue().cast().spelling());
                }
            }
        }
        assertEquals(List.of(), missing, "casts of the example that init did not propose:\n" + text);
        for (Map.Entry<String, TableSpec> t : init.tables().entrySet()) {
            if (open.contains(t.getKey())) {
                continue;
            }
            for (Map.Entry<String, ColumnSpec> c : t.getValue().columns().entrySet()) {
                ColumnSpec theirs = example.table(t.getKey()).column(c.getKey());
                if (c.getValue().cast() != null && theirs.cast() == null) {
                    // a key init casts to uuid where the example gives it an id strategy: both make it a uuid
                    boolean idChoice = example.idsOf(t.getKey()).isPresent() && c.getValue().cast().spelling().equals("uuid");
                    assertTrue(idChoice, "init casts " + t.getKey() + "." + c.getKey() + " and the example does not:\n" + text);
                }
            }
        }
    }
}
