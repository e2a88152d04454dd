package io.decant.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Id mapping files (spec {@code ids: strategy: file}) that are malformed, hold duplicates or have
 * their two id fields swapped: decant refuses before loading anything, naming the file, the line and
 * the entry. One good file first, to show the setup itself works.
 */
final class MappingCases {
    private MappingCases() {
    }

    static final String TARGET = """
            CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL);
            CREATE TABLE posts (id int PRIMARY KEY, user_id uuid REFERENCES users, title text);
            """;
    static final String NEW1 = "0190c5a4-0000-7000-8000-000000000001";
    static final String NEW2 = "0190c5a4-0000-7000-8000-000000000002";
    static final String GOOD = """
            {
              "generatedAt": "2026-01-01T00:00:00Z",
              "retainUntil": "2026-04-01T00:00:00Z",
              "mappings": [
                {"supabaseUserId": "u1", "stackAuthUserId": "%s", "email": "a@example.com"},
                {"supabaseUserId": "u2", "stackAuthUserId": "%s", "email": "b@example.com"}
              ]
            }
            """.formatted(NEW1, NEW2);

    static List<Case> cases() {
        return List.of(
                Case.of("mapping/good-file-loads", 0, c -> {
                    PgServer.TestDb t = c.fx().freshPg("map_good", TARGET);
                    c.bag().put("db", t);
                    return invocation(c, GOOD, t, Guard.NONE);
                }).then((c, r) -> assertEquals(NEW2, Fixtures.one((PgServer.TestDb) c.bag().get("db"),
                        "SELECT user_id FROM posts WHERE id = 2"))),
                bad("mapping/same-old-id-twice", 3, GOOD.replace("\"u2\"", "\"u1\""), "user-ids.json", "line 6", "appears again"),
                bad("mapping/two-old-ids-one-new-id", 3, GOOD.replace(NEW2, NEW1), "user-ids.json", "line 6",
                        "two old ids cannot become one"),
                bad("mapping/id-fields-swapped", 3, GOOD.replace("\"supabaseUserId\": \"u1\", \"stackAuthUserId\": \"" + NEW1 + "\"",
                                "\"stackAuthUserId\": \"" + NEW1 + "\", \"supabaseUserId\": \"u1\"")
                        .replace("\"supabaseUserId\": \"u2\", \"stackAuthUserId\": \"" + NEW2 + "\"",
                                "\"stackAuthUserId\": \"" + NEW2 + "\", \"supabaseUserId\": \"u2\""), "user-ids.json", "swapped"),
                bad("mapping/malformed-json", 3, GOOD.substring(0, GOOD.indexOf("{\"supabaseUserId\": \"u2\"")), "user-ids.json",
                        "not valid JSON"),
                bad("mapping/duplicate-key-in-an-entry", 3, GOOD.replace("\"email\": \"b@example.com\"",
                        "\"email\": \"b@example.com\", \"email\": \"c@example.com\""), "user-ids.json", "line 6"),
                bad("mapping/new-id-not-a-uuid", 3, GOOD.replace(NEW2, "not-a-uuid"), "user-ids.json", "line 6", "not-a-uuid"),
                bad("mapping/count-says-more-than-entries", 3, """
                        {"format": "decant.ids/1", "generatedAt": "2026-01-01T00:00:00Z", "retainUntil": "2026-04-01T00:00:00Z",
                         "tables": {"users": {"strategy": "file", "key": "id", "oldType": "text", "newType": "uuid", "count": 3,
                           "entries": [{"old": "u1", "new": "%s"}, {"old": "u2", "new": "%s"}]}}}
                        """.formatted(NEW1, NEW2), "user-ids.json", "count says 3 but there are 2 entries"),
                Case.of("mapping/file-does-not-exist", 4, c -> {
                    PgServer.TestDb t = c.fx().freshPg("map", TARGET);
                    return invocation(c, null, t, Guard.pg(t));
                }, "user-ids.json", "does not exist"));
    }

    private static Case bad(String name, int exit, String mapping, String... messages) {
        return Case.of(name, exit, c -> {
            PgServer.TestDb t = c.fx().freshPg("map", TARGET);
            return invocation(c, mapping, t, Guard.pg(t));
        }, messages);
    }

    /** users u1, u2 and their posts in SQLite; the spec maps users.id through the file; --mapping records the result. */
    private static Case.Invocation invocation(Case.Ctx c, String mapping, PgServer.TestDb target, Guard guard) throws Exception {
        Path db = c.dir().resolve("app.db");
        Fixtures.sqlite(db, "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL)",
                "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id TEXT REFERENCES users(id), title TEXT)",
                "INSERT INTO users VALUES ('u1', 'a@example.com'), ('u2', 'b@example.com')",
                "INSERT INTO posts VALUES (1, 'u1', 'first'), (2, 'u2', 'second')");
        Path file = c.dir().resolve("user-ids.json");
        if (mapping != null) {
            Files.writeString(file, mapping);
        }
        Path spec = c.dir().resolve("decant.yaml");
        Files.writeString(spec, """
                ids:
                  users:
                    strategy: file
                    file: %s
                """.formatted(file));
        return Case.Invocation.of(guard, "migrate", "--from", "sqlite:" + db, "--to", c.fx().url(target), "--spec", spec.toString(),
                "--mapping", c.dir().resolve("out-mapping.json").toString());
    }
}
