package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.MariaServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password given in a URL never appears in anything decant prints. */
class SecretsIT {
    private static final String MARKER = "Sup3r-Secret-Marker-42";

    @TempDir
    Path dir;

    /**
     * The local PostgreSQL trusts every connection, so a password given to it is never checked; MariaDB
     * checks it. A user whose password is the marker proves the password is what decides: with it every
     * command connects, with another one each is refused (exit 4), and neither prints it.
     */
    @Test
    void aWrongPasswordIsReportedWithoutThePassword() throws Exception {
        String db = MariaServer.createDatabase("it_secrets");
        String name = db.substring(db.lastIndexOf('/') + 1);
        String user = "decant_secret_" + ProcessHandle.current().pid();
        try (Connection c = MariaServer.connect(""); Statement s = c.createStatement()) {
            for (String host : new String[] {"%", "localhost"}) {
                s.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
                s.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + MARKER + "'");
                s.execute("GRANT ALL ON `" + name + "`.* TO '" + user + "'@'" + host + "'");
            }
            s.execute("CREATE TABLE `" + name + "`.notes (id int PRIMARY KEY, body text)");
            s.execute("INSERT INTO `" + name + "`.notes VALUES (1, 'a')");
        }
        String at = "@" + MariaServer.HOST + ":" + MariaServer.PORT + "/" + name;
        String right = "mysql://" + user + ":" + MARKER + at;
        StrayOutput.Run ok = StrayOutput.run("check", "--from", right);
        assertEquals(0, ok.result().exit(), "the right password connects: " + ok);
        assertFalse(ok.everything().contains(MARKER), ok.toString());

        String wrong = "mysql://" + user + ":Not-" + MARKER + at;
        Path target = dir.resolve("out");
        for (String[] args : new String[][] {
            {"check", "--from", wrong},
            {"plan", "--from", wrong},
            {"migrate", "--from", "sqlite:" + SqliteFixture.app(dir), "--to", wrong},
            {"export", "--from", wrong, "--out", target.toString()},
            {"verify", "--from", wrong, "--to", right},
            {"check", "--from", wrong, "--debug"}}) {
            StrayOutput.Run r = StrayOutput.run(args);
            assertFalse(r.everything().contains(MARKER), String.join(" ", args) + "\n" + r);
            assertEquals(4, r.result().exit(), String.join(" ", args) + "\n" + r);
            assertTrue(r.result().err().contains("28000") || r.result().err().toLowerCase(java.util.Locale.ROOT).contains("denied"),
                    "names the refused login: " + r);
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
