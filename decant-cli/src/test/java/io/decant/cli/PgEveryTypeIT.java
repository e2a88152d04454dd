package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgEveryType;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PostgreSQL type, PostgreSQL to PostgreSQL, with no spec: the types decant models go through
 * its value model, the rest (tsvector, interval, inet, ranges, composites, hstore, multi-dimensional
 * arrays, ...) as the server's own text into the same type. The rows must arrive exactly: each row's
 * text form on the target equals the source's, and verify passes, then names a changed value.
 */
class PgEveryTypeIT {
    static final String TYPES = PgEveryType.TYPES;
    static final String TABLE = PgEveryType.TABLE;
    static final String ROWS = PgEveryType.ROWS;
    static final String ROW_TEXT = PgEveryType.ROW_TEXT;

    @Test
    void intoTheApplicationsOwnSchema(@TempDir Path dir) {
        PgServer.TestDb src = PgServer.get().createDatabase("every_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("every_dst");
        src.exec(TYPES + TABLE + ROWS);
        dst.exec(TYPES + TABLE);

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("2500", dst.one("SELECT count(*) FROM every_type"));
        assertEquals(src.one(ROW_TEXT), dst.one(ROW_TEXT));
        String computed = "SELECT md5(string_agg(row(gen_len, tsv_gen)::text, '|' ORDER BY id)) FROM every_type";
        assertEquals(src.one(computed), dst.one(computed), "the target computed its generated columns");
        dst.exec("INSERT INTO every_type (id) VALUES (9999)");
        assertEquals("2501", dst.one("SELECT ident FROM every_type WHERE id = 9999"),
                "the identity continues after the loaded maximum");
        dst.exec("DELETE FROM every_type WHERE id = 9999");

        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());
        // Checksums hashed from binary COPY's fields are those of the values, type by type.
        Cli.Result wire = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--output", "json");
        Cli.Result values = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--output", "json",
                "--no-pass-through");
        assertTrue(wire.out().contains("\"sourceChecksum\""), wire.out());
        assertEquals(checksums(values.out()), checksums(wire.out()));
        dst.exec("UPDATE every_type SET iv = iv + interval '1 microsecond', hs = hs || 'z=>1' WHERE id = 1");
        Cli.Result bad = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.out().contains("iv: 'P1Y2M-3DT4H5M6.789S' -> 'P1Y2M-3DT4H5M6.789001S'"), bad.out());
        assertTrue(bad.out().contains("hs: "), bad.out());
    }

    @Test
    void createdByDecantWithTheSameTypes() {
        PgServer.TestDb src = PgServer.get().createDatabase("every_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("every_dst");
        src.exec(TYPES + TABLE + ROWS);
        dst.exec(TYPES);

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("moves as the database's own text into the same type"), plan.out());
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("tsvector", dst.one("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'every_type'::regclass AND attname = 'tsv'"));
        assertEquals(src.one(ROW_TEXT), dst.one(ROW_TEXT));
        assertEquals("s", dst.one("SELECT attgenerated FROM pg_attribute WHERE attrelid = 'every_type'::regclass"
                + " AND attname = 'gen_len'"), "created computed, as in the source");
        String computed = "SELECT md5(string_agg(row(gen_len, tsv_gen)::text, '|' ORDER BY id)) FROM every_type";
        assertEquals(src.one(computed), dst.one(computed));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());
    }

    /**
     * A target without the source's own types (no extensions, no CREATE TYPE): CREATE TABLE would stop on the first
     * of them, so plan refuses, naming each column, the type and where it comes from, and migrate creates nothing.
     */
    @Test
    void aTargetWithoutTheSourcesTypesIsRefusedByPlanAndNothingIsCreated(@TempDir Path dir) {
        PgServer.TestDb src = PgServer.get().createDatabase("every_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("every_bare");
        src.exec(TYPES + TABLE + ROWS);

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("every_type.hs: column hs would be created with the source's type hstore"
                + " (extension hstore), but the target database has no type hstore; create it there first (CREATE"
                + " EXTENSION for an extension's type"), plan.err());
        assertTrue(plan.err().contains("every_type.addr: column addr would be created with the source's type address"
                + " (composite type), but the target database has no type address"), plan.err());
        assertTrue(plan.err().contains("or say as_text: true (a text column) or skip: true for this column in the spec"),
                plan.err());
        assertTrue(!plan.err().contains("every_type.tsv:"), "a built-in type is never missing: " + plan.err());

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("0", dst.one("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"),
                "nothing is created");

        Path out = dir.resolve("export");
        assertEquals(0, Cli.run("export", "--from", src.url(), "--out", out.toString()).exit());
        Cli.Result i = Cli.run("import", "--in", out.toString(), "--to", dst.url(), "--create-schema");
        assertEquals(2, i.exit(), i.toString());
        assertTrue(i.err().contains("but the target database has no type hstore"), i.err());
        assertEquals("0", dst.one("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));
    }

    @Test
    void throughAnExportFolder(@TempDir Path dir) {
        PgServer.TestDb src = PgServer.get().createDatabase("every_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("every_dst");
        src.exec(TYPES + TABLE + ROWS);
        dst.exec(TYPES);
        Path out = dir.resolve("export");
        Cli.Result e = Cli.run("export", "--from", src.url(), "--out", out.toString());
        assertEquals(0, e.exit(), e.toString());
        Cli.Result i = Cli.run("import", "--in", out.toString(), "--to", dst.url(), "--create-schema");
        assertEquals(0, i.exit(), i.toString());
        assertEquals("tsvector", dst.one("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'every_type'::regclass AND attname = 'tsv'"));
        assertEquals(src.one(ROW_TEXT), dst.one(ROW_TEXT));
        assertEquals("s", dst.one("SELECT attgenerated FROM pg_attribute WHERE attrelid = 'every_type'::regclass"
                + " AND attname = 'gen_len'"), "created computed through the folder, as migrate creates it");
        String computed = "SELECT md5(string_agg(row(gen_len, tsv_gen)::text, '|' ORDER BY id)) FROM every_type";
        assertEquals(src.one(computed), dst.one(computed));
        Cli.Result v = Cli.run("verify", "--from", out.toString(), "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void aValueTheTargetTypeRefusesIsNamedByItsRow() {
        PgServer.TestDb src = PgServer.get().createDatabase("every_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("every_dst");
        src.exec("CREATE TABLE hosts (id integer PRIMARY KEY, addr inet, bits bit varying(4))");
        src.exec("INSERT INTO hosts SELECT g, ('10.0.' || (g / 256) || '.' || (g % 256))::inet, B'1' FROM generate_series(1, 1500) g");
        src.exec("INSERT INTO hosts VALUES (2000, '2001:db8::1', B'1')");
        dst.exec("CREATE DOMAIN v4 AS inet CHECK (family(VALUE) = 4)");
        dst.exec("CREATE TABLE hosts (id integer PRIMARY KEY, addr v4, bits bit varying(4))");
        // The same native type is needed for no spec line: a domain over inet is not inet.
        Cli.Result refused = Cli.run("plan", "--from", src.url(), "--to", dst.url());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.all().contains("hosts.addr: type inet is not supported"), refused.all());
        Path spec = writeSpec("tables:\n  hosts:\n    columns:\n      addr: { as_text: true }\n");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.all().contains("hosts.addr (row 1501, id=2000)"), r.all());
        assertTrue(r.all().contains("'2001:db8::1/128' is not a valid v4: ERROR: value for domain v4 violates check constraint"),
                r.all());
        assertEquals("0", dst.one("SELECT count(*) FROM hosts"));
    }

    @Test
    void textFromAnotherDatabaseLoadsIntoAnyTypeWhoseInputAcceptsIt(@TempDir Path dir) {
        Path db = dir.resolve("app.db");
        SqliteFixture.exec(db, "CREATE TABLE docs (id INTEGER PRIMARY KEY, body_tsv TEXT, client_ip TEXT, ttl TEXT, span TEXT)",
                "INSERT INTO docs VALUES (1, 'a fat cat', '203.0.113.9', 'P1DT2H', '[1,5)')",
                "INSERT INTO docs VALUES (2, NULL, '2001:db8::1', '3 days', 'empty')");
        PgServer.TestDb dst = PgServer.get().createDatabase("every_dst");
        dst.exec("CREATE TABLE docs (id integer PRIMARY KEY, body_tsv tsvector, client_ip inet, ttl interval, span int4range)");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + db, "--to", dst.url());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("1|'a' 'cat' 'fat'|203.0.113.9/32|1 day 02:00:00|[1,5)", dst.one("SELECT id || '|' || body_tsv || '|' || client_ip"
                + " || '|' || ttl || '|' || span FROM docs WHERE id = 1"));
        assertEquals("2001:db8::1/128|3 days|empty", dst.one("SELECT client_ip || '|' || ttl || '|' || span FROM docs WHERE id = 2"));

        SqliteFixture.exec(db, "INSERT INTO docs VALUES (3, NULL, 'not an address', NULL, NULL)");
        dst.exec("TRUNCATE docs");
        Cli.Result bad = Cli.run("migrate", "--from", "sqlite:" + db, "--to", dst.url());
        assertEquals(3, bad.exit(), bad.toString());
        assertTrue(bad.all().contains("docs.client_ip (row 3, id=3): 'not an address' is not a valid inet"), bad.all());
    }

    private static Path writeSpec(String yaml) {
        try {
            Path f = java.nio.file.Files.createTempFile("spec", ".yaml");
            java.nio.file.Files.writeString(f, yaml);
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The "sourceChecksum" and "targetChecksum" members of verify's JSON, in order. */
    private static java.util.List<String> checksums(String json) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(source|target)Checksum\"\\s*:\\s*\"([0-9a-f]+)\"")
                .matcher(json);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2));
        }
        assertTrue(!out.isEmpty(), json);
        return out;
    }
}
