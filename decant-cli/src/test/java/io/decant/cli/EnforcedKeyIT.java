package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify's duplicates check of a key the target PostgreSQL keeps unique itself passes on the strength
 * of the constraint, which it names, without counting rows (and so does the NULL check of a NOT NULL column); a unique index that does not hold (left
 * invalid by a CREATE UNIQUE INDEX CONCURRENTLY that met a duplicate) proves nothing, so its key is
 * counted row by row and the duplicate named, as before.
 */
class EnforcedKeyIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aConstraintIsTheProofAndAnInvalidUniqueIndexIsNot() throws Exception {
        PgServer.TestDb source = PgServer.get().createDatabase("it_enforced_src");
        PgServer.TestDb target = PgServer.get().createDatabase("it_enforced_dst");
        exec(source.jdbcUrl(), "CREATE TABLE items (id bigint PRIMARY KEY, n bigint, code text NOT NULL)",
                "INSERT INTO items VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c')");
        Cli.Result m = Cli.run("migrate", "--from", source.url(), "--to", target.url(), "--create-schema");
        assertEquals(0, m.exit(), m.toString());

        Map<String, JsonNode> ok = checks(Cli.run("verify", "--from", source.url(), "--to", target.url(), "--output", "json"), 0);
        JsonNode pk = ok.get("items (id) unique, enforced by the target's items_pkey");
        assertTrue(pk != null, "the primary key's check names the constraint: " + ok.keySet());
        assertEquals("PASS", pk.get("status").asText());
        JsonNode code = ok.get("items.code NOT NULL, enforced by the target's NOT NULL constraint");
        assertTrue(code != null, "the NULL check of a NOT NULL column names the constraint: " + ok.keySet());
        assertEquals("PASS", code.get("status").asText());

        // A duplicate of n, and a unique index over n that PostgreSQL leaves invalid because of it.
        exec(target.jdbcUrl(), "INSERT INTO items VALUES (4, 20, 'd')");
        try {
            exec(target.jdbcUrl(), "CREATE UNIQUE INDEX CONCURRENTLY items_n_key ON items (n)");
            throw new AssertionError("the index was built over a duplicate");
        } catch (SQLException expected) {
            // 23505: the index stays, invalid
        }
        Map<String, JsonNode> bad = checks(Cli.run("verify", "--from", source.url(), "--to", target.url(), "--output", "json"), 1);
        JsonNode n = bad.get("items (n) unique");
        assertTrue(n != null, "an invalid index is no proof: its key is counted: " + bad.keySet());
        assertEquals("FAIL", n.get("status").asText());
        assertEquals(1, n.get("count").asLong());
        assertEquals("[\"n=20: 2 rows: id=2; id=4\"]", n.get("examples").toString());
        assertEquals("PASS", bad.get("items (id) unique, enforced by the target's items_pkey").get("status").asText());
    }

    private static Map<String, JsonNode> checks(Cli.Result r, int exit) throws Exception {
        assertEquals(exit, r.exit(), r.toString());
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode c : JSON.readTree(r.out()).get("integrity")) {
            out.put(c.get("subject").asText(), c);
        }
        return out;
    }

    private static void exec(String jdbcUrl, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
