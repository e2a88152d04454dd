package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decant.testkit.PgServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} then {@code import --create-schema} creates, PostgreSQL to PostgreSQL, the schema {@code migrate
 * --create-schema} creates, as pg_dump --schema-only shows both: the source's declared types (character(n)), its
 * enums and domains where the target has them (and what migrate creates instead where it lacks them), computed columns
 * with their expression, and indexes the source defines in its own SQL (partial, over expressions, of another access method or
 * operator class). Into another kind of database the import notes those indexes as migrate does. A manifest edited
 * to carry other SQL is refused before anything is created.
 */
class ExportSchemaIT {
    @TempDir
    Path dir;

    static final String TYPES = """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
            """;

    static final String SCHEMA = TYPES + """
            CREATE TABLE people (id int PRIMARY KEY, code character(2) NOT NULL, name varchar(40), email text,
              balance numeric(10,2), seen timestamp(3), seen_tz timestamptz(0), at_time time(2), m mood, n posint,
              flags bit(3), doc tsvector);
            CREATE INDEX people_lower_email ON people (lower(email));
            CREATE UNIQUE INDEX people_code_rich ON people (code) WHERE balance > 0;
            CREATE INDEX people_m_hash ON people USING hash (m);
            CREATE INDEX people_doc ON people USING gin (doc);
            CREATE INDEX people_name_pattern ON people (name varchar_pattern_ops);
            CREATE INDEX "People's ""odd"" one" ON people ((name || ';' || 'it''s -- not a comment'));
            INSERT INTO people (id, code, name, email, balance, seen, seen_tz, at_time, m, n, flags, doc) VALUES
              (1, 'BY', 'Ann', 'Ann@Example.com', 10.50, '2026-01-02 03:04:05.678', '2026-01-02 03:04:05Z', '10:11:12.34',
               'happy', 7, B'101', 'fat cats'),
              (2, 'DE', 'Bo', NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            """;

    /** The database's schema as pg_dump --schema-only prints it, without its comment lines. */
    private static String dump(PgServer.TestDb db) throws IOException, InterruptedException {
        PgServer s = db.server();
        Process p = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-h", s.host(),
                "-p", String.valueOf(s.port()), "-U", s.user(), db.name()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pg_dump did not finish");
        assertEquals(0, p.exitValue(), out);
        // \restrict lines carry a random key of each run.
        return out.lines().filter(l -> !l.startsWith("--") && !l.startsWith("\\") && !l.isBlank()).collect(Collectors.joining("\n"));
    }

    private Path export(PgServer.TestDb src) {
        Path out = dir.resolve("export");
        Cli.Result ex = Cli.run("export", "--from", src.url(), "--out", out.toString());
        assertEquals(0, ex.exit(), ex.toString());
        return out;
    }

    /** The import's and migrate's results into databases made by {@code prepare}, compared by their pg_dump. */
    private void sameAsMigrate(PgServer.TestDb src, Path out, String prepare, String name) throws Exception {
        PgServer.TestDb imported = PgServer.get().createDatabase("it_exschema_imp_" + name);
        PgServer.TestDb migrated = PgServer.get().createDatabase("it_exschema_mig_" + name);
        imported.exec(prepare);
        migrated.exec(prepare);
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", imported.url(), "--create-schema");
        assertEquals(0, im.exit(), im.toString());
        Cli.Result mig = Cli.run("migrate", "--from", src.url(), "--to", migrated.url(), "--create-schema");
        assertEquals(0, mig.exit(), mig.toString());
        assertEquals(dump(migrated), dump(imported));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", imported.url());
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void postgresThroughAFolderCreatesWhatMigrateCreates() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_exschema_src");
        src.exec(SCHEMA);
        Path out = export(src);
        Cli.Result exportPlan = Cli.run("plan", "--from", src.url(), "--to", "dir:" + dir.resolve("other"),
                "--create-schema");
        assertEquals(0, exportPlan.exit(), exportPlan.toString());
        assertTrue(exportPlan.out().contains("code     character(2) -> text(2) -> string\n"),
                "files show the logical type's form: " + exportPlan.out());
        assertFalse(exportPlan.out().contains("people_lower_email is not created"), exportPlan.out());

        PgServer.TestDb plain = PgServer.get().createDatabase("it_exschema_plan");
        plain.exec(TYPES);
        Cli.Result plan = Cli.run("import", "--in", out.toString(), "--to", plain.url(), "--create-schema", "--dry-run");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("code     character(2) -> text(2) -> character(2)\n"), plan.out());
        assertTrue(plan.out().contains("m        mood (enum, read as text) -> text -> mood\n"), plan.out());
        assertTrue(plan.out().contains("creates: unique index people_code_rich USING btree (code) WHERE (balance >"
                + " (0)::numeric)\n"), plan.out());

        sameAsMigrate(src, out, TYPES, "types");
        PgServer.TestDb imported = PgServer.get().createDatabase("it_exschema_check");
        imported.exec(TYPES);
        assertEquals(0, Cli.run("import", "--in", out.toString(), "--to", imported.url(), "--create-schema").exit());
        // As migrate creates them: a timestamp's or time's precision is the target's own (microseconds), as before.
        assertEquals("id integer, code character(2), name character varying(40), email text, balance numeric(10,2),"
                + " seen timestamp without time zone, seen_tz timestamp with time zone, at_time time without time zone,"
                + " m mood, n posint, flags bit(3), doc tsvector",
                imported.one("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)"
                        + " FROM pg_attribute WHERE attrelid = 'people'::regclass AND attnum > 0 AND NOT attisdropped"));
        assertEquals("7", imported.one("SELECT count(*) FROM pg_indexes WHERE tablename = 'people'"),
                "the key and the six indexes the source defines in its own SQL: "
                        + imported.one("SELECT string_agg(indexdef, '; ') FROM pg_indexes WHERE tablename = 'people'"));
        assertEquals("1", imported.one("SELECT count(*) FROM people WHERE code = 'BY ' AND m > 'ok'"),
                "character(2) ignores its padding, the enum sorts by its labels");
    }

    /** A target without the source's enum and domain: the import creates what migrate creates instead, noted alike. */
    @Test
    void aTargetWithoutTheTypesGetsWhatMigrateGives() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_exschema_src");
        src.exec(SCHEMA);
        sameAsMigrate(src, export(src), "SELECT 1", "notypes");
    }

    @Test
    void intoSqliteTheIndexesAreNotedAsMigrateNotesThem() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_exschema_src");
        src.exec(SCHEMA);
        Path out = export(src);
        Path db = dir.resolve("people.db");
        Cli.Result plan = Cli.run("import", "--in", out.toString(), "--to", "sqlite:" + db, "--create-schema",
                "--dry-run", "--spec", spec());
        assertEquals(0, plan.exit(), plan.toString());
        Cli.Result mig = Cli.run("plan", "--from", src.url(), "--to", "sqlite:" + db, "--create-schema", "--spec", spec());
        assertEquals(0, mig.exit(), mig.toString());
        for (String index : List.of("people_lower_email", "people_code_rich", "people_m_hash", "people_name_pattern")) {
            // named alike: "partial index people_code_rich", "hash index people_m_hash", ...
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("((?:[a-z]+ )*index(?: with an operator class"
                    + " of its own)?) " + java.util.regex.Pattern.quote(index) + " is not created; create it on the target after"
                    + " the load").matcher(mig.out());
            assertTrue(m.find(), index + "\n" + mig.out());
            assertTrue(plan.out().contains(m.group(1) + " " + index + " is not created; create it on the target after the"
                    + " load, from the source's definition: CREATE "), m.group(1) + "\n" + plan.out());
        }
        assertTrue(plan.out().contains("CREATE UNIQUE INDEX people_code_rich ON people USING btree (code)"
                + " WHERE (balance > (0)::numeric)"), plan.out());
    }

    /** SQLite has no bit or tsvector: both move as text, as the spec says. */
    private String spec() throws IOException {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, """
                tables:
                  people:
                    columns:
                      flags: { as_text: true }
                      doc: { as_text: true }
                """);
        return spec.toString();
    }

    /** Computed columns between data columns, one over a text column, one over a key column. */
    static final String COMPUTED = """
            CREATE TABLE t (id int PRIMARY KEY, x int, y int GENERATED ALWAYS AS (x * 2) STORED, name text,
              shout text GENERATED ALWAYS AS (upper(name) || '!') STORED, z text);
            INSERT INTO t (id, x, name, z) VALUES (1, 2, 'ann', 'a'), (2, NULL, NULL, 'b'), (3, 5, 'bo', NULL);
            """;

    /**
     * A computed column goes through the folder as migrate takes it: recorded at its place with its expression, its
     * values in no file; the folder checks and verifies against the source, and the import creates it computed where
     * migrate does, exactly as migrate does.
     */
    @Test
    void aComputedColumnIsCreatedThroughAFolderAsMigrateCreatesIt() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("gen_computed_src");
        src.exec(COMPUTED);
        Cli.Result dry = Cli.run("plan", "--from", src.url(), "--to", dir.resolve("dry").toString(), "--create-schema");
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.out().contains("note: column y is recorded computed, with its expression, and no file holds its"
                + " values: an import into PostgreSQL creates it computed, as migrate does"), dry.out());
        Path out = export(src);
        JsonNode columns = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("tables").get("t")
                .get("columns");
        List<String> recorded = new java.util.ArrayList<>();
        columns.forEach(c -> recorded.add(c.get("name").asText() + " " + c.get("identity").asText()));
        assertEquals(List.of("id none", "x none", "y computed", "name none", "shout computed", "z none"), recorded);
        assertEquals("postgresql integer GENERATED ALWAYS AS ((x * 2)) STORED", columns.get(2).get("declaredType").asText());
        assertEquals("postgresql text GENERATED ALWAYS AS ((upper(name) || '!'::text)) STORED",
                columns.get(4).get("declaredType").asText());
        String rows = Files.readString(out.resolve("t.jsonl"));
        assertEquals("{\"id\":1,\"x\":2,\"name\":\"ann\",\"z\":\"a\"}", rows.lines().findFirst().orElseThrow(),
                "the files hold the data columns only");
        Cli.Result self = Cli.run("verify", "--from", out.toString());
        assertEquals(0, self.exit(), self.toString());
        Cli.Result against = Cli.run("verify", "--from", src.url(), "--to", out.toString());
        assertEquals(0, against.exit(), against.toString());

        Cli.Result plan = Cli.run("import", "--in", out.toString(), "--to", PgServer.get().createDatabase("gen_computed_plan")
                .url(), "--create-schema", "--dry-run");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("note: column y is created computed, as in the source: the target computes it"),
                plan.out());
        sameAsMigrate(src, out, "SELECT 1", "computed");
        PgServer.TestDb imported = PgServer.get().createDatabase("gen_computed_imp");
        assertEquals(0, Cli.run("import", "--in", out.toString(), "--to", imported.url(), "--create-schema").exit());
        assertEquals("id, x, y, name, shout, z", imported.one("SELECT string_agg(attname, ', ' ORDER BY attnum) FROM"
                + " pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped"), "each at its place");
        assertEquals("ss", imported.one("SELECT string_agg(attgenerated::text, '' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = 't'::regclass AND attname IN ('y', 'shout')"), "created computed");
        String computed = "SELECT string_agg(id || ':' || coalesce(y::text, '-') || ':' || coalesce(shout, '-'), ' '"
                + " ORDER BY id) FROM t";
        assertEquals("1:4:ANN! 2:-:- 3:10:BO!", imported.one(computed));

        // Into the table as the application made it (no --create-schema): the target computes it, as after migrate.
        PgServer.TestDb existing = PgServer.get().createDatabase("gen_computed_existing");
        existing.exec(COMPUTED.substring(0, COMPUTED.indexOf("INSERT")));
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", existing.url());
        assertEquals(0, im.exit(), im.toString());
        assertEquals("1:4:ANN! 2:-:- 3:10:BO!", existing.one(computed));
        Cli.Result v = Cli.run("verify", "--from", out.toString(), "--to", existing.url());
        assertEquals(0, v.exit(), v.toString());
    }

    /** Into SQLite and MySQL the computed column is not created, noted as migrate notes it, and never written. */
    @Test
    void intoAnotherKindOfDatabaseAComputedColumnIsNotedAsMigrateNotesIt() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("gen_computed_src");
        src.exec(COMPUTED);
        Path out = export(src);
        Path db = dir.resolve("computed.db");
        notCreatedAsByMigrate(src, out, "sqlite:" + db);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement();
             var rs = s.executeQuery("SELECT group_concat(name, ', ') FROM pragma_table_info('t')")) {
            rs.next();
            assertEquals("id, x, name, z", rs.getString(1));
        }
        String maria = io.decant.testkit.MariaServer.createDatabase("gen_computed_maria");
        notCreatedAsByMigrate(src, out, maria);
        try (var c = io.decant.testkit.MariaServer.connect(maria.substring(maria.lastIndexOf('/') + 1));
             var s = c.createStatement(); var rs = s.executeQuery("SELECT group_concat(column_name ORDER BY"
                     + " ordinal_position SEPARATOR ', ') FROM information_schema.columns WHERE table_schema = DATABASE()"
                     + " AND table_name = 't'")) {
            rs.next();
            assertEquals("id, x, name, z", rs.getString(1));
        }
    }

    private static void notCreatedAsByMigrate(PgServer.TestDb src, Path out, String to) {
        Cli.Result plan = Cli.run("import", "--in", out.toString(), "--to", to, "--create-schema", "--dry-run");
        assertEquals(0, plan.exit(), plan.toString());
        Cli.Result mig = Cli.run("plan", "--from", src.url(), "--to", to, "--create-schema");
        assertEquals(0, mig.exit(), mig.toString());
        for (String column : List.of("y", "shout")) {
            String note = "note: column " + column + " is computed by the source and not created: its expression is the"
                    + " source database's\n";
            assertTrue(plan.out().contains(note), plan.out());
            assertTrue(mig.out().contains(note), mig.out());
        }
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", to, "--create-schema");
        assertEquals(0, im.exit(), im.toString());
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", to);
        assertEquals(0, v.exit(), v.toString());
    }

    /**
     * An expression the import's target cannot compute (a function of the source's own it lacks) is refused by the
     * import's plan, before anything is created, with the words and ways out migrate's plan gives.
     */
    @Test
    void anExpressionTheTargetCannotComputeIsRefusedBeforeAnyRow() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("gen_computed_src");
        src.exec("CREATE FUNCTION twice(int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT $1 * 2';"
                + " CREATE TABLE t (id int PRIMARY KEY, x int, y int GENERATED ALWAYS AS (twice(x)) STORED);"
                + " INSERT INTO t (id, x) VALUES (1, 2)");
        Path out = export(src);
        PgServer.TestDb db = PgServer.get().createDatabase("gen_computed_lacks");
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(2, im.exit(), im.toString());
        String refusal = "t.y: column y would be created computed, as in the source, but the target database cannot"
                + " compute its expression (twice(x)) (function twice(integer) does not exist";
        assertTrue(im.err().contains(refusal), im.err());
        Cli.Result mig = Cli.run("migrate", "--from", src.url(), "--to", db.url(), "--create-schema");
        assertEquals(2, mig.exit(), mig.toString());
        assertTrue(mig.err().contains(refusal), mig.err());
        assertEquals("0", db.one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "nothing created");

        db.exec("CREATE FUNCTION twice(int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT $1 * 2'");
        im = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(0, im.exit(), im.toString());
        assertEquals("4", db.one("SELECT y FROM t"));
    }

    /**
     * A folder an older decant exported records no computed column: it imports as it did then, without it. A
     * computed column's expression edited to carry other SQL is refused before anything is created.
     */
    @Test
    void anOlderFolderImportsWithoutItAndATamperedExpressionIsRefused() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("gen_computed_src");
        src.exec(COMPUTED);
        Path out = export(src);
        Path file = out.resolve("manifest.json");
        String original = Files.readString(file);
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(original);
        var columns = (com.fasterxml.jackson.databind.node.ArrayNode) manifest.get("tables").get("t").get("columns");
        columns.remove(4);
        columns.remove(2);
        json.writeValue(file.toFile(), manifest);
        PgServer.TestDb old = PgServer.get().createDatabase("gen_computed_old");
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", old.url(), "--create-schema");
        assertEquals(0, im.exit(), im.toString());
        assertEquals("id, x, name, z", old.one("SELECT string_agg(attname, ', ' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped"));
        Cli.Result self = Cli.run("verify", "--from", out.toString());
        assertEquals(0, self.exit(), self.toString());

        Files.writeString(file, original.replace("GENERATED ALWAYS AS ((x * 2)) STORED",
                "GENERATED ALWAYS AS ((x * 2) + 0; DROP TABLE keep; SELECT (1)) STORED"));
        PgServer.TestDb db = PgServer.get().createDatabase("gen_computed_tamper");
        db.exec("CREATE TABLE keep (id int)");
        Cli.Result r = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("[FILE_CORRUPT]") && r.err().contains("manifest.json"), r.err());
        assertTrue(r.err().contains("table t: column y: \"declaredType\" ';' at 12 of '(x * 2) + 0; DROP TABLE keep;"
                + " SELECT (1)' would end the statement or begin other SQL; correct it, or remove it and the column is created"
                + " with the target's type for its logical type"), r.err());
        assertEquals("keep", db.one("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'"));
    }

    /** A folder an older decant exported: no declared types and no index definitions; it imports as it did then. */
    @Test
    void aFolderWithoutTheFieldsImportsAsBefore() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_exschema_src");
        src.exec(SCHEMA);
        Path out = export(src);
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
        JsonNode people = manifest.get("tables").get("people");
        int removed = 0;
        for (JsonNode column : people.get("columns")) {
            removed += column.has("declaredType") ? 1 : 0;
            ((ObjectNode) column).remove(List.of("declaredType", "ownType"));
        }
        var indexes = (com.fasterxml.jackson.databind.node.ArrayNode) people.get("indexes");
        for (int i = indexes.size() - 1; i >= 0; i--) {
            if (indexes.get(i).has("definition")) {
                indexes.remove(i);
                removed++;
            }
        }
        assertEquals(10 + 6, removed, "ten columns' declared types (flags and doc keep their nativeType), six indexes");
        json.writeValue(out.resolve("manifest.json").toFile(), manifest);
        PgServer.TestDb db = PgServer.get().createDatabase("it_exschema_old");
        db.exec(TYPES);
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(0, im.exit(), im.toString());
        assertEquals("code character varying(2), m text, n integer", db.one("SELECT string_agg(attname || ' '"
                + " || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid ="
                + " 'people'::regclass AND attname IN ('code', 'm', 'n')"));
        assertEquals("people_pkey", db.one("SELECT string_agg(indexname, ',') FROM pg_indexes WHERE tablename = 'people'"));
    }

    /**
     * A manifest is a file a user can edit: an index definition or a declared type that is not as PostgreSQL writes
     * one is refused, naming the file, the table and the index or column, before anything is created.
     */
    @Test
    void aTamperedManifestIsRefusedBeforeAnythingIsCreated() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_exschema_src");
        src.exec(SCHEMA);
        Path out = export(src);
        Path file = out.resolve("manifest.json");
        ObjectMapper json = new ObjectMapper();
        String original = Files.readString(file);
        JsonNode manifest = json.readTree(original);
        for (JsonNode index : manifest.get("tables").get("people").get("indexes")) {
            if (index.get("name").asText().equals("people_lower_email")) {
                ((ObjectNode) index).put("definition", "postgresql USING btree (email); DROP TABLE keep; --");
            }
        }
        json.writeValue(file.toFile(), manifest);
        PgServer.TestDb db = PgServer.get().createDatabase("it_exschema_tamper");
        db.exec("CREATE TABLE keep (id int)");
        Cli.Result r = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("manifest.json") && r.err().contains("table people: index people_lower_email:"
                + " \"definition\" ';' at 20 of 'USING btree (email); DROP TABLE keep; --' would end the statement or"
                + " begin other SQL; correct it, or remove the index from \"indexes\" and create it on the target after the"
                + " import"), r.err());
        assertEquals("keep", db.one("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'"));

        Files.writeString(file, original.replace("\"declaredType\": \"postgresql character(2)\"",
                "\"declaredType\": \"postgresql character(2) DEFAULT 'x'\""));
        r = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("table people: column code: \"declaredType\" 'character(2) DEFAULT 'x'' is not a type"
                + " name as PostgreSQL spells one; correct it, or remove it and the column is created with the target's type"
                + " for its logical type"), r.err());
        assertEquals("keep", db.one("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'"));
    }
}
