package io.decant.cli.corpus;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Specs with every kind of mistake. Each is a usage error (exit 2) reported with file:line:col and
 * the YAML path, before anything is written: the target keeps what it had.
 */
final class SpecCases {
    private SpecCases() {
    }

    static final String TARGET = """
            CREATE TABLE users (id text PRIMARY KEY, email text, approved boolean, created_at timestamptz, name text);
            CREATE TABLE posts (id text PRIMARY KEY, user_id text REFERENCES users);
            INSERT INTO users VALUES ('u0', 'zero@example.com', true, now(), 'Zero');
            """;

    static List<Case> cases() {
        return List.of(
                spec("spec/unknown-key", """
                        tables:
                          users:
                            columns:
                              approved: { too: approved_flag }
                        """, "decant.yaml:4:19", "unknown key 'too'"),
                spec("spec/wrong-type", """
                        exclude: 5
                        """, "decant.yaml:1:", "exclude"),
                spec("spec/wrong-type-map-for-list", """
                        orphans: [fail]
                        """, "decant.yaml:1:10", "orphans"),
                spec("spec/bad-cast", """
                        tables:
                          users:
                            columns:
                              approved: { cast: booleen }
                        """, "decant.yaml:4:25", "unknown cast 'booleen'"),
                spec("spec/cast-that-cannot-apply", """
                        tables:
                          users:
                            columns:
                              approved: { cast: uuid }
                        """, "decant.yaml:4:", "approved"),
                spec("spec/unknown-column", """
                        tables:
                          users:
                            columns:
                              nosuch: { cast: text }
                        """, "decant.yaml:4:7", "nosuch"),
                spec("spec/unknown-table", """
                        tables:
                          ghosts:
                            columns:
                              id: { cast: text }
                        """, "decant.yaml:2:3", "ghosts"),
                spec("spec/bad-expression", """
                        tables:
                          users:
                            columns:
                              name: { value: "name.getClass()" }
                        """, "decant.yaml:4:22", "method call is not allowed"),
                spec("spec/expression-over-unknown-column", """
                        tables:
                          users:
                            columns:
                              name: { value: "nickname + '!'" }
                        """, "decant.yaml:4:", "nickname"),
                spec("spec/unset-env-var", """
                        source: ${DECANT_CORPUS_NOT_SET_ANYWHERE}
                        """, "decant.yaml:1:9", "environment variable DECANT_CORPUS_NOT_SET_ANYWHERE is not set"),
                spec("spec/merge-cycle", """
                        tables:
                          users: { into: posts, key: id }
                          posts: { into: users, key: id }
                        """, "decant.yaml:2:", "merge cycle"),
                spec("spec/yaml-syntax-error", """
                        tables:
                          users: [unclosed
                        """, "decant.yaml:"),
                spec("spec/unknown-naming-with-suggestion", """
                        naming: snake
                        """, "decant.yaml:1:9", "did you mean 'snake_case'"),
                spec("spec/every-mistake-at-once", """
                        naming: snake
                        orphans: sometimes
                        zone: Mars/Olympus_Mons
                        tables:
                          users:
                            columns:
                              approved: { too: x, cast: booleen }
                        """, "5 problems in decant.yaml", "decant.yaml:1:9 naming", "decant.yaml:2:10 orphans", "decant.yaml:3:7 zone",
                        "decant.yaml:7:19 tables.users.columns.approved.too", "decant.yaml:7:33 tables.users.columns.approved.cast"),
                Case.of("spec/file-does-not-exist", 2, c -> {
                    PgServer.TestDb t = c.fx().freshPg("spec_missing", TARGET);
                    return Case.Invocation.of(Guard.pg(t), "migrate", "--from", "sqlite:" + app(c.dir()), "--to", c.fx().url(t),
                            "--spec", c.dir().resolve("nope.yaml").toString());
                }, "nope.yaml"));
    }

    static Path app(Path dir) {
        Path db = dir.resolve("app.db");
        Fixtures.sqlite(db, "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT, approved INTEGER, created_at TEXT, name TEXT)",
                "CREATE TABLE posts (id TEXT PRIMARY KEY, user_id TEXT REFERENCES users(id))",
                "INSERT INTO users VALUES ('u1', 'a@example.com', 1, '2024-01-01 00:00:00', 'Ada')");
        return db;
    }

    /** migrate from a small SQLite app into a PostgreSQL target holding a row, with the spec as decant.yaml. */
    private static Case spec(String name, String yaml, String... messages) {
        return Case.of(name, 2, c -> {
            Path spec = c.dir().resolve("decant.yaml");
            Files.writeString(spec, yaml);
            PgServer.TestDb t = c.fx().freshPg("spec", TARGET);
            return Case.Invocation.of(Guard.pg(t), "migrate", "--from", "sqlite:" + app(c.dir()), "--to", c.fx().url(t),
                    "--spec", spec.toString());
        }, messages);
    }
}
