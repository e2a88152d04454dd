package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Supabase project's data, PostgreSQL to PostgreSQL: the {@code auth} schema beside the application's
 * {@code public.users}, which references {@code auth.users}.
 *
 * <p>The auth schema below is written for this test after the shape of the tables that Supabase's auth
 * server creates (github.com/supabase/auth, its SQL migrations, Apache-2.0): the same tables, column
 * names and kinds of types (enums, inet, jsonb and json, a generated column, a bigserial, varchar(255)
 * tokens, cascading foreign keys), not copied from it and not complete. Rows are generated.
 */
class SupabaseAuthSchemaIT {
    static final String AUTH = """
            CREATE SCHEMA auth;
            CREATE TYPE auth.aal_level AS ENUM ('aal1', 'aal2', 'aal3');
            CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn', 'phone');
            CREATE TYPE auth.factor_status AS ENUM ('unverified', 'verified');
            CREATE TYPE auth.code_challenge_method AS ENUM ('s256', 'plain');
            CREATE TABLE auth.instances (id uuid PRIMARY KEY, uuid uuid, raw_base_config text, created_at timestamptz,
              updated_at timestamptz);
            CREATE TABLE auth.users (
              instance_id uuid, id uuid PRIMARY KEY, aud varchar(255), role varchar(255), email varchar(255),
              encrypted_password varchar(255), email_confirmed_at timestamptz, invited_at timestamptz,
              confirmation_token varchar(255), confirmation_sent_at timestamptz, recovery_token varchar(255),
              recovery_sent_at timestamptz, email_change_token_new varchar(255), email_change varchar(255),
              email_change_sent_at timestamptz, last_sign_in_at timestamptz, raw_app_meta_data jsonb,
              raw_user_meta_data jsonb, is_super_admin boolean, created_at timestamptz, updated_at timestamptz,
              phone text UNIQUE DEFAULT NULL, phone_confirmed_at timestamptz, phone_change text DEFAULT '',
              phone_change_token varchar(255) DEFAULT '', phone_change_sent_at timestamptz,
              confirmed_at timestamptz GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
              email_change_token_current varchar(255) DEFAULT '',
              email_change_confirm_status smallint DEFAULT 0 CHECK (email_change_confirm_status >= 0 AND email_change_confirm_status <= 2),
              banned_until timestamptz, reauthentication_token varchar(255) DEFAULT '', reauthentication_sent_at timestamptz,
              is_sso_user boolean NOT NULL DEFAULT false, deleted_at timestamptz, is_anonymous boolean NOT NULL DEFAULT false);
            CREATE INDEX users_instance_id_email_idx ON auth.users (instance_id, lower(email));
            CREATE UNIQUE INDEX users_email_partial_key ON auth.users (email) WHERE is_sso_user = false;
            CREATE TABLE auth.identities (
              provider_id text NOT NULL, user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
              identity_data jsonb NOT NULL, provider text NOT NULL, last_sign_in_at timestamptz, created_at timestamptz,
              updated_at timestamptz, email text GENERATED ALWAYS AS (lower(identity_data ->> 'email')) STORED,
              id uuid PRIMARY KEY DEFAULT gen_random_uuid(), UNIQUE (provider_id, provider));
            CREATE TABLE auth.sessions (
              id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
              created_at timestamptz, updated_at timestamptz, factor_id uuid, aal auth.aal_level, not_after timestamptz,
              refreshed_at timestamp, user_agent text, ip inet, tag text);
            CREATE TABLE auth.refresh_tokens (
              instance_id uuid, id bigserial PRIMARY KEY, token varchar(255) UNIQUE, user_id varchar(255), revoked boolean,
              created_at timestamptz, updated_at timestamptz, parent varchar(255),
              session_id uuid REFERENCES auth.sessions (id) ON DELETE CASCADE);
            CREATE TABLE auth.mfa_factors (
              id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE, friendly_name text,
              factor_type auth.factor_type NOT NULL, status auth.factor_status NOT NULL, created_at timestamptz NOT NULL,
              updated_at timestamptz NOT NULL, secret text, phone text, last_challenged_at timestamptz UNIQUE,
              web_authn_credential jsonb, web_authn_aaguid uuid);
            CREATE TABLE auth.mfa_challenges (
              id uuid PRIMARY KEY, factor_id uuid NOT NULL REFERENCES auth.mfa_factors (id) ON DELETE CASCADE,
              created_at timestamptz NOT NULL, verified_at timestamptz, ip_address inet NOT NULL, otp_code text,
              web_authn_session_data jsonb);
            CREATE TABLE auth.mfa_amr_claims (
              session_id uuid NOT NULL REFERENCES auth.sessions (id) ON DELETE CASCADE, created_at timestamptz NOT NULL,
              updated_at timestamptz NOT NULL, authentication_method text NOT NULL, id uuid PRIMARY KEY,
              UNIQUE (session_id, authentication_method));
            CREATE TABLE auth.audit_log_entries (
              instance_id uuid, id uuid PRIMARY KEY, payload json, created_at timestamptz,
              ip_address varchar(64) NOT NULL DEFAULT '');
            CREATE TABLE auth.flow_state (
              id uuid PRIMARY KEY, user_id uuid, auth_code text NOT NULL, code_challenge_method auth.code_challenge_method NOT NULL,
              code_challenge text NOT NULL, provider_type text NOT NULL, provider_access_token text,
              provider_refresh_token text, created_at timestamptz, updated_at timestamptz, authentication_method text NOT NULL,
              auth_code_issued_at timestamptz);
            CREATE TABLE auth.schema_migrations (version varchar(255) PRIMARY KEY);
            """;
    /** The application's own table, as Supabase's guides have it: a profile per auth user. */
    static final String PUBLIC = """
            CREATE TABLE public.users (
              id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE, username text UNIQUE, full_name text,
              roles text[] NOT NULL DEFAULT '{}', last_ip inet, updated_at timestamptz);
            """;
    static final String ROWS = """
            INSERT INTO auth.schema_migrations SELECT to_char(20210000000000 + g, 'FM99999999999999') FROM generate_series(1, 40) g;
            INSERT INTO auth.instances VALUES ('00000000-0000-0000-0000-000000000000', NULL, NULL, now(), now());
            INSERT INTO auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
              confirmation_token, last_sign_in_at, raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at,
              updated_at, phone, phone_confirmed_at, email_change_confirm_status, banned_until, is_sso_user, deleted_at,
              is_anonymous)
            SELECT '00000000-0000-0000-0000-000000000000', md5('user' || g)::uuid, 'authenticated', 'authenticated',
                   'user' || g || '@example.com', '$2a$10$' || md5('pw' || g),
                   CASE WHEN g % 5 <> 0 THEN TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * interval '37 minutes' END,
                   CASE WHEN g % 5 = 0 THEN md5('confirm' || g) ELSE '' END,
                   TIMESTAMPTZ '2024-06-01 12:00:00.123456+00' + g * interval '1 second',
                   jsonb_build_object('provider', CASE WHEN g % 3 = 0 THEN 'github' ELSE 'email' END,
                                      'providers', jsonb_build_array('email')),
                   jsonb_build_object('full_name', 'Üser ' || g, 'avatar_url', NULL, 'emoji', '😀'),
                   NULL, TIMESTAMPTZ '2023-12-31 23:00:00+00' + g * interval '1 hour', now(),
                   CASE WHEN g % 7 = 0 THEN '1555' || lpad(g::text, 7, '0') END,
                   CASE WHEN g % 7 = 0 THEN TIMESTAMPTZ '2024-02-01 00:00:00+00' END,
                   (g % 3)::smallint, CASE WHEN g = 13 THEN TIMESTAMPTZ '2124-01-01 00:00:00+00' END, g % 50 = 0,
                   CASE WHEN g % 97 = 0 THEN now() END, g % 40 = 0
            FROM generate_series(1, 600) g;
            INSERT INTO auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, id)
            SELECT md5('user' || g)::uuid::text, md5('user' || g)::uuid,
                   jsonb_build_object('sub', md5('user' || g)::uuid, 'email', 'User' || g || '@Example.com', 'email_verified', g % 2 = 0),
                   'email', now(), now(), now(), md5('identity' || g)::uuid
            FROM generate_series(1, 600) g;
            INSERT INTO auth.sessions
            SELECT md5('session' || g)::uuid, md5('user' || (1 + g % 600))::uuid, now(), now(), NULL,
                   (ARRAY['aal1', 'aal2', 'aal1'])[1 + g % 3]::auth.aal_level, NULL, TIMESTAMP '2024-06-02 10:00:00' + g * interval '1 ms',
                   'Mozilla/5.0 (X11; Linux x86_64) "quoted" \\ back', ('203.0.113.' || (g % 250))::inet,
                   CASE WHEN g % 4 = 0 THEN 'tag ' || g END
            FROM generate_series(1, 1500) g;
            UPDATE auth.sessions SET ip = ('2001:db8::' || to_hex(length(tag)))::inet WHERE tag IS NOT NULL;
            INSERT INTO auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
            SELECT '00000000-0000-0000-0000-000000000000', substr(md5('token' || g), 1, 12), md5('user' || (1 + g % 600))::uuid::text,
                   g % 9 = 0, now(), now(), CASE WHEN g > 1 THEN substr(md5('token' || (g - 1)), 1, 12) END,
                   md5('session' || (1 + g % 1500))::uuid
            FROM generate_series(1, 3000) g;
            INSERT INTO auth.mfa_factors
            SELECT md5('factor' || g)::uuid, md5('user' || g)::uuid, 'device ' || g,
                   (ARRAY['totp', 'webauthn', 'phone'])[1 + g % 3]::auth.factor_type,
                   (ARRAY['unverified', 'verified'])[1 + g % 2]::auth.factor_status, now(), now(), md5('secret' || g),
                   NULL, NULL, CASE WHEN g % 3 = 1 THEN '{"id": "cred", "publicKey": [1, 2, 3]}'::jsonb END, NULL
            FROM generate_series(1, 120) g;
            INSERT INTO auth.mfa_challenges
            SELECT md5('challenge' || g)::uuid, md5('factor' || (1 + g % 120))::uuid, now(), NULL, '198.51.100.7', NULL, NULL
            FROM generate_series(1, 200) g;
            INSERT INTO auth.mfa_amr_claims
            SELECT md5('session' || g)::uuid, now(), now(), 'password', md5('amr' || g)::uuid FROM generate_series(1, 1500) g;
            INSERT INTO auth.audit_log_entries
            SELECT '00000000-0000-0000-0000-000000000000', md5('audit' || g)::uuid,
                   json_build_object('action', 'login', 'actor_id', md5('user' || (1 + g % 600))::uuid, 'traits', json_build_object('n', g)),
                   now() - g * interval '1 minute', '192.0.2.' || (g % 200)
            FROM generate_series(1, 2000) g;
            INSERT INTO auth.flow_state
            SELECT md5('flow' || g)::uuid, md5('user' || g)::uuid, md5('code' || g), (ARRAY['s256', 'plain'])[1 + g % 2]::auth.code_challenge_method,
                   md5('challenge' || g), 'github', NULL, NULL, now(), now(), 'oauth', NULL
            FROM generate_series(1, 50) g;
            INSERT INTO public.users
            SELECT md5('user' || g)::uuid, 'user_' || g, 'Üser ' || g,
                   CASE WHEN g % 10 = 0 THEN ARRAY['admin', 'editor, "chief"'] WHEN g % 3 = 0 THEN ARRAY[]::text[] ELSE ARRAY['member'] END,
                   CASE WHEN g % 2 = 0 THEN ('10.1.' || (g % 256) || '.1')::inet END, now()
            FROM generate_series(1, 600) g;
            """;
    static final List<String> TABLES = List.of("auth.instances", "auth.users", "auth.identities", "auth.sessions",
            "auth.refresh_tokens", "auth.mfa_factors", "auth.mfa_challenges", "auth.mfa_amr_claims", "auth.audit_log_entries",
            "auth.flow_state", "auth.schema_migrations", "public.users");

    /** Every row of {@code table} as PostgreSQL prints it, in a stable order, hashed. */
    static String content(PgServer.TestDb db, String table) {
        return db.one("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t");
    }

    @Test
    void intoAFreshSupabaseProject() {
        PgServer.TestDb src = PgServer.get().createDatabase("supa_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("supa_dst");
        src.exec(AUTH + PUBLIC + ROWS);
        dst.exec(AUTH + PUBLIC); // a new project: the auth server's and the application's migrations ran, no rows

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("auth.users") && plan.out().contains(". users "), plan.out());
        assertTrue(plan.out().contains("column confirmed_at is computed by the source database and not copied"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth");
        assertEquals(0, r.exit(), r.toString());
        for (String t : TABLES) {
            assertEquals(content(src, t), content(dst, t), t);
        }
        String confirmed = "SELECT count(confirmed_at) || ' ' || md5(string_agg(confirmed_at::text, ',' ORDER BY id)) FROM auth.users";
        assertEquals(src.one(confirmed), dst.one(confirmed), "the target computes confirmed_at");
        dst.exec("INSERT INTO auth.refresh_tokens (token) VALUES ('new')");
        assertEquals("3001", dst.one("SELECT id FROM auth.refresh_tokens WHERE token = 'new'"),
                "the bigserial continues after the loaded maximum");
        dst.exec("DELETE FROM auth.refresh_tokens WHERE token = 'new'");

        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth");
        assertEquals(0, v.exit(), v.toString());
        dst.exec("UPDATE auth.sessions SET ip = '203.0.113.254' WHERE id = md5('session7')::uuid");
        Cli.Result bad = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.out().contains("ip: '203.0.113.7/32' -> '203.0.113.254/32'"), bad.out());
    }

    @Test
    void intoAnEmptyDatabaseCreatedByDecant() {
        PgServer.TestDb src = PgServer.get().createDatabase("supa_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("supa_dst");
        src.exec(AUTH + PUBLIC + ROWS);

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth", "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("inet", dst.one("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'auth.sessions'::regclass AND attname = 'ip'"));
        for (String t : List.of("public.users", "auth.users", "auth.identities", "auth.sessions")) {
            // (enums become text columns here, with the same labels; json becomes jsonb, so audit_log_entries'
            // payload prints differently and is left to verify, which compares JSON by value)
            assertEquals(content(src, t), content(dst, t), t);
        }
        assertEquals(src.one("SELECT count(*) FROM auth.refresh_tokens"), dst.one("SELECT count(*) FROM auth.refresh_tokens"));
        assertFalse(dst.one("SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.users'::regclass AND contype = 'f'"
                + " AND confrelid = 'auth.users'::regclass").equals("0"), "public.users still references auth.users");
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "public,auth");
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void throughAnExportFolderIntoAFreshProject(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PgServer.TestDb src = PgServer.get().createDatabase("supa_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("supa_dst");
        src.exec(AUTH + PUBLIC + ROWS);
        dst.exec(AUTH + PUBLIC);
        String out = dir.resolve("export").toString();
        Cli.Result e = Cli.run("export", "--from", src.url(), "--out", out, "--schemas", "public,auth");
        assertEquals(0, e.exit(), e.toString());
        // The folder has no schemas option of its own; --schemas tells the target which of its schemas to load into.
        Cli.Result i = Cli.run("import", "--in", out, "--to", dst.url(), "--schemas", "public,auth");
        assertEquals(0, i.exit(), i.toString());
        for (String t : TABLES) {
            if (!t.equals("auth.audit_log_entries")) {
                assertEquals(content(src, t), content(dst, t), t);
            }
        }
        // A json column's text is re-serialized in the folder (JSON is embedded as JSON): same value, other spacing.
        String audit = "SELECT md5(string_agg(row(instance_id, id, payload::jsonb, created_at, ip_address)::text, '|'"
                + " ORDER BY id)) FROM auth.audit_log_entries";
        assertEquals(src.one(audit), dst.one(audit));
        Cli.Result v = Cli.run("verify", "--from", out, "--to", dst.url(), "--schemas", "public,auth");
        assertEquals(0, v.exit(), v.toString());
    }
}
