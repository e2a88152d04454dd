package io.decant.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Some of {@link ValueCases} again with {@code --on-error reject}: the rows PostgreSQL refuses during
 * the COPY (a duplicate key, a missing parent, NULL into NOT NULL) are set aside in
 * {@code rejects/notes.jsonl} with the SQLState and the row's key, as are rows the plan's conversions
 * refuse; the other rows load, and the run exits 3. The target changes on purpose here, so the check is what arrived rather than a guard.
 */
final class RejectCases {
    private RejectCases() {
    }

    static List<Case> cases() {
        return List.of(
                reject("reject/pk-violation-into-non-empty-target", "\"id\":13", "\"id\":1", "id=1", "SQLState 23505"),
                reject("reject/same-key-twice-in-the-file", "\"id\":13", "\"id\":12", "id=12", "SQLState 23505"),
                reject("reject/parent-row-missing", "\"account_id\":3", "\"account_id\":99", "id=13", "SQLState 23503"),
                reject("reject/null-into-not-null", "\"account_id\":3", "\"account_id\":null", "id=13", "SQLState 23502"),
                // the plan knows varchar(3): the row is set aside before the COPY, by the same rule as without rejects
                reject("reject/varchar-3-too-long", "\"code\":\"abc\"", "\"code\":\"abcd\"", "id=10", "text(3): at most 3 characters"));
    }

    /** Imports notes (10..13) with one value edited into the narrow target (which holds note 1): that row is refused. */
    private static Case reject(String name, String from, String to, String key, String reason) {
        return Case.of(name, 3, c -> {
            Folder f = c.fx().jsonlCopy(c.dir()).replace("notes.jsonl", from, to);
            PgServer.TestDb narrow = c.fx().narrow();
            c.bag().put("db", narrow);
            return Case.Invocation.of(Guard.NONE, "import", "--in", f.toString(), "--to", c.fx().url(narrow),
                    "--tables", "notes", "--on-error", "reject", "--rejects", c.dir().resolve("rejects").toString());
        }, "[ROWS_REJECTED] 1 row(s) were rejected", "1 rows rejected").then((c, r) -> {
            Path file = c.dir().resolve("rejects").resolve("notes.jsonl");
            List<String> lines = Files.readAllLines(file);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("\"key\":\"" + key + "\"") && lines.get(0).contains(reason),
                    lines.get(0));
            PgServer.TestDb db = (PgServer.TestDb) c.bag().get("db");
            assertEquals("4", Fixtures.one(db, "SELECT count(*) FROM notes"), "note 1 and the three good rows");
            assertEquals("already here", Fixtures.one(db, "SELECT body FROM notes WHERE id = 1"));
        });
    }
}
