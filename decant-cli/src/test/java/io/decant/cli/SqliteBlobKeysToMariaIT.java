package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BLOB keys (a SQLite app keyed by binary ids, a PostgreSQL table keyed by bytea) into MariaDB with
 * {@code --create-schema}. MySQL and MariaDB index no LONGBLOB, and a foreign key needs both ends of one
 * type, so the key and every column referencing it are created as the same VARBINARY(n), n decided by
 * plan from the data, as for TEXT keys ({@link SqliteTextKeysToMariaIT}).
 */
class SqliteBlobKeysToMariaIT {
    @TempDir
    Path dir;

    /** docs keyed by a BLOB id, with a UNIQUE BLOB hash; refs.doc_id (BLOB) references docs.id. */
    private Path app() {
        Path db = dir.resolve("blobs.db");
        SqliteFixture.exec(db,
                "CREATE TABLE docs (id BLOB PRIMARY KEY, hash BLOB UNIQUE, title TEXT)",
                "CREATE TABLE refs (n INTEGER PRIMARY KEY, doc_id BLOB NOT NULL REFERENCES docs(id))",
                "INSERT INTO docs VALUES (X'0102', X'AA', 'one'), (X'00FF10', X'BB', 'two'), (X'', NULL, 'empty')",
                "INSERT INTO refs VALUES (1, X'0102'), (2, X'00FF10'), (3, X'0102')");
        return db;
    }

    private static String blobOf(int bytes, String hexByte) {
        return "X'" + hexByte.repeat(bytes) + "'";
    }

    private static String one(String url, String sql) throws SQLException {
        try (Connection c = MariaServer.connect(name(url)); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static String columnType(String url, String table, String column) throws SQLException {
        return one(url, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + name(url)
                + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'");
    }

    private static String tables(String url) throws SQLException {
        return one(url, "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + name(url) + "'");
    }

    @Test
    void blobKeysAndTheColumnsReferencingThemBecomeOneVarbinaryAndVerifyPasses() throws Exception {
        Path app = app();
        String url = MariaServer.createDatabase("it_blobkeys");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("key column id is created as VARBINARY(255) (as docs.id, refs.doc_id,"
                + " which a foreign key joins): " + url + " indexes no unbounded bytes; its longest value now is 3 bytes"),
                plan.out());
        assertTrue(plan.out().contains("key column hash is created as VARBINARY(255): " + url + " indexes no unbounded"
                + " bytes; its longest value now is 1 byte"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("3", one(url, "SELECT count(*) FROM docs"));
        assertEquals("3", one(url, "SELECT count(*) FROM refs"));
        assertEquals("varbinary(255)", columnType(url, "docs", "id"));
        assertEquals("varbinary(255)", columnType(url, "refs", "doc_id"), "a foreign key's two ends have one type");
        assertEquals("varbinary(255)", columnType(url, "docs", "hash"));
        assertEquals("longtext", columnType(url, "docs", "title"), "a column in no key stays unbounded");
        assertEquals("1", one(url, "SELECT count(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = '"
                + name(url) + "' AND CONSTRAINT_TYPE = 'FOREIGN KEY'"), "the foreign key exists");
        assertEquals("1", one(url, "SELECT count(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = '"
                + name(url) + "' AND TABLE_NAME = 'docs' AND CONSTRAINT_TYPE = 'UNIQUE'"), "the unique hash exists");
        assertEquals("00FF10", one(url, "SELECT hex(doc_id) FROM refs WHERE n = 2"));

        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", url);
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
    }

    @Test
    void aBlobKeyLongerThanTheUsualLengthGetsItsLongestValueOnBothEnds() throws Exception {
        Path app = app();
        SqliteFixture.exec(app, "INSERT INTO docs VALUES (" + blobOf(300, "7E") + ", " + blobOf(3072, "01") + ", 'long')",
                "INSERT INTO refs VALUES (4, " + blobOf(300, "7E") + ")");
        String url = MariaServer.createDatabase("it_blobkeys_300");
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("varbinary(300)", columnType(url, "docs", "id"));
        assertEquals("varbinary(300)", columnType(url, "refs", "doc_id"));
        assertEquals("varbinary(3072)", columnType(url, "docs", "hash"), "InnoDB's whole key, and no more, is allowed");
        assertEquals("300", one(url, "SELECT length(doc_id) FROM refs WHERE n = 4"));
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", url);
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void aBlobKeyLongerThanTheTargetIndexesIsRefusedByPlanAndMigrateWritesNothing() throws Exception {
        Path app = app();
        SqliteFixture.exec(app, "INSERT INTO docs VALUES (" + blobOf(3073, "7E") + ", X'CC', 'too long')");
        String url = MariaServer.createDatabase("it_blobkeys_3073");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("key column docs.id holds a value of 3073 bytes; " + url
                + " indexes at most 3072 bytes in a key"), plan.err());
        assertTrue(plan.err().contains("create the table yourself and load without --create-schema, or leave it out"
                + " with --exclude docs"), plan.err());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("0", tables(url), "a refused run leaves nothing behind");

        // The ways out it names: leave the table out, or create it yourself (here: the id indexed by a prefix).
        Cli.Result out = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema", "--exclude", "docs");
        assertEquals(0, out.exit(), out.toString());
        assertEquals("3", one(url, "SELECT count(*) FROM refs"));

        String own = MariaServer.createDatabase("it_blobkeys_own");
        try (Connection c = MariaServer.connect(name(own)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE docs (id VARBINARY(4000) NOT NULL, hash VARBINARY(255), title LONGTEXT,"
                    + " KEY docs_id_prefix (id(255)), UNIQUE KEY docs_hash_key (hash))");
            s.execute("CREATE TABLE refs (n BIGINT PRIMARY KEY, doc_id VARBINARY(4000) NOT NULL)");
        }
        Cli.Result yours = Cli.run("migrate", "--from", "sqlite:" + app, "--to", own);
        assertEquals(0, yours.exit(), yours.toString());
        assertEquals("3073", one(own, "SELECT max(length(id)) FROM docs"));
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", own);
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void aKeyWhoseColumnsTogetherPassTheTargetsKeyIsRefusedByPlanBeforeAnyTableIsCreated() throws Exception {
        Path app = app();
        SqliteFixture.exec(app,
                "CREATE TABLE pairs (a BLOB, b BLOB, PRIMARY KEY (a, b))",
                "INSERT INTO pairs VALUES (" + blobOf(2000, "01") + ", " + blobOf(1500, "02") + ")",
                "CREATE TABLE labels (name TEXT, tag BLOB, UNIQUE (name, tag))",
                "INSERT INTO labels VALUES ('" + "n".repeat(600) + "', " + blobOf(700, "03") + ")");
        String url = MariaServer.createDatabase("it_blobkeys_wide");
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("key [a, b] of pairs is created as 3500 bytes in all; " + url
                + " indexes at most 3072 bytes in one key"), plan.err());
        assertTrue(plan.err().contains("key [name, tag] of labels is created as 3100 bytes in all (text counted at 4"
                + " bytes a character); " + url + " indexes at most 3072 bytes in one key"), plan.err());

        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("0", tables(url), "a refused run leaves nothing behind");
        Cli.Result out = Cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--create-schema",
                "--exclude", "pairs,labels");
        assertEquals(0, out.exit(), out.toString());
    }

    @Test
    void postgresByteaKeysBecomeOneVarbinaryAndVerifyPasses() throws Exception {
        PgServer.TestDb pg = PgServer.get().createDatabase("it_bytea_keys");
        pg.exec("CREATE TABLE files (digest bytea PRIMARY KEY, name text)");
        pg.exec("CREATE TABLE chunks (id int PRIMARY KEY, file_digest bytea NOT NULL REFERENCES files (digest))");
        pg.exec("INSERT INTO files VALUES (decode(repeat('ab', 400), 'hex'), 'big'), ('\\x01'::bytea, 'small')");
        pg.exec("INSERT INTO chunks VALUES (1, decode(repeat('ab', 400), 'hex')), (2, '\\x01'::bytea)");
        String url = MariaServer.createDatabase("it_bytea_keys");
        Cli.Result r = Cli.run("migrate", "--from", pg.url(), "--to", url, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("varbinary(400)", columnType(url, "files", "digest"));
        assertEquals("varbinary(400)", columnType(url, "chunks", "file_digest"));
        assertEquals("1", one(url, "SELECT count(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = '"
                + name(url) + "' AND CONSTRAINT_TYPE = 'FOREIGN KEY'"), "the foreign key exists");
        Cli.Result v = Cli.run("verify", "--from", pg.url(), "--to", url);
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
    }
}
