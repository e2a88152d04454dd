package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password with every character a URL reserves ({@value #MARKER}) over every command and every
 * error path we can provoke, run as users run decant: the packaged jar in its own JVM, so that what
 * a library writes to the real stderr (java.util.logging's console handler, a driver's own logger)
 * is captured too. No substring of three or more characters of the password may appear on stdout,
 * on stderr, or in any file decant writes (reports, audit logs, export manifests, mappings).
 *
 * <p>The local PostgreSQL trusts local connections, so it never checks a password: there the test
 * proves the URL is read right (the role and database named after the password are the ones used).
 * MariaDB does check passwords: a user created with the marker as its password must get in with the
 * raw URL and with its percent-encoded form, and a wrong password must be refused.
 */
class MarkerPasswordIT {
    static final String MARKER = "Zq@8:Kw/Vx#3?Yj";
    static final String ENCODED = "Zq%408%3AKw%2FVx%233%3FYj";
    /** A password that makes its URL readable two ways; refused, and never shown either. */
    static final String AMBIGUOUS = "5?Yj#Vx";
    private static final Path JAR = Path.of("target", "decant.jar");
    private static final String ROLE = "decant_mk_" + ProcessHandle.current().pid();

    @TempDir
    static Path dir;

    private static PgServer pg;
    private static PgServer.TestDb pgTarget;
    private static PgServer.TestDb pgImport;
    private static PgServer.TestDb pgDemo;
    private static Path sqlite;
    private static Path small;

    @BeforeAll
    static void setUp() throws IOException {
        assertTrue(Files.exists(JAR), JAR.toAbsolutePath() + " is built by the package phase, before integration tests");
        pg = PgServer.get();
        admin().exec("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + MARKER + "'");
        pgTarget = pg.createDatabase("marker");
        pgImport = pg.createDatabase("marker_import");
        admin().exec("ALTER DATABASE " + pgTarget.name() + " OWNER TO " + ROLE);
        admin().exec("ALTER DATABASE " + pgImport.name() + " OWNER TO " + ROLE);
        pgDemo = pg.createDatabase("marker_demo");
        admin().exec("ALTER DATABASE " + pgDemo.name() + " OWNER TO " + ROLE);
        sqlite = SqliteFixture.app(Files.createDirectories(dir.resolve("src")));
        small = dir.resolve("src").resolve("small.db");
        SqliteFixture.exec(small, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                "INSERT INTO items VALUES (1, 'one'), (2, 'two')");
    }

    @AfterAll
    static void dropRole() {
        for (PgServer.TestDb db : new PgServer.TestDb[] {pgTarget, pgImport, pgDemo}) {
            if (db != null) {
                admin().exec("ALTER DATABASE " + db.name() + " OWNER TO " + pg.user());
                db.exec("REASSIGN OWNED BY " + ROLE + " TO " + pg.user() + "; DROP OWNED BY " + ROLE);
            }
        }
        admin().exec("DROP OWNED BY " + ROLE + "; DROP ROLE IF EXISTS " + ROLE);
    }

    private static PgServer.TestDb admin() {
        return new PgServer.TestDb(pg, "postgres");
    }

    private static String pgUrl(String password, String db) {
        return "postgres://" + ROLE + ":" + password + "@" + pg.host() + ":" + pg.port() + "/" + db;
    }

    @Test
    void everyPostgresCommandReadsTheRawAndTheEncodedPasswordAndNeverShowsIt() throws Exception {
        String raw = pgUrl(MARKER, pgTarget.name());
        Path out = dir.resolve("pg-out");
        Files.createDirectories(out);
        Path spec = out.resolve("ids.yaml");
        Files.writeString(spec, "ids:\n  users:\n    strategy: uuid5\n");
        Path mapping = out.resolve("mapping.json");

        expect(0, "check", "--from", raw);
        expect(0, "plan", "--from", "sqlite:" + sqlite, "--to", raw, "--create-schema");
        expect(0, "migrate", "--from", "sqlite:" + sqlite, "--to", raw, "--create-schema",
                "--audit", out.resolve("audit.jsonl").toString(), "--report", out.resolve("migrate.json").toString());
        // The tables belong to the role named before the password: user, host and database were read right.
        assertEquals(ROLE, pgTarget.one("SELECT tableowner FROM pg_tables WHERE tablename = 'users'"));
        expect(0, "verify", "--from", "sqlite:" + sqlite, "--to", raw, "--report", out.resolve("verify.json").toString());
        expect(0, "export", "--from", raw, "--out", out.resolve("export").toString(), "--audit", out.resolve("audit.jsonl").toString());
        expect(0, "import", "--in", out.resolve("export").toString(), "--to", pgUrl(ENCODED, pgImport.name()), "--create-schema");
        assertEquals("3", pgImport.one("SELECT count(*) FROM users"));
        expect(0, "verify", "--from", out.resolve("export").toString(), "--to", pgUrl(ENCODED, pgImport.name()));
        expect(0, "check", "--from", "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pgTarget.name()
                + "?user=" + ROLE + "&password=" + ENCODED);
        expect(0, Map.of("MARKER_URL", raw), "check", "--from", "${MARKER_URL}");
        expect(0, Map.of("DECANT_FROM", raw), "check");
        expect(0, Map.of("PGPASSWORD", MARKER, "PGUSER", ROLE, "PGHOST", pg.host(), "PGPORT", String.valueOf(pg.port()),
                "PGDATABASE", pgTarget.name()), "check", "--from", "postgres:///");
        expect(0, "ids", "build", "--from", raw, "--spec", spec.toString(), "--mapping", mapping.toString());
        expect(0, "ids", "show", "--mapping", mapping.toString());
        expect(0, "ids", "lookup", "--mapping", mapping.toString(), "u1");
        expect(0, "verify", "--from", "sqlite:" + sqlite, "--to", raw, "--output", "json");
        expect(0, "demo", "--to", pgUrl(MARKER, pgDemo.name()), "--readings", "200", "--dir", out.resolve("demo").toString());
        noFileHoldsThePassword(out);
    }

    @Test
    void mariadbChecksTheRawAndTheEncodedPassword() throws Exception {
        String db = MariaServer.createDatabase("marker").replaceAll(".*/", "");
        String user = "dmk" + ProcessHandle.current().pid();
        String other = "dmo" + ProcessHandle.current().pid();
        try (Connection c = MariaServer.connect(""); Statement s = c.createStatement()) {
            for (String u : new String[] {user, other}) {
                s.execute("DROP USER IF EXISTS '" + u + "'@'%'");
            }
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + MARKER + "'");
            s.execute("CREATE USER '" + other + "'@'%' IDENTIFIED BY 'a-different-one-42'");
            s.execute("GRANT ALL PRIVILEGES ON `" + db + "`.* TO '" + user + "'@'%', '" + other + "'@'%'");
        }
        try {
            String host = MariaServer.HOST + ":" + MariaServer.PORT;
            String raw = "mysql://" + user + ":" + MARKER + "@" + host + "/" + db;
            Path out = dir.resolve("maria-out");
            Files.createDirectories(out);
            expect(0, "migrate", "--from", "sqlite:" + small, "--to", raw, "--create-schema",
                    "--report", out.resolve("migrate.json").toString(), "--audit", out.resolve("audit.jsonl").toString());
            expect(0, "check", "--from", "mariadb://" + user + ":" + ENCODED + "@" + host + "/" + db);
            expect(0, "verify", "--from", "sqlite:" + small, "--to", raw, "--report", out.resolve("verify.json").toString());
            expect(0, "export", "--from", raw, "--out", out.resolve("export").toString());
            // The password is checked here: the marker is wrong for the other user.
            expect(4, "check", "--from", "mysql://" + other + ":" + MARKER + "@" + host + "/" + db);
            expect(4, "check", "--from", "mysql://" + other + ":" + MARKER + "@" + host + "/" + db, "--debug");
            expect(4, "check", "--from", "mysql://" + other + ":" + MARKER + "@" + host + "/" + db, "--output", "json");
            expect(4, "migrate", "--from", "sqlite:" + small, "--to", "mysql://" + other + ":" + MARKER + "@" + host + "/" + db);
            expect(4, "check", "--from", "mysql://" + user + ":" + MARKER + "@" + host + "/no_such_db_" + user);
            noFileHoldsThePassword(out);
        } finally {
            try (Connection c = MariaServer.connect(""); Statement s = c.createStatement()) {
                s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                s.execute("DROP USER IF EXISTS '" + other + "'@'%'");
            }
        }
    }

    @Test
    void errorPathsNeverShowThePassword() throws Exception {
        String hostPort = pg.host() + ":" + pg.port();
        expect(4, "check", "--from", "postgres://" + ROLE + ":" + MARKER + "@no-such-host.invalid:5432/db");
        expect(4, "check", "--from", "postgres://" + ROLE + ":" + MARKER + "@no-such-host.invalid:5432/db", "--debug");
        expect(4, "check", "--from", "postgres://" + ROLE + ":" + MARKER + "@127.0.0.1:1/db");
        expect(4, "check", "--from", "postgres://" + ROLE + ":" + MARKER + "@" + hostPort + "/no_such_db_" + ROLE);
        expect(4, "migrate", "--from", "sqlite:" + sqlite, "--to", "postgresql://" + ROLE + ":" + ENCODED + "@" + hostPort + "/no_such_db_" + ROLE);
        expect(4, "verify", "--from", "sqlite:" + sqlite, "--to", "postgres://" + ROLE + ":" + MARKER + "@" + hostPort + "/no_such_db_" + ROLE);
        expect(4, "export", "--from", "postgres://" + ROLE + ":" + MARKER + "@" + hostPort + "/no_such_db_" + ROLE,
                "--out", dir.resolve("never").toString());
        expect(2, "check", "--from", "oracle://" + ROLE + ":" + MARKER + "@" + hostPort + "/db");
        expect(2, "check", "--from", "postgres://" + ROLE + ":" + MARKER + "@" + hostPort + ":xyz/db");
        expect(2, "check", "--from", "postgres://" + ROLE + ":" + MARKER + "@" + hostPort + "/db", "--nosuchoption");
        Cli.Result ambiguous = expect(2, "check", "--from", "postgres://" + ROLE + ":" + AMBIGUOUS + "@" + hostPort + "/db");
        assertTrue(ambiguous.err().contains("percent-encode"), ambiguous.toString());
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Path badSpec = specs.resolve("bad.yaml");
        Files.writeString(badSpec, "source: postgres://" + ROLE + ":" + MARKER + "@" + hostPort + "/db\nnot_a_key: 1\n");
        expect(2, "plan", "--spec", badSpec.toString());
        Path envSpec = specs.resolve("env.yaml");
        Files.writeString(envSpec, "source: ${MARKER_URL}\ntables:\n  no_such_table: {}\n");
        Cli.Result r = run(Map.of("MARKER_URL", pgUrl(MARKER, pgTarget.name())), "plan", "--spec", envSpec.toString());
        assertTrue(r.exit() == 2 || r.exit() == 0, r.toString());
        assertClean(r, "plan --spec env.yaml");
        noFileHoldsThePassword(dir.resolve("never"));
    }

    private static Cli.Result expect(int exit, String... args) throws Exception {
        return expect(exit, Map.of(), args);
    }

    private static Cli.Result expect(int exit, Map<String, String> env, String... args) throws Exception {
        Cli.Result r = run(env, args);
        String what = String.join(" ", args);
        assertEquals(exit, r.exit(), what + "\n" + r);
        assertClean(r, what);
        return r;
    }

    private static void assertClean(Cli.Result r, String what) {
        String leak = leak(r.out() + "\n" + r.err());
        if (leak != null) {
            fail("'" + leak + "' (part of the password) is in the output of: " + what + "\n" + r);
        }
    }

    /** Runs the packaged jar in a JVM of its own: stdout and the real stderr, whatever writes to them. */
    private static Cli.Result run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path stdout = Files.createTempFile("marker-out", ".txt");
        Path stderr = Files.createTempFile("marker-err", ".txt");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DECANT_"));
        e.put("HOME", dir.toString()); // no ~/.pgpass of the machine's
        e.putAll(env);
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            fail(String.join(" ", args) + " did not finish within 3 minutes");
        }
        Cli.Result r = new Cli.Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.delete(stdout);
        Files.delete(stderr);
        return r;
    }

    private static Cli.Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /**
     * The first 3-character piece of a secret form found in {@code text}, or null. Pieces of the
     * encoded form made only of escapes and digits ("%40", "408") say nothing of the password and
     * are left out: the percent-encoding hint names them.
     */
    static String leak(String text) {
        for (String secret : new String[] {MARKER, ENCODED, AMBIGUOUS}) {
            for (int i = 0; i + 3 <= secret.length(); i++) {
                String piece = secret.substring(i, i + 3);
                if (secret == ENCODED && piece.matches("[0-9A-F%]+")) {
                    continue;
                }
                if (text.contains(piece)) {
                    return piece;
                }
            }
        }
        return null;
    }

    private static void noFileHoldsThePassword(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Map<Path, String> leaks = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                String leak = leak(text);
                if (leak != null) {
                    leaks.put(f, leak);
                }
            }
        }
        assertTrue(leaks.isEmpty(), "files holding part of the password: " + leaks);
    }
}
