package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 9: messages that name the real problem, and a check that creates nothing.
 */
class MessagesIT {
    @TempDir
    Path dir;

    @Test
    void anUnknownHostIsNamed() {
        Cli.Result r = Cli.run("check", "--from", "postgres://app@no-such-host.invalid:5432/appdb");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().contains("unknown host 'no-such-host.invalid'"), r.err());
        Cli.Result m = Cli.run("check", "--from", "mysql://root@no-such-host.invalid:3306/appdb");
        assertEquals(4, m.exit(), m.toString());
        assertTrue(m.err().contains("unknown host 'no-such-host.invalid'"), m.err());
    }

    @Test
    void aMissingRelativeSqlitePathSaysWhereItLooked() {
        String name = "decant-no-such-file-" + System.nanoTime() + ".db";
        Cli.Result r = Cli.run("check", "--from", "sqlite:" + name);
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().contains(Path.of(name).toAbsolutePath().normalize().toString()), r.err());
        assertFalse(Files.exists(Path.of(name)), "a missing source is not created");
    }

    @Test
    void checkOfATargetThatDoesNotExistYetCreatesNothing() {
        Path app = SqliteFixture.app(dir);
        Path fresh = dir.resolve("new.db");
        Cli.Result r = Cli.run("check", "--from", "sqlite:" + app, "--to", "sqlite:" + fresh);
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(fresh), "check must not create the target file: " + r);
        assertTrue(r.out().contains("does not exist yet") && r.out().contains("migrate"), r.out());
        Path folder = dir.resolve("out");
        Cli.Result f = Cli.run("check", "--from", "sqlite:" + app, "--to", "dir:" + folder);
        assertEquals(0, f.exit(), f.toString());
        assertFalse(Files.exists(folder), "check must not create the target folder: " + f);
        assertTrue(f.out().contains("does not exist yet"), f.out());
    }

    @Test
    void aPgDumpFileGivenAsD1SqlSaysWhatItIs() throws Exception {
        Path dump = dir.resolve("backup.sql");
        Files.writeString(dump, """
                --
                -- PostgreSQL database dump
                --

                SET statement_timeout = 0;
                SELECT pg_catalog.set_config('search_path', '', false);
                CREATE TABLE public.users (id integer NOT NULL, email text);
                COPY public.users (id, email) FROM stdin;
                1\ta@example.com
                \\.
                """);
        Cli.Result r = Cli.run("plan", "--from", "d1sql:" + dump);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("this is a pg_dump file") && r.err().contains("psql -d DB -f " + dump)
                && r.err().contains("--from postgres://"), r.err());
    }

    @Test
    void anUnknownCommandPointsAtTheRealHelp() {
        Cli.Result r = Cli.run("nosuch");
        assertEquals(2, r.exit(), r.toString());
        assertFalse(r.err().contains("decant decant"), r.err());
        assertTrue(r.err().contains("see 'decant --help'"), r.err());
        Cli.Result sub = Cli.run("migrate", "--frm", "x");
        assertTrue(sub.err().contains("see 'decant migrate --help'"), sub.err());
        Cli.Result ids = Cli.run("ids", "show", "--nope");
        assertTrue(ids.err().contains("see 'decant ids show --help'"), ids.err());
    }
}
