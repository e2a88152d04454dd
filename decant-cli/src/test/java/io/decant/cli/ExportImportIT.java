package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FreshTrack workflow: export a Supabase-like database to a folder, check it, import it elsewhere, prove it. */
class ExportImportIT {
    @TempDir
    Path dir;
    PgServer.TestDb source;

    static final String SCHEMA = """
            CREATE SCHEMA auth;
            CREATE TABLE auth.users (id uuid PRIMARY KEY, email text NOT NULL, encrypted_password text,
              email_confirmed_at timestamptz, created_at timestamptz NOT NULL, raw_user_meta_data jsonb);
            CREATE TABLE organizations (id uuid PRIMARY KEY, name text NOT NULL, plan numeric(10,2), tags text[],
              created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE sites (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, org_id uuid NOT NULL REFERENCES organizations,
              name varchar(80) NOT NULL, settings jsonb, logo bytea, opened date);
            CREATE TABLE sensor_readings (id bigserial PRIMARY KEY, site_id bigint NOT NULL REFERENCES sites,
              value double precision, recorded_at timestamp NOT NULL);
            INSERT INTO auth.users VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com', '$2a$10$SECRETHASHVALUE',
              '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00', '{"name":"Ada"}');
            INSERT INTO organizations VALUES ('10000000-0000-0000-0000-000000000001', 'Fresh 😀', 1234.50, '{a,NULL,"b c"}',
              '2024-03-10 02:30:00.123456+00');
            INSERT INTO organizations VALUES ('10000000-0000-0000-0000-000000000002', '', NULL, '{}', '0001-01-01 00:00:00+00');
            INSERT INTO sites (org_id, name, settings, logo, opened) VALUES
              ('10000000-0000-0000-0000-000000000001', 'Cold room', '{"temp": -18.5, "unit": "\\u00b0C"}', '\\x00ff', '2024-02-29'),
              ('10000000-0000-0000-0000-000000000002', 'Dock', NULL, NULL, '9999-12-31');
            INSERT INTO sensor_readings (site_id, value, recorded_at)
              SELECT 1 + (g % 2), CASE WHEN g % 7 = 0 THEN 'NaN'::float8 ELSE g / 3.0 END,
                     timestamp '2024-01-01' + g * interval '1 minute 1.000001 second'
              FROM generate_series(1, 3000) g;
            """;

    @BeforeEach
    void setUp() {
        source = PgServer.get().createDatabase("it_export_src");
        source.exec(SCHEMA);
    }

    private static String one(PgServer.TestDb db, String sql) {
        return db.one(sql);
    }

    @Test
    void exportCheckImportVerify() throws Exception {
        Path out = dir.resolve("migration-data");
        Cli.Result dry = Cli.run("export", "--from", source.url(), "--schemas", "public,auth", "--out", out.toString(),
                "--dry-run");
        assertEquals(0, dry.exit(), dry.toString());
        assertFalse(Files.exists(out), "dry run touches nothing");

        Cli.Result ex = Cli.run("export", "--from", source.url(), "--schemas", "public,auth", "--out", out.toString());
        assertEquals(0, ex.exit(), ex.toString());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"containsSecrets\" : true") || manifest.contains("\"containsSecrets\": true"), manifest);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("manifest.json"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("sites.jsonl"))));
        assertFalse(ex.all().contains("SECRETHASHVALUE"), "secrets never printed");

        Cli.Result self = Cli.run("verify", "--from", out.toString());
        assertEquals(0, self.exit(), self.toString());

        Cli.Result again = Cli.run("export", "--from", source.url(), "--schemas", "public,auth", "--out", out.toString());
        assertEquals(0, again.exit(), "a re-export replaces the tables: " + again);

        PgServer.TestDb target = PgServer.get().createDatabase("it_export_dst");
        Cli.Result checkFiles = Cli.run("import", "--in", out.toString(), "--to", target.url(), "--exclude", "auth.users",
                "--create-schema", "--dry-run");
        assertEquals(0, checkFiles.exit(), checkFiles.toString());
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", target.url(), "--exclude", "auth.users",
                "--create-schema");
        assertEquals(0, im.exit(), im.toString());
        assertEquals("3000", one(target, "SELECT count(*) FROM sensor_readings"));
        assertEquals("1234.50", one(target, "SELECT plan FROM organizations WHERE name <> ''"));
        assertEquals("{a,NULL,\"b c\"}", one(target, "SELECT tags FROM organizations WHERE name <> ''"));
        assertEquals("NaN", one(target, "SELECT value FROM sensor_readings WHERE id = 7"));

        Cli.Result v = Cli.run("verify", "--from", out.toString(), "--to", target.url(), "--exclude", "auth.users");
        assertEquals(0, v.exit(), v.toString());
        Cli.Result direct = Cli.run("verify", "--from", source.url(), "--to", target.url());
        assertEquals(0, direct.exit(), "export + import gives the same content as the source: " + direct);
    }

    @Test
    void aTamperedFileIsCaughtBeforeAndDuringImport() throws Exception {
        Path out = dir.resolve("data");
        assertEquals(0, Cli.run("export", "--from", source.url(), "--out", out.toString()).exit());
        Path file = out.resolve("sensor_readings.jsonl");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceFirst("\"site_id\":1", "\"site_id\":2"), StandardCharsets.UTF_8);
        Cli.Result self = Cli.run("verify", "--from", out.toString());
        assertEquals(1, self.exit(), self.toString());
        PgServer.TestDb target = PgServer.get().createDatabase("it_export_tamper");
        Cli.Result dry = Cli.run("import", "--in", out.toString(), "--to", target.url(), "--create-schema", "--dry-run");
        assertEquals(3, dry.exit(), dry.toString());
        assertTrue(dry.err().contains("sensor_readings.jsonl"), dry.err());
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", target.url(), "--create-schema");
        assertEquals(3, im.exit(), im.toString());
        assertEquals("0", one(target, "SELECT count(*) FROM sensor_readings"), "nothing half-loaded");
    }

    @Test
    void jsonFormatWritesTheFreshTrackLayout() throws Exception {
        Path out = dir.resolve("json-data");
        Cli.Result ex = Cli.run("export", "--from", source.url(), "--out", out.toString(), "--format", "json",
                "--tables", "organizations,sites");
        assertEquals(0, ex.exit(), ex.toString());
        String meta = Files.readString(out.resolve("metadata.json"));
        assertTrue(meta.contains("\"exportedAt\""), meta);
        assertTrue(meta.contains("\"organizations\""), meta);
        assertTrue(meta.contains("\"rowCount\""), meta);
        assertTrue(Files.readString(out.resolve("organizations.json")).trim().startsWith("["));
    }

    @Test
    void aLargeTableCanBeSplitIntoNumberedFiles() throws Exception {
        Path out = dir.resolve("split");
        Cli.Result ex = Cli.run("export", "--from", source.url(), "--out", out.toString(), "--rows-per-file", "1000",
                "--tables", "sensor_readings");
        assertEquals(0, ex.exit(), ex.toString());
        assertTrue(Files.exists(out.resolve("sensor_readings.00003.jsonl")), String.join(",", out.toFile().list()));
        assertEquals(0, Cli.run("verify", "--from", out.toString()).exit());
    }
}
