package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FreshTrack's move (seeds 000/001): Supabase users are created in a new auth provider, which
 * assigns new ids; every column that holds a user id is rewritten (foreign keys, found transitively,
 * a text column and a JSON path named in the spec); a crash half-way and a rerun create no
 * duplicate user; verify proves the result through the same mapping.
 */
class SupabaseUsersIT {
    @TempDir
    Path dir;

    static final String PUBLIC = """
            CREATE TABLE organizations (id uuid PRIMARY KEY, name text NOT NULL);
            CREATE TABLE profiles (id uuid PRIMARY KEY, organization_id uuid REFERENCES organizations, full_name text);
            CREATE TABLE alerts (id bigserial PRIMARY KEY, organization_id uuid NOT NULL REFERENCES organizations,
              acknowledged_by uuid REFERENCES profiles(id), created_by text, details jsonb);
            """;
    static final String SOURCE = """
            CREATE SCHEMA auth;
            CREATE TABLE auth.users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE, encrypted_password text,
              email_confirmed_at timestamptz, created_at timestamptz NOT NULL, raw_user_meta_data jsonb);
            """ + PUBLIC + """
            ALTER TABLE profiles ADD FOREIGN KEY (id) REFERENCES auth.users(id);
            INSERT INTO auth.users SELECT ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,
              'user' || g || '@example.com', '$2a$10$hash' || g, now(), now(), '{}' FROM generate_series(1, 12) g;
            INSERT INTO organizations VALUES ('10000000-0000-0000-0000-000000000001', 'FreshTrack');
            INSERT INTO profiles SELECT id, '10000000-0000-0000-0000-000000000001', 'User ' || email FROM auth.users;
            INSERT INTO alerts (organization_id, acknowledged_by, created_by, details)
              SELECT '10000000-0000-0000-0000-000000000001', ('00000000-0000-0000-0000-' || lpad((1 + g % 12)::text, 12, '0'))::uuid,
                     ('00000000-0000-0000-0000-' || lpad((1 + (g + 3) % 12)::text, 12, '0')),
                     jsonb_build_object('assignee', jsonb_build_object('id', '00000000-0000-0000-0000-' || lpad((1 + (g + 5) % 12)::text, 12, '0')),
                                        'level', g)
              FROM generate_series(1, 40) g;
            INSERT INTO alerts (organization_id, acknowledged_by, created_by, details)
              VALUES ('10000000-0000-0000-0000-000000000001', NULL, 'a-deleted-user', '{"assignee": null}');
            """;

    private static String spec(int port) {
        return """
                orphans: report
                ids:
                  auth.users:
                    strategy: http
                    http:
                      url: http://127.0.0.1:%d/api/v1/users
                      headers: { Authorization: "Bearer %s" }
                      body: '{"primary_email": "{{email}}", "primary_email_verified": true}'
                      id_pointer: /id
                      rate_per_second: 500
                      retries: 3
                    references: [alerts.created_by, alerts.details$.assignee.id]
                """.formatted(port, AuthStandIn.TOKEN);
    }

    private static String one(PgServer.TestDb db, String sql) {
        return db.one(sql);
    }

    @Test
    void usersAreCreatedOnceAndEveryUserIdIsRewritten() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_supa_src");
        src.exec(SOURCE);
        PgServer.TestDb dst = PgServer.get().createDatabase("it_supa_dst");
        dst.exec(PUBLIC);
        try (AuthStandIn auth = new AuthStandIn()) {
            Path spec = dir.resolve("decant.yaml");
            Files.writeString(spec, spec(auth.port()));
            Path mapping = dir.resolve("user-mapping.json");
            String[] migrate = {"migrate", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth",
                "--exclude", "auth.users", "--spec", spec.toString(), "--mapping", mapping.toString()};

            auth.failAfterCreations = 5; // the provider goes down half-way
            Cli.Result crashed = Cli.run(migrate);
            assertEquals(4, crashed.exit(), crashed.toString());
            assertEquals("0", one(dst, "SELECT count(*) FROM profiles"), "nothing loaded before the ids exist");
            assertFalse(crashed.all().contains(AuthStandIn.TOKEN), "the admin token is never printed");

            auth.failAfterCreations = Integer.MAX_VALUE;
            Cli.Result r = Cli.run(migrate);
            assertEquals(0, r.exit(), r.toString());
            assertEquals(12, auth.users.size());
            auth.posts.forEach((email, n) -> assertEquals(1, n.get(), email + " was created " + n + " times"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(mapping)));

            String newId = auth.users.get("user3@example.com");
            assertEquals("User user3@example.com", one(dst, "SELECT full_name FROM profiles WHERE id = '" + newId + "'"));
            assertEquals("0", one(dst, "SELECT count(*) FROM profiles WHERE id::text LIKE '00000000-%'"));
            assertEquals("0", one(dst, "SELECT count(*) FROM alerts WHERE acknowledged_by::text LIKE '00000000-%'"
                    + " OR created_by LIKE '00000000-%' OR details->'assignee'->>'id' LIKE '00000000-%'"));
            assertNotEquals("0", one(dst, "SELECT count(*) FROM alerts WHERE details->'assignee'->>'id' = '" + newId + "'"));
            assertEquals(null, one(dst, "SELECT created_by FROM alerts WHERE details->'assignee' = 'null'"),
                    "an orphan reference is reported and set to NULL (orphans: report)");
            assertTrue(r.out().contains("orphans: 0 rows skipped, 1 references set to NULL"), r.out());

            Cli.Result lookup = Cli.run("ids", "lookup", "--mapping", mapping.toString(), "user3@example.com");
            assertEquals(0, lookup.exit(), lookup.toString());
            assertTrue(lookup.out().contains(newId), lookup.out());

            Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth",
                    "--exclude", "auth.users", "--spec", spec.toString(), "--mapping", mapping.toString());
            assertEquals(0, v.exit(), v.toString());

            dst.exec("UPDATE alerts SET created_by = '" + auth.users.get("user1@example.com") + "' WHERE id = 5");
            Cli.Result wrong = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth",
                    "--exclude", "auth.users", "--spec", spec.toString(), "--mapping", mapping.toString());
            assertEquals(1, wrong.exit(), "a remapped id pointing at the wrong user is found: " + wrong);
            assertTrue(wrong.out().contains("changed id=5"), wrong.out());
        }
    }
}
