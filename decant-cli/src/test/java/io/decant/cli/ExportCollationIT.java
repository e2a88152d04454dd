package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} then {@code import --create-schema} creates what {@code migrate --create-schema} creates: text columns
 * with the source's collation, unique keys NULLS NOT DISTINCT or deferred, foreign keys INITIALLY DEFERRED. The target
 * databases have ICU English as their default collation (CollationIT), which sorts 'a' before 'B'; "C" sorts B, Z, a, é.
 */
class ExportCollationIT {
    @TempDir
    Path dir;

    static final String PG_SCHEMA = """
            CREATE TABLE words (id int PRIMARY KEY, c text COLLATE "C", icu text COLLATE "und-x-icu", plain text,
              u text, pos int,
              CONSTRAINT words_u_key UNIQUE NULLS NOT DISTINCT (u),
              CONSTRAINT words_pos_key UNIQUE (pos) DEFERRABLE INITIALLY DEFERRED);
            CREATE UNIQUE INDEX words_c_idx ON words (c) NULLS NOT DISTINCT;
            CREATE TABLE uses (id int PRIMARY KEY, word_id int REFERENCES words (id) DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO words VALUES (1, 'a', 'a', 'a', NULL, 1), (2, 'B', 'B', 'B', 'x', 2), (3, 'é', 'é', 'é', 'y', 3),
              (4, 'Z', 'Z', 'Z', 'z', 4);
            INSERT INTO uses VALUES (1, 1), (2, 4);
            """;

    /** Each created column with its collation, and each key's and index's definition, of the database's public tables. */
    private static String created(PgServer.TestDb db) {
        return db.one("SELECT string_agg(table_name || '.' || column_name || ' ' || coalesce(collation_name, '-'), ', '"
                + " ORDER BY table_name, ordinal_position) FROM information_schema.columns WHERE table_schema = 'public'")
                + " | " + db.one("SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ', ' ORDER BY conname)"
                + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace")
                + " | " + db.one("SELECT string_agg(indexdef, ', ' ORDER BY indexname) FROM pg_indexes"
                + " WHERE schemaname = 'public'");
    }

    private static String collationOf(PgServer.TestDb db, String column) {
        // The column's own collation, or NULL for one that takes its type's (the database default).
        return db.one("SELECT (SELECT c.collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation"
                + " WHERE a.attrelid = 'words'::regclass AND a.attname = '" + column + "'"
                + " AND a.attcollation <> (SELECT typcollation FROM pg_type WHERE oid = a.atttypid))");
    }

    @Test
    void postgresThroughAFolderCreatesWhatMigrateCreates() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_excoll_pgsrc");
        src.exec(PG_SCHEMA);
        Path out = dir.resolve("export");
        Cli.Result ex = Cli.run("export", "--from", src.url(), "--out", out.toString());
        assertEquals(0, ex.exit(), ex.toString());
        Cli.Result self = Cli.run("verify", "--from", out.toString());
        assertEquals(0, self.exit(), "the folder's self-check is not disturbed: " + self);

        PgServer.TestDb imported = CollationIT.englishDatabase("it_excoll_imp");
        Cli.Result plan = Cli.run("import", "--in", out.toString(), "--to", imported.url(), "--create-schema", "--dry-run");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("c      text -> text -> text COLLATE \"C\""), plan.out());
        assertTrue(plan.out().contains("icu    text -> text -> text COLLATE \"und-x-icu\""), plan.out());
        assertTrue(plan.out().contains("plain  text -> text -> text\n"), plan.out());
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", imported.url(), "--create-schema");
        assertEquals(0, im.exit(), im.toString());

        assertEquals("C", collationOf(imported, "c"));
        assertEquals("und-x-icu", collationOf(imported, "icu"));
        assertEquals(null, collationOf(imported, "plain"), "the source database's default stays the target's default");
        assertEquals("B,Z,a,é", imported.one("SELECT string_agg(c, ',' ORDER BY c) FROM words"));
        assertEquals("UNIQUE NULLS NOT DISTINCT (u)", imported.one("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conname = 'words_u_key'"));
        assertEquals("UNIQUE (pos) DEFERRABLE INITIALLY DEFERRED", imported.one("SELECT pg_get_constraintdef(oid)"
                + " FROM pg_constraint WHERE conname = 'words_pos_key'"));
        assertEquals("FOREIGN KEY (word_id) REFERENCES words(id) DEFERRABLE INITIALLY DEFERRED", imported.one(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'"));
        assertTrue(imported.one("SELECT indexdef FROM pg_indexes WHERE indexname = 'words_c_idx'")
                .endsWith("(c) NULLS NOT DISTINCT"));

        PgServer.TestDb migrated = CollationIT.englishDatabase("it_excoll_mig");
        Cli.Result mig = Cli.run("migrate", "--from", src.url(), "--to", migrated.url(), "--create-schema");
        assertEquals(0, mig.exit(), mig.toString());
        assertEquals(created(migrated), created(imported));

        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", imported.url());
        assertEquals(0, v.exit(), v.toString());
    }

    private Path sqliteSource() {
        Path file = dir.resolve("words.db");
        SqliteFixture.exec(file,
                "CREATE TABLE words (id INTEGER PRIMARY KEY, w TEXT NOT NULL UNIQUE, n TEXT COLLATE NOCASE)",
                "INSERT INTO words (id, w, n) VALUES (1, 'a', 'a'), (2, 'B', 'B'), (3, 'é', 'é'), (4, 'Z', 'Z')");
        return file;
    }

    @Test
    void sqliteThroughAFolderSortsAsSqliteDid() throws Exception {
        Path out = dir.resolve("export");
        Path src = sqliteSource();
        Cli.Result exportPlan = Cli.run("plan", "--from", "sqlite:" + src, "--to", "dir:" + out, "--create-schema");
        assertEquals(0, exportPlan.exit(), exportPlan.toString());
        assertTrue(exportPlan.out().contains("w   TEXT -> text -> string\n"), "files compare nothing: " + exportPlan.out());
        assertFalse(exportPlan.out().contains("COLLATE"), exportPlan.out());
        Cli.Result ex = Cli.run("export", "--from", "sqlite:" + src, "--out", out.toString());
        assertEquals(0, ex.exit(), ex.toString());
        assertFalse(ex.all().contains("compares as sqlite"), "a folder keeps every collation: " + ex);
        JsonNode w = new ObjectMapper().readTree(out.resolve("manifest.json").toFile())
                .get("tables").get("words").get("columns").get(1);
        assertEquals("sqlite BINARY", w.get("collation").asText());

        PgServer.TestDb db = CollationIT.englishDatabase("it_excoll_sqlite");
        Cli.Result plan = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema", "--dry-run");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("note: column n compares as sqlite NOCASE in the source; the target has no"
                + " collation that compares the same, so it is created with the target database's default collation"),
                plan.out());
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(0, im.exit(), im.toString());
        assertEquals("C", collationOf(db, "w"));
        assertEquals(null, collationOf(db, "n"));
        assertEquals("B,Z,a,é", db.one("SELECT string_agg(w, ',' ORDER BY w) FROM words"), "SQLite's byte order");
        assertEquals("a,B,é,Z", db.one("SELECT string_agg(n, ',' ORDER BY n) FROM words"));
    }

    @Test
    void importWithCollationDefaultTakesTheTargetDatabasesDefault() throws Exception {
        Path out = dir.resolve("export");
        assertEquals(0, Cli.run("export", "--from", "sqlite:" + sqliteSource(), "--out", out.toString()).exit());
        PgServer.TestDb db = CollationIT.englishDatabase("it_excoll_default");
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema",
                "--collation", "default");
        assertEquals(0, im.exit(), im.toString());
        assertEquals(null, collationOf(db, "w"));
        assertEquals("a,B,é,Z", db.one("SELECT string_agg(w, ',' ORDER BY w) FROM words"), "the database's collation");
    }

    /**
     * A collation the source made with CREATE COLLATION travels by name: an import into a database without it is
     * refused before anything is created, as migrate's is, and the way out named, --collation default, loads.
     */
    @Test
    void aCollationTheTargetLacksIsRefusedByImportWithAWayOut() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_excoll_ownsrc");
        src.exec("CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
                + " CREATE TABLE words (id int PRIMARY KEY, name text COLLATE nocase); INSERT INTO words VALUES (1, 'a')");
        Path out = dir.resolve("export");
        assertEquals(0, Cli.run("export", "--from", src.url(), "--out", out.toString()).exit());
        PgServer.TestDb db = PgServer.get().createDatabase("it_excoll_owndst");
        Cli.Result refused = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("column name would be created with the source's collation nocase, but the"
                + " target database has no collation nocase for its encoding; create it there first (CREATE COLLATION as"
                + " the source has it, or the application's migrations), or run with --collation default"), refused.err());
        assertEquals("0", db.one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "nothing created");

        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema",
                "--collation", "default");
        assertEquals(0, im.exit(), im.toString());
        assertEquals(null, collationOf(db, "name"));
        assertEquals("a", db.one("SELECT name FROM words"));
    }

    /** A folder an older decant exported: its manifest has none of the fields, and imports as it did then. */
    @Test
    void aFolderWithoutTheFieldsImportsAsBefore() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_excoll_oldsrc");
        src.exec(PG_SCHEMA);
        Path out = dir.resolve("export");
        assertEquals(0, Cli.run("export", "--from", src.url(), "--out", out.toString()).exit());
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
        int removed = 0;
        for (JsonNode table : manifest.get("tables")) {
            for (String array : List.of("columns", "indexes", "foreignKeys")) {
                for (JsonNode entry : table.get(array)) {
                    for (String field : List.of("collation", "nullsNotDistinct", "deferral", "initiallyDeferred")) {
                        removed += ((ObjectNode) entry).remove(field) == null ? 0 : 1;
                    }
                }
            }
        }
        assertEquals(2 + 2 + 1 + 1, removed, "two collations, NULLS NOT DISTINCT twice, a deferred unique key and a deferred"
                + " foreign key: " + manifest);
        json.writeValue(out.resolve("manifest.json").toFile(), manifest);
        assertEquals(0, Cli.run("verify", "--from", out.toString()).exit());

        PgServer.TestDb db = CollationIT.englishDatabase("it_excoll_old");
        Cli.Result im = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(0, im.exit(), im.toString());
        assertEquals(null, collationOf(db, "c"));
        assertEquals("UNIQUE (u)", db.one("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'words_u_key'"));
        assertEquals("UNIQUE (pos)", db.one("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conname = 'words_pos_key'"));
        assertEquals("FOREIGN KEY (word_id) REFERENCES words(id) DEFERRABLE", db.one(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'"));
    }
}
