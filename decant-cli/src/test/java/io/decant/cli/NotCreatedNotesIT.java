package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/plan.md, "What --create-schema does not create": with --create-schema, plan lists each object of the
 * selected tables that is not created on the target (partial, expression and non-btree indexes with their
 * definition, CHECK constraints, triggers) and the source's views, each with its way out, in text and JSON;
 * without --create-schema it says nothing of them. From PostgreSQL into PostgreSQL, a partial or expression
 * index that uses only what is built in is created as the source defines it, after the rows.
 */
class NotCreatedNotesIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Supabase's auth schema, plus what an application adds to it: a trigram index, a trigger, views. */
    private static final String EXTRAS = """
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX users_email_trgm ON auth.users USING gin (email gin_trgm_ops);
            CREATE FUNCTION auth.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at = now(); RETURN NEW; END$$;
            CREATE TRIGGER users_touch BEFORE UPDATE ON auth.users FOR EACH ROW EXECUTE FUNCTION auth.touch();
            CREATE VIEW auth.sso_users AS SELECT id, email FROM auth.users WHERE is_sso_user;
            CREATE MATERIALIZED VIEW auth.user_count AS SELECT count(*) AS n FROM auth.users;
            """;

    private static List<String> notes(String json, String table) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode t : MAPPER.readTree(json).get("tables")) {
            if (t.get("name").asText().equals(table)) {
                t.get("notes").forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }

    @Test
    void postgresIntoPostgresRecreatesPortableIndexesAndNotesTheRest() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("notcreated_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("notcreated_dst");
        src.exec(SupabaseAuthSchemaIT.AUTH + EXTRAS);
        src.exec("INSERT INTO auth.users (id, email, is_sso_user) VALUES ('00000000-0000-0000-0000-000000000001', 'a@x.org', false),"
                + " ('00000000-0000-0000-0000-000000000002', 'a@x.org', true)");

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--schemas", "auth", "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        for (String line : List.of(
                // built in alone: created as the source defines it, after the rows
                "creates: unique index users_email_partial_key USING btree (email) WHERE (is_sso_user = false)",
                "creates: index users_instance_id_email_idx USING btree (instance_id, lower((email)::text))",
                // an extension's operator class: the target may lack it, so it stays a note
                "note: gin index users_email_trgm is not created (it uses operator class gin_trgm_ops for access method gin,"
                        + " not built into PostgreSQL); create it on the target after the load, from the source's definition:"
                        + " CREATE INDEX users_email_trgm ON auth.users USING gin (email gin_trgm_ops)",
                "note: check constraint users_email_change_confirm_status_check is not created; add it on the target after"
                        + " the load, from the source's definition: CHECK (((email_change_confirm_status >= 0) AND"
                        + " (email_change_confirm_status <= 2)))",
                "note: trigger users_touch is not created; recreate it on the target from the application's migrations",
                "note: 2 views are not copied or created: auth.sso_users (view), auth.user_count (materialized view);"
                        + " recreate them on the target from the application's migrations after the load")) {
            assertTrue(plan.out().contains(line), line + "\n" + plan.out());
        }
        // the gin index's column is plain, but a btree over it is not the index the source has
        assertFalse(plan.out().contains("creates: index users_email_trgm"), plan.out());
        assertFalse(plan.out().contains("users_email_partial_key is not created"), plan.out());

        Cli.Result json = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--schemas", "auth", "--create-schema",
                "--output", "json");
        assertEquals(0, json.exit(), json.toString());
        List<String> users = notes(json.out(), "auth.users");
        assertTrue(users.stream().anyMatch(n -> n.startsWith("gin index users_email_trgm is not created (it uses operator class")),
                users.toString());
        assertTrue(users.contains("trigger users_touch is not created; recreate it on the target from the application's migrations"),
                users.toString());
        assertTrue(MAPPER.readTree(json.out()).get("notes").toString().contains("2 views are not copied or created"), json.out());

        Cli.Result m = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--schemas", "auth", "--create-schema");
        assertEquals(0, m.exit(), m.toString());
        String defs = "SELECT string_agg(indexdef, ' | ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'users'"
                + " AND indexname IN ('users_email_partial_key', 'users_instance_id_email_idx', 'users_email_trgm')";
        assertEquals("CREATE UNIQUE INDEX users_email_partial_key ON auth.users USING btree (email) WHERE (is_sso_user = false)"
                + " | CREATE INDEX users_instance_id_email_idx ON auth.users USING btree (instance_id, lower((email)::text))",
                dst.one(defs));
        // the partial unique index holds on the target as on the source
        IllegalStateException dup = assertThrows(IllegalStateException.class, () -> dst.exec("INSERT INTO auth.users"
                + " (id, email, is_sso_user, is_anonymous) VALUES ('00000000-0000-0000-0000-000000000003', 'a@x.org', false, false)"));
        assertTrue(dup.getMessage().contains("users_email_partial_key"), dup.getMessage());
        dst.exec("INSERT INTO auth.users (id, email, is_sso_user, is_anonymous) VALUES"
                + " ('00000000-0000-0000-0000-000000000004', 'a@x.org', true, false)");

        // Loading into the application's own schema: nothing is created, so nothing is said about it.
        Cli.Result existing = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--schemas", "auth");
        assertEquals(0, existing.exit(), existing.toString());
        assertFalse(existing.out().contains("is not created") || existing.out().contains("views are not copied"), existing.out());
    }

    /** An application's function, an enum in the predicate, a renamed column, a target of another kind: notes. */
    @Test
    void anIndexThatMayNotBuildOnTheTargetStaysANote() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("notcreated_src");
        src.exec("""
                CREATE TYPE app_status AS ENUM ('active', 'gone');
                CREATE FUNCTION norm(text) RETURNS text IMMUTABLE LANGUAGE sql AS 'SELECT lower($1)';
                CREATE TABLE member (id int PRIMARY KEY, email text NOT NULL, status app_status NOT NULL DEFAULT 'active');
                CREATE UNIQUE INDEX member_email_active ON member (email) WHERE status = 'active';
                CREATE INDEX member_norm_email ON member (norm(email));
                CREATE INDEX member_lower_email ON member (lower(email));
                INSERT INTO member VALUES (1, 'A@x.org', 'active'), (2, 'a@x.org', 'gone');
                """);
        PgServer.TestDb dst = PgServer.get().createDatabase("notcreated_dst");
        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        for (String line : List.of(
                "note: partial index member_email_active is not created (it uses type app_status, not built into PostgreSQL);"
                        + " create it on the target after the load, from the source's definition: CREATE UNIQUE INDEX"
                        + " member_email_active ON public.member USING btree (email) WHERE (status = 'active'::app_status)",
                "note: expression index member_norm_email is not created (it uses function norm(text), not built into"
                        + " PostgreSQL); create it on the target after the load, from the source's definition: CREATE INDEX"
                        + " member_norm_email ON public.member USING btree (norm(email))",
                "creates: index member_lower_email USING btree (lower(email))")) {
            assertTrue(plan.out().contains(line), line + "\n" + plan.out());
        }
        Cli.Result m = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, m.exit(), m.toString());
        assertEquals("member_lower_email member_pkey", dst.one("SELECT string_agg(indexname, ' ' ORDER BY indexname)"
                + " FROM pg_indexes WHERE tablename = 'member'"));

        // A renamed column: the definition may name it, so the index is noted, with the reason.
        java.nio.file.Path spec = java.nio.file.Files.createTempFile("notcreated", ".yaml");
        java.nio.file.Files.writeString(spec, "tables:\n  member:\n    columns:\n      email: { to: mail }\n");
        PgServer.TestDb renamed = PgServer.get().createDatabase("notcreated_dst");
        Cli.Result r = Cli.run("plan", "--from", src.url(), "--to", renamed.url(), "--create-schema", "--spec", spec.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("note: expression index member_lower_email is not created (the spec renames, skips or"
                + " casts a column of the table, which its definition may name); create it on the target after the load,"
                + " from the source's definition: CREATE INDEX member_lower_email ON public.member USING btree (lower(email))"),
                r.out());

        // Another kind of target: the PostgreSQL definition is the way out, not something it builds.
        Cli.Result lite = Cli.run("plan", "--from", src.url(), "--to", "sqlite:" + java.nio.file.Files.createTempDirectory("nc")
                .resolve("t.db"), "--create-schema");
        assertEquals(0, lite.exit(), lite.toString());
        assertTrue(lite.out().contains("note: expression index member_lower_email is not created; create it on the target"
                + " after the load, from the source's definition: CREATE INDEX member_lower_email ON public.member USING btree"
                + " (lower(email))"), lite.out());
    }

    @Test
    void mariadbSourceListsFulltextChecksTriggersAndViews() throws Exception {
        String from = MariaServer.createDatabase("notcreated_src");
        try (Connection c = MariaServer.connect(from.substring(from.lastIndexOf('/') + 1)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE post (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, age INT CHECK (age >= 0), doc JSON,"
                    + " CONSTRAINT post_title_len CHECK (char_length(title) > 0), FULLTEXT KEY ft_body (body))");
            s.execute("CREATE TRIGGER post_touch BEFORE UPDATE ON post FOR EACH ROW SET NEW.age = NEW.age");
            s.execute("CREATE VIEW titles AS SELECT title FROM post");
        }
        PgServer.TestDb dst = PgServer.get().createDatabase("notcreated_dst");
        Cli.Result plan = Cli.run("plan", "--from", from, "--to", dst.url(), "--create-schema", "--output", "json");
        assertEquals(0, plan.exit(), plan.toString());
        assertEquals(List.of(
                "FULLTEXT index ft_body is not created; create it on the target after the load, from the source's definition:"
                        + " CREATE FULLTEXT INDEX `ft_body` ON `post` (`body`)",
                "check constraint age is not created; add it on the target after the load, from the source's definition:"
                        + " CHECK (`age` >= 0)",
                "check constraint post_title_len is not created; add it on the target after the load, from the source's"
                        + " definition: CHECK (char_length(`title`) > 0)",
                "trigger post_touch is not created; recreate it on the target from the application's migrations"),
                notes(plan.out(), "post").stream().filter(n -> n.contains("is not created")).toList());
        // MariaDB's JSON is LONGTEXT with a json_valid CHECK: that is the column's type, not a rule to add back
        assertFalse(plan.out().contains("json_valid"), plan.out());
        assertTrue(MAPPER.readTree(plan.out()).get("notes").toString().contains("1 view is not copied or created: titles (view);"
                + " recreate it on the target from the application's migrations after the load"), plan.out());

        Cli.Result quiet = Cli.run("plan", "--from", from, "--output", "json");
        assertEquals(0, quiet.exit(), quiet.toString());
        assertFalse(quiet.out().contains("is not created") || quiet.out().contains("view is not copied"), quiet.out());
    }
}
