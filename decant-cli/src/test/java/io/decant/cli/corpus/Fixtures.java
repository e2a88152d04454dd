package io.decant.cli.corpus;

import io.decant.cli.Cli;

import io.decant.testkit.PgServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What many cases share, built once per JVM: a small PostgreSQL source, its good export folders
 * (JSONL and JSON), and a template for PostgreSQL import targets whose columns are narrower than the
 * source's (smallint, varchar(3), numeric(5,2)) so that out-of-range values reach the target's rules.
 * Each case gets its own copy of the target ({@code CREATE DATABASE ... TEMPLATE}): a failed run
 * leaves decant's journal behind, and the next run into that target would rightly refuse.
 */
final class Fixtures {
    /** accounts 1..3; notes 10..13 referencing them. */
    static final String SOURCE = """
            CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(10,2), created_at timestamptz);
            CREATE TABLE notes (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, body text, qty int,
              code text, amount numeric(10,2), at timestamp);
            INSERT INTO accounts VALUES (1, 'Ada', 10.50, '2024-01-01T00:00:00Z'), (2, 'Bob', NULL, NULL),
              (3, 'Cy', 0.01, '2024-02-29T12:00:00.123456Z');
            INSERT INTO notes VALUES (10, 1, 'hello', 1, 'abc', 1.25, '2024-01-01 10:00:00'),
              (11, 1, NULL, 2, 'x', NULL, NULL), (12, 2, 'smile 😀', 3, 'yz', 999.99, '2024-03-10 02:30:00.5'),
              (13, 3, 'last', 4, 'q', 0, '2024-01-01');
            """;
    /** The same tables with narrower columns; accounts already loaded, notes holding one row of its own. */
    static final String NARROW_TARGET = """
            CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(10,2), created_at timestamptz);
            CREATE TABLE notes (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, body text, qty smallint,
              code varchar(3), amount numeric(5,2), at timestamp);
            INSERT INTO accounts VALUES (1, 'Ada', 10.50, '2024-01-01T00:00:00Z'), (2, 'Bob', NULL, NULL),
              (3, 'Cy', 0.01, '2024-02-29T12:00:00.123456Z');
            INSERT INTO notes VALUES (1, 1, 'already here', 0, 'old', 0, '2020-01-01');
            """;

    private static Fixtures instance;

    final Path root;
    final PgServer pg;
    final PgServer.TestDb source;
    private final PgServer.TestDb narrowTemplate;
    private final java.util.concurrent.atomic.AtomicInteger copies = new java.util.concurrent.atomic.AtomicInteger();
    final Path jsonl;
    final Path json;

    private Fixtures() throws IOException {
        root = Files.createTempDirectory("decant-corpus-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        pg = PgServer.get();
        source = pg.createDatabase("corpus_src");
        source.exec(SOURCE);
        narrowTemplate = pg.createDatabase("corpus_narrow_tpl");
        narrowTemplate.exec(NARROW_TARGET);
        jsonl = export("good-jsonl", "jsonl");
        json = export("good-json", "json");
    }

    static synchronized Fixtures get() {
        if (instance == null) {
            try {
                instance = new Fixtures();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private Path export(String name, String format) {
        Path out = root.resolve(name);
        Cli.Result r = Cli.run("export", "--from", url(source), "--out", out.toString(), "--format", format);
        if (r.exit() != 0) {
            throw new IllegalStateException("the corpus's good export failed: " + r);
        }
        return out;
    }

    /** The database's URL with {@link Corpus#MARKER} as password (the servers trust local connections). */
    String url(PgServer.TestDb db) {
        return "postgres://" + pg.user() + ":" + Corpus.MARKER + "@" + pg.host() + ":" + pg.port() + "/" + db.name();
    }

    private final java.util.Map<String, PgServer.TestDb> shared = new java.util.HashMap<>();

    /** One database per {@code prefix}, made once: only for sources, which decant never writes. */
    synchronized PgServer.TestDb sharedSource(String prefix, String sql) {
        return shared.computeIfAbsent(prefix, p -> freshPg(p, sql));
    }

    /** A fresh copy of the narrow import target: accounts 1..3, notes holding row 1. */
    PgServer.TestDb narrow() {
        String name = narrowTemplate.name().replace("_tpl", "") + "_" + copies.incrementAndGet();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + narrowTemplate.name());
        } catch (SQLException e) {
            throw new IllegalStateException("could not copy the narrow target: " + e.getMessage(), e);
        }
        return new PgServer.TestDb(pg, name);
    }

    PgServer.TestDb freshPg(String prefix, String sql) {
        PgServer.TestDb db = pg.createDatabase("corpus_" + prefix);
        if (sql != null && !sql.isBlank()) {
            db.exec(sql);
        }
        return db;
    }

    /** The good JSONL export, copied into {@code dir} for editing. */
    Folder jsonlCopy(Path dir) {
        return Folder.copyOf(jsonl, dir.resolve("export"));
    }

    Folder jsonCopy(Path dir) {
        return Folder.copyOf(json, dir.resolve("export"));
    }

    /** {@code import --in FOLDER --to NARROW --tables notes}, guarded by a fresh narrow target. */
    Case.Invocation importNotes(Folder f, String... more) {
        PgServer.TestDb narrow = narrow();
        String[] args = Stream.concat(Stream.of("import", "--in", f.toString(), "--to", url(narrow), "--tables", "notes"),
                Stream.of(more)).toArray(String[]::new);
        return Case.Invocation.of(Guard.pg(narrow), args);
    }

    static String one(PgServer.TestDb db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void sqlite(Path file, String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit: the folder is temporary
        }
    }
}
