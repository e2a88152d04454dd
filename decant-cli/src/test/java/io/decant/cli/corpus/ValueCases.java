package io.decant.cli.corpus;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;

/**
 * Values the target cannot hold (out of range, too long, too precise, NUL in PostgreSQL text, NaN
 * in MariaDB), duplicate keys and missing parents, and a foreign-key cycle: the table stops, the
 * message names table, column, row key, value and rule, and the target keeps what it had.
 */
final class ValueCases {
    private ValueCases() {
    }

    static final String CYCLE = """
            CREATE TABLE teams (id int PRIMARY KEY, captain_id int);
            CREATE TABLE players (id int PRIMARY KEY, team_id int REFERENCES teams);
            ALTER TABLE teams ADD FOREIGN KEY (captain_id) REFERENCES players;
            """;

    static List<Case> cases() {
        return List.of(
                edit("value/int-overflow-into-smallint", "\"qty\":3", "\"qty\":40000", "notes.qty", "id=12", "40000"),
                edit("value/numeric-5-2-overflow", "\"amount\":\"999.99\"", "\"amount\":\"1000.00\"", "notes.amount", "id=12", "1000.00"),
                edit("value/varchar-3-too-long", "\"code\":\"abc\"", "\"code\":\"abcd\"", "notes.code", "id=10", "abcd"),
                edit("value/timestamp-nanoseconds-into-pg", "\"at\":\"2024-01-01T00:00:00\"", "\"at\":\"2024-01-01T00:00:00.123456789\"",
                        "notes.at", "id=13"),
                edit("value/impossible-date", "\"at\":\"2024-01-01T00:00:00\"", "\"at\":\"2023-02-29T00:00:00\"", "notes.at", "line 4"),
                edit("value/decimal-scale-beyond-declared", "\"amount\":\"1.25\"", "\"amount\":\"1.255\"", "notes.amount", "id=10", "1.255"),
                edit("value/escaped-nul-into-pg-text", "\"hello\"", "\"hel\\u0000lo\"", "notes.body", "id=10"),
                edit("value/null-into-not-null", "\"account_id\":3", "\"account_id\":null", "notes.account_id", "id=13"),
                edit("value/database-messages-do-not-follow-the-jvm-locale", "\"id\":13", "\"id\":1", "notes", "id=1", "Key (id)=(1)")
                        .then((c, r) -> assertFalse(r.err().contains("Ayrıntı"), "the driver's labels follow the JVM locale: " + r.err())),
                edit("dup/parent-row-missing", "\"account_id\":3", "\"account_id\":99", "notes", "account_id", "99"),
                edit("dup/pk-violation-into-non-empty-target", "\"id\":13", "\"id\":1", "notes", "id=1", "CONSTRAINT_VIOLATION"),
                edit("dup/same-key-twice-in-the-file", "\"id\":13", "\"id\":12", "notes", "id=12", "CONSTRAINT_VIOLATION"),
                Case.of("value/sqlite-text-with-nul-into-pg", 3, c -> {
                    Path db = c.dir().resolve("app.db");
                    Fixtures.sqlite(db, "CREATE TABLE memos (id INTEGER PRIMARY KEY, body TEXT)",
                            "INSERT INTO memos VALUES (1, 'fine')", "INSERT INTO memos VALUES (2, CAST(X'610062' AS TEXT))");
                    PgServer.TestDb t = c.fx().freshPg("nul", "CREATE TABLE memos (id int PRIMARY KEY, body text)");
                    return Case.Invocation.of(Guard.pg(t), "migrate", "--from", "sqlite:" + db, "--to", c.fx().url(t));
                }, "memos.body", "id=2"),
                Case.of("value/sqlite-integer-into-smallint", 3, c -> {
                    Path db = c.dir().resolve("app.db");
                    Fixtures.sqlite(db, "CREATE TABLE counters (id INTEGER PRIMARY KEY, hits INTEGER)",
                            "INSERT INTO counters VALUES (1, 5)", "INSERT INTO counters VALUES (2, 70000)");
                    PgServer.TestDb t = c.fx().freshPg("small", "CREATE TABLE counters (id int PRIMARY KEY, hits smallint)");
                    return Case.Invocation.of(Guard.pg(t), "migrate", "--from", "sqlite:" + db, "--to", c.fx().url(t));
                }, "counters.hits", "id=2", "70000"),
                Case.of("value/nan-into-mariadb-double", 3, c -> {
                    String url = MariaServer.createDatabase("corpus_nan");
                    String name = url.substring(url.lastIndexOf('/') + 1);
                    try (var conn = MariaServer.connect(name); var s = conn.createStatement()) {
                        s.execute("CREATE TABLE readings (id INT PRIMARY KEY, value DOUBLE)");
                        s.execute("INSERT INTO readings VALUES (100, 1.5)");
                    }
                    PgServer.TestDb src = c.fx().freshPg("nan_src", "CREATE TABLE readings (id int PRIMARY KEY, value float8);"
                            + " INSERT INTO readings VALUES (1, 2.5), (2, 'NaN');");
                    return Case.Invocation.of(Guard.maria(MariaServer.jdbcUrl(name)), "migrate", "--from", c.fx().url(src), "--to", url);
                }, "readings.value", "id=2", "NaN"),
                Case.of("fk/cycle-without-deferrable-constraints", 2, c -> {
                    PgServer.TestDb src = c.fx().freshPg("cycle_src", CYCLE
                            + "INSERT INTO teams VALUES (1, NULL); INSERT INTO players VALUES (7, 1); UPDATE teams SET captain_id = 7;");
                    PgServer.TestDb dst = c.fx().freshPg("cycle_dst", CYCLE);
                    return Case.Invocation.of(Guard.pg(dst), "migrate", "--from", c.fx().url(src), "--to", c.fx().url(dst));
                }, "teams", "players", "--disable-fk"));
    }

    /** Edits one value of notes.jsonl (manifest resealed) and imports notes into the narrow target. */
    private static Case edit(String name, String from, String to, String... messages) {
        return Case.of(name, 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir()).replace("notes.jsonl", from, to)), messages);
    }
}
