package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --allow-empty} of a source with no table succeeds, so it must leave what every later step reads: an
 * export folder whose manifest lists no table. Before, it wrote nothing and the import of it failed with "no such
 * folder".
 */
class EmptyExportIT {
    @TempDir
    Path dir;

    @Test
    void anEmptyExportIsAFolderThatImportAndVerifyRead() throws Exception {
        Path db = dir.resolve("empty.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 1"); // the file exists and holds no table
        }
        Path out = dir.resolve("export");
        Cli.Result exported = Cli.run("export", "--from", "sqlite:" + db, "--out", out.toString(), "--allow-empty");
        assertEquals(0, exported.exit(), exported.toString());
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")), exported.toString());
        assertTrue(Files.readString(out.resolve("manifest.json")).replaceAll("\\s", "").contains("\"tables\":{}")
                || Files.readString(out.resolve("manifest.json")).replaceAll("\\s", "").contains("\"tables\":[]"),
                Files.readString(out.resolve("manifest.json")));

        Cli.Result checked = Cli.run("verify", "--from", out.toString(), "--allow-empty");
        assertEquals(0, checked.exit(), checked.toString());

        PgServer.TestDb dst = PgServer.get().createDatabase("empty_export");
        Cli.Result imported = Cli.run("import", "--in", out.toString(), "--to", dst.url(), "--allow-empty");
        assertEquals(0, imported.exit(), imported.toString());
        Cli.Result verified = Cli.run("verify", "--from", out.toString(), "--to", dst.url(), "--allow-empty");
        assertEquals(0, verified.exit(), verified.toString());
        assertEquals("0", dst.one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));

        // without --allow-empty the empty folder is refused as an empty selection is, naming the option
        Cli.Result refused = Cli.run("import", "--in", out.toString(), "--to", dst.url());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("--allow-empty"), refused.toString());
    }
}
