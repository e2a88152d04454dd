package io.decant.cli.corpus;

import io.decant.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.decant.testkit.PgServer;
import io.decant.testkit.Services;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Servers and files that cannot be reached, read or written: an unreachable server, a role that
 * cannot log in, a read-only target, a SQLite file that is missing or not a database, an export
 * folder on a full disk. External errors (exit 4) that name the place and never the password.
 */
final class ConnectionCases {
    private ConnectionCases() {
    }

    static final String TARGET = """
            CREATE TABLE memos (id int PRIMARY KEY, body text);
            INSERT INTO memos VALUES (100, 'kept');
            """;

    static List<Case> cases() {
        return List.of(
                Case.of("conn/unreachable-postgres", 4, c -> Case.Invocation.of(Guard.NONE, "migrate", "--from", memos(c.dir()),
                        "--to", "postgres://app:" + Corpus.MARKER + "@127.0.0.1:1/appdb"), "127.0.0.1:1"),
                Case.of("conn/unreachable-source-for-export", 4, c -> {
                    Path out = c.dir().resolve("out");
                    return Case.Invocation.of(Guard.folder(out), "export", "--from", "postgres://app:" + Corpus.MARKER + "@127.0.0.1:1/appdb",
                            "--out", out.toString());
                }, "127.0.0.1:1"),
                Case.of("conn/unreachable-mariadb", 4, c -> Case.Invocation.of(Guard.NONE, "migrate", "--from", memos(c.dir()),
                        "--to", "mysql://root:" + Corpus.MARKER + "@127.0.0.1:1/appdb"), "127.0.0.1:1"),
                Case.of("conn/mariadb-wrong-password", 4, c -> {
                    String url = io.decant.testkit.MariaServer.createDatabase("corpus_pw");
                    return Case.Invocation.of(Guard.NONE, "migrate", "--from", memos(c.dir()), "--to",
                            url.replace("mysql://root@", "mysql://root:" + Corpus.MARKER + "@"), "--create-schema");
                }, "root", "127.0.0.1:3306", "(using password: ***)"),
                Case.of("conn/role-that-cannot-log-in", 4, c -> {
                    PgServer.TestDb t = c.fx().freshPg("conn", TARGET);
                    t.exec("DO $$ BEGIN CREATE ROLE corpus_nologin NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
                    return Case.Invocation.of(Guard.pg(t), "migrate", "--from", memos(c.dir()), "--to", as(c, t, "corpus_nologin"));
                }, "corpus_nologin"),
                Case.of("conn/role-that-does-not-exist", 4, c -> {
                    PgServer.TestDb t = c.fx().freshPg("conn", TARGET);
                    return Case.Invocation.of(Guard.pg(t), "migrate", "--from", memos(c.dir()), "--to", as(c, t, "corpus_nobody"));
                }, "corpus_nobody"),
                Case.of("conn/database-does-not-exist", 4, c -> Case.Invocation.of(Guard.NONE, "migrate", "--from", memos(c.dir()),
                        "--to", "postgres://postgres:" + Corpus.MARKER + "@" + c.fx().pg.host() + ":" + c.fx().pg.port()
                                + "/corpus_no_such_db"), "corpus_no_such_db"),
                Case.of("conn/read-only-role", 4, c -> {
                    PgServer.TestDb t = c.fx().freshPg("conn", TARGET);
                    t.exec("DO $$ BEGIN CREATE ROLE corpus_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                            + " GRANT SELECT ON ALL TABLES IN SCHEMA public TO corpus_reader");
                    return Case.Invocation.of(Guard.pg(t), "migrate", "--from", memos(c.dir()), "--to", as(c, t, "corpus_reader"));
                }, "permission denied"),
                Case.of("conn/read-only-database", 4, c -> {
                    PgServer.TestDb t = c.fx().freshPg("readonly", TARGET);
                    t.exec("ALTER DATABASE " + t.name() + " SET default_transaction_read_only = on");
                    return Case.Invocation.of(Guard.pg(t), "migrate", "--from", memos(c.dir()), "--to", c.fx().url(t));
                }, "read-only"),
                Case.of("conn/unknown-url-scheme", 2, c -> Case.Invocation.of(Guard.NONE, "migrate", "--from", memos(c.dir()),
                        "--to", "oracle://scott:" + Corpus.MARKER + "@db.example.com:1521/orcl"), "oracle://", "known forms", "postgres://"),
                Case.of("conn/sqlite-file-does-not-exist", 4, c -> Case.Invocation.of(Guard.NONE, "check", "--from",
                                "sqlite:" + c.dir().resolve("nope.db")), "nope.db")
                        .then((c, r) -> assertFalse(Files.exists(c.dir().resolve("nope.db")), "a missing SQLite file is not created")),
                Case.of("conn/sqlite-file-is-not-a-database", 4, c -> {
                    Path f = c.dir().resolve("notes.db");
                    Files.writeString(f, "these are my notes, not a database\n".repeat(200));
                    PgServer.TestDb t = c.fx().freshPg("conn", TARGET);
                    return Case.Invocation.of(Guard.pg(t).and(Guard.folder(c.dir())), "migrate", "--from", "sqlite:" + f,
                            "--to", c.fx().url(t));
                }, "notes.db"),
                Case.of("conn/export-folder-is-below-a-file", 4, c -> {
                    Path file = c.dir().resolve("a-file");
                    Files.writeString(file, "x");
                    return Case.Invocation.of(Guard.folder(c.dir()), "export", "--from", c.fx().url(c.fx().source), "--out",
                            file.resolve("out").toString());
                }, "a-file"),
                Case.of("conn/export-to-a-read-only-mount", 4, c -> {
                    Path ro = Files.createDirectories(c.dir().resolve("ro"));
                    mount(c, "bind", ro, "--bind", ro.toString(), ro.toString());
                    sh("mount", "-o", "remount,ro,bind", ro.toString());
                    Path out = ro.resolve("out");
                    return Case.Invocation.of(Guard.folder(ro), "export", "--from", c.fx().url(c.fx().source), "--out", out.toString());
                }, "out"),
                Case.of("conn/export-disk-full", 4, c -> {
                    Path small = Files.createDirectories(c.dir().resolve("tiny"));
                    mount(c, "tmpfs", small, "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString());
                    PgServer.TestDb src = c.fx().sharedSource("bigsrc", """
                            CREATE TABLE small (id int PRIMARY KEY);
                            INSERT INTO small VALUES (1);
                            CREATE TABLE big (id int PRIMARY KEY, body text);
                            INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 2000) g;
                            """);
                    c.bag().put("out", small.resolve("out"));
                    return Case.Invocation.of(Guard.folder(small.resolve("out"), name -> !name.equals("manifest.json")), "export",
                            "--from", c.fx().url(src), "--out", small.resolve("out").toString());
                }, "big", "space").then((c, r) -> {
                    Path out = (Path) c.bag().get("out");
                    if (Files.exists(out.resolve("manifest.json"))) {
                        Cli.Result v = Cli.run("verify", "--from", out.toString());
                        assertNotEquals(0, v.exit(), "a folder left by a failed export must not verify as a good export: " + v);
                    }
                }));
    }

    private static String as(Case.Ctx c, PgServer.TestDb t, String role) {
        return "postgres://" + role + ":" + Corpus.MARKER + "@" + c.fx().pg.host() + ":" + c.fx().pg.port() + "/" + t.name();
    }

    /** A small SQLite source: memos 1 and 2. */
    static String memos(Path dir) {
        Path db = dir.resolve("memos.db");
        if (!Files.exists(db)) {
            Fixtures.sqlite(db, "CREATE TABLE memos (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO memos VALUES (1, 'a'), (2, 'b')");
        }
        return "sqlite:" + db;
    }

    /** Mounts, or skips the case saying why (mounting needs root); the mount is undone after the case. */
    private static void mount(Case.Ctx c, String what, Path at, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "mount";
        System.arraycopy(args, 0, cmd, 1, args.length);
        String why = sh(cmd);
        Services.assume(why == null, "cannot mount a " + what + " here (needs root and mount rights): " + why);
        c.bag().put("cleanup", (Runnable) () -> sh("umount", at.toString()));
    }

    /** Runs a command; returns null when it succeeded, else its output. */
    static String sh(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? null : String.join(" ", cmd) + ": " + out.trim();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
