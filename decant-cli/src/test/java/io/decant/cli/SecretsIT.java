package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password given in a URL never appears in anything decant prints. */
class SecretsIT {
    private static final String MARKER = "Sup3r-Secret-Marker-42";

    @TempDir
    Path dir;

    @Test
    void aWrongPasswordIsReportedWithoutThePassword() {
        PgServer pg = PgServer.get();
        String url = "postgres://nobody_here:" + MARKER + "@" + pg.host() + ":" + pg.port() + "/postgres";
        for (String[] args : new String[][] {
            {"check", "--from", url},
            {"plan", "--from", url},
            {"migrate", "--from", "sqlite:" + SqliteFixture.app(dir), "--to", url},
            {"verify", "--from", url, "--to", url},
            {"check", "--from", url, "--debug"}}) {
            Cli.Result r = Cli.run(args);
            assertFalse(r.all().contains(MARKER), String.join(" ", args) + "\n" + r);
            assertTrue(r.exit() == 4 || r.exit() == 2, r.toString());
        }
    }

    @Test
    void anUnreachableServerIsAnExternalErrorNamingHostAndPort() {
        Cli.Result r = Cli.run("check", "--from", "postgres://u:" + MARKER + "@127.0.0.1:1/db");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().contains("127.0.0.1:1"), r.err());
        assertFalse(r.all().contains(MARKER));
    }

    @Test
    void anUnknownUrlListsTheKnownForms() {
        Cli.Result r = Cli.run("check", "--from", "oracle://u:" + MARKER + "@h/db");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("known forms"), r.err());
        assertFalse(r.all().contains(MARKER));
    }
}
