package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import checks the whole folder against its manifest before the first table is created or loaded. */
class ImportPreflightIT {
    @TempDir
    Path dir;

    private Path export() {
        Path app = SqliteFixture.app(dir);
        Path out = dir.resolve("migration-data");
        Cli.Result ex = Cli.run("export", "--from", "sqlite:" + app, "--out", out.toString());
        assertEquals(0, ex.exit(), ex.toString());
        return out;
    }

    /** Tables, and any schema besides the application's own, in the target. */
    private static String leftBehind(PgServer.TestDb db) {
        return db.one("SELECT coalesce(string_agg(table_schema || '.' || table_name, ',' ORDER BY table_schema, table_name), '')"
                + " FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
                + "|" + db.one("SELECT coalesce(string_agg(nspname, ',' ORDER BY nspname), '') FROM pg_namespace"
                + " WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')");
    }

    @Test
    void aCutOffThirdTableIsRefusedBeforeTheFirstTableLoads() throws Exception {
        Path out = export();
        // users, habits, habit_logs in load order: cut the third one's file short.
        Path third = out.resolve("habit_logs.jsonl");
        long size = Files.size(third);
        try (FileChannel ch = FileChannel.open(third, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        PgServer.TestDb db = PgServer.get().createDatabase("it_import_cut");
        Cli.Result r = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("[FILE_CORRUPT] habit_logs"), r.err());
        assertTrue(r.err().contains("habit_logs.jsonl: size is " + (size - 5) + " bytes, the manifest says " + size), r.err());
        assertEquals("|", leftBehind(db), "no table, no journal, no schema");

        Cli.Result migrate = Cli.run("migrate", "--from", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(3, migrate.exit(), migrate.toString());
        assertTrue(migrate.err().contains("habit_logs.jsonl: size is " + (size - 5) + " bytes"), migrate.err());
        assertEquals("|", leftBehind(db), "migrate --from DIR checks the same way");
    }

    @Test
    void verifyFilesFindsAChangedByteThatKeepsTheSize() throws Exception {
        Path out = export();
        Path file = out.resolve("habits.jsonl");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("\"run\"", "\"ran\""), StandardCharsets.UTF_8);
        PgServer.TestDb db = PgServer.get().createDatabase("it_import_sha");
        Cli.Result r = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema", "--verify-files");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("habits.jsonl: sha256 is "), r.err());
        assertEquals("|", leftBehind(db));
    }

    @Test
    void anOldManifestWithoutSizesStillImportsAndSaysSizeCannotBeChecked() throws Exception {
        Path out = export();
        Path manifest = out.resolve("manifest.json");
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        String old = text.replaceAll(",\\s*\"bytes\"\\s*:\\s*\\d+", "");
        assertTrue(!old.equals(text) && !old.matches("(?s).*\"bytes\"\\s*:\\s*\\d.*"), old);
        Files.writeString(manifest, old, StandardCharsets.UTF_8);
        PgServer.TestDb db = PgServer.get().createDatabase("it_import_old");
        Cli.Result r = Cli.run("import", "--in", out.toString(), "--to", db.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("the size of 3 file(s) cannot be checked"), r.err());
        assertEquals("3", db.one("SELECT count(*) FROM users"));

        // --exclude leaves a table's files unchecked as well as unloaded.
        Files.writeString(out.resolve("habit_logs.jsonl"), "cut", StandardCharsets.UTF_8);
        PgServer.TestDb db2 = PgServer.get().createDatabase("it_import_old2");
        Cli.Result cut = Cli.run("import", "--in", out.toString(), "--to", db2.url(), "--create-schema", "--verify-files");
        assertEquals(3, cut.exit(), cut.toString());
        assertTrue(cut.err().contains("habit_logs.jsonl: holds 1 rows, the manifest says 3"), cut.err());
        Cli.Result without = Cli.run("import", "--in", out.toString(), "--to", db2.url(), "--create-schema",
                "--exclude", "habit_logs");
        assertEquals(0, without.exit(), without.toString());
    }
}
