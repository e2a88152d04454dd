package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL scripts as a source: SQLite runs them, decant reads the result as any SQLite file. */
class ScriptSourceIT {
    @TempDir
    Path tmp;

    private final SqliteDialect dialect = new SqliteDialect();

    /**
     * Modelled on what wrangler d1 export writes (the sqlite_sequence CREATE, the trailing COMMIT
     * without BEGIN, Cloudflare's _cf_KV table) and on sqlite3 .dump's literal forms, plus what
     * neither writes but seed scripts do: DROP TABLE IF EXISTS, UPDATE, functions, views, triggers.
     */
    static final String DUMP = """
            PRAGMA defer_foreign_keys=TRUE;
            DROP TABLE IF EXISTS "Users";
            CREATE TABLE sqlite_sequence(name,seq);
            CREATE TABLE _cf_KV (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
            INSERT INTO "_cf_KV" VALUES('a;b',X'00');
            CREATE TABLE "Users" (
              "id" INTEGER PRIMARY KEY AUTOINCREMENT,
              `email` VARCHAR(255) NOT NULL UNIQUE,
              [display name] TEXT, -- a comment; with a semicolon
              balance NUMERIC(10, 2) DEFAULT 0,
              score REAL,
              big BIGINT,
              active BOOLEAN NOT NULL DEFAULT 1,
              avatar BLOB,
              meta JSON,
              created_at DATETIME,
              manager_id INTEGER REFERENCES "Users"(id) ON DELETE SET NULL
            );
            CREATE TABLE posts (id TEXT NOT NULL PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES "Users"(id), slug TEXT, body TEXT);
            CREATE INDEX idx_posts_author ON posts (author_id DESC);
            INSERT INTO "Users" VALUES(1,'ann@example.com','Ann O''Neil',12.5,1.5,9007199254740993,1,X'0AFF','{"a":[1,2]}','2024-02-29 23:59:59.123',NULL);
            INSERT INTO "Users" VALUES(2,'BOB@example.com','two
            lines; and a semicolon',-0.1,9.0e+999,-9223372036854775808,0,X'',NULL,NULL,1),
              (3,'cy@example.com',replace(replace('a\\nb\\rc','\\n',char(10)),'\\r',char(13)),0,-9.0e+999,9223372036854775807,1,NULL,NULL,NULL,1);
            UPDATE "Users" SET email = lower(email) WHERE id = 2;
            INSERT INTO posts VALUES('p1',1,'hello','It''s ''quoted''; -- not a comment');
            INSERT INTO posts VALUES('p2',1,NULL,'x' || char(0) || 'y');
            CREATE VIEW v AS SELECT 1;
            CREATE TRIGGER t AFTER INSERT ON posts BEGIN UPDATE posts SET slug = 'x;y' WHERE id = new.id; END;
            INSERT INTO posts VALUES('p3',2,NULL,'fired');
            DELETE FROM sqlite_sequence;
            INSERT INTO sqlite_sequence VALUES('Users',3);
            COMMIT;
            """;

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Table table(SourceDatabase source, String name) {
        return source.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aDumpRunsAsSqliteRunsIt() throws Exception {
        Path file = write("export.sql", DUMP);
        assertTrue(dialect.accepts("d1sql:" + file));
        assertTrue(dialect.accepts(file.toString()));
        try (SourceDatabase source = dialect.openSource("d1sql:" + file, OpenOptions.DEFAULT)) {
            assertEquals("d1sql:" + file, source.displayUrl());
            assertTrue(source.serverVersion().startsWith("SQLite 3."), source.serverVersion());
            Table users = table(source, "Users");
            assertEquals(LogicalType.decimal(10, 2), users.column("balance").type());
            assertEquals(LogicalType.BOOLEAN, users.column("active").type());
            assertEquals(List.of("id"), users.primaryKey());
            List<Object[]> rows = TestDb.readAll(source, users, users.columns());
            assertEquals(3, rows.size());
            Object[] ann = rows.get(0);
            assertEquals("Ann O'Neil", ann[2]);
            assertEquals(new BigDecimal("12.50"), ann[3]);
            assertEquals(9007199254740993L, ann[5]);
            assertEquals(true, ann[6]);
            assertEquals(Bytes.wrap(new byte[] {0x0a, (byte) 0xff}), ann[7]);
            assertEquals(JsonText.trusted("{\"a\":[1,2]}"), ann[8]);
            assertEquals(LocalDateTime.parse("2024-02-29T23:59:59.123"), ann[9]);
            assertEquals("bob@example.com", rows.get(1)[1], "the UPDATE ran");
            assertEquals("two\nlines; and a semicolon", rows.get(1)[2]);
            assertEquals(Double.POSITIVE_INFINITY, rows.get(1)[4]);
            assertEquals(Long.MIN_VALUE, rows.get(1)[5]);
            assertEquals("a\nb\rc", rows.get(2)[2]);
            Table posts = table(source, "posts");
            List<Object[]> p = TestDb.readAll(source, posts, posts.columns());
            assertArrayEquals(new Object[] {"p1", 1L, "hello", "It's 'quoted'; -- not a comment"}, p.get(0));
            assertEquals("x\0y", p.get(1)[3]);
            assertArrayEquals(new Object[] {"p3", 2L, "x;y", "fired"}, p.get(2), "the trigger fired as in SQLite");
            List<String> notes = source.checkNotes();
            assertTrue(notes.contains("export.sql line 3: 'CREATE TABLE sqlite_sequence(name,seq);' skipped: SQLite keeps its"
                    + " internal tables (sqlite_sequence, sqlite_stat1) itself"), notes.toString());
            assertTrue(notes.contains("export.sql line 33: 'COMMIT;' skipped: no transaction was open"), notes.toString());
            assertFalse(source.tables().stream().anyMatch(t -> t.name().equals("v")), "views are not tables");
        }
    }

    @Test
    void theTemporaryDatabaseIsPrivateAndGoneAfterClose() throws Exception {
        Path file = write("seed.sql", "CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT); INSERT INTO t(s) VALUES('secret');");
        Path db;
        try (SourceDatabase source = dialect.openSource(file.toString(), OpenOptions.DEFAULT)) {
            db = ((ScriptSource) source).file();
            assertTrue(Files.exists(db));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db.getParent())));
            assertEquals(1, source.countRows(table(source, "t")));
        }
        assertFalse(Files.exists(db.getParent()), "deleted on close");
    }

    private DecantException refused(String name, String script) throws Exception {
        Path file = write(name, script);
        return assertThrows(DecantException.class, () -> dialect.openSource("d1sql:" + file, OpenOptions.DEFAULT).close());
    }

    @Test
    void aStatementSqliteRefusesIsNamedByLine() throws Exception {
        DecantException e = refused("bad.sql", "CREATE TABLE t(id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES(1);\n\nINSERT INTO t VALUES(1);\n");
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
        assertEquals("[FILE_CORRUPT] (bad.sql line 4): SQLite refused the statement 'INSERT INTO t VALUES(1);': UNIQUE constraint"
                + " failed: t.id (SQLITE_CONSTRAINT_PRIMARYKEY); the script must run in sqlite3 as it is (try: sqlite3"
                + " /tmp/check.db < bad.sql)", e.getMessage());
        assertTrue(refused("syntax.sql", "SELECT 1;\nINSERT INTO t VALUES(1, 'a' 'b');").getMessage()
                .startsWith("[FILE_CORRUPT] (syntax.sql line 2): SQLite refused the statement"));
    }

    @Test
    void otherDatabasesDumpsAndShellCommandsAreNamed() throws Exception {
        DecantException pg = refused("pg.sql", "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n");
        assertEquals(ErrorCode.USAGE, pg.code());
        assertTrue(pg.getMessage().contains("this is a pg_dump file (PostgreSQL's SQL), not a SQLite script: load it into a"
                + " PostgreSQL database (psql -d DB -f " + tmp.resolve("pg.sql") + ") and migrate from that database with"
                + " --from postgres://USER@HOST/DB"), pg.getMessage());
        assertTrue(refused("custom.sql", "PGDMP\u0001\u000e\u0000").getMessage().contains("pg_restore -d DB "));
        assertTrue(refused("my.sql", "-- MariaDB dump 10.19\n/*!40101 SET NAMES utf8mb4 */;\n").getMessage()
                .contains("this is a mysqldump file"));
        assertEquals("[FILE_CORRUPT] (shell.sql line 2): '.mode csv' is a command of the sqlite3 shell, not SQL; run the script"
                + " with sqlite3 into a database file and migrate from that file (sqlite3 app.db < shell.sql), or remove the line",
                refused("shell.sql", "CREATE TABLE t(a);\n.mode csv\n").getMessage());
    }

    @Test
    void aTransactionNeverCommittedIsACutOffFile() throws Exception {
        assertEquals("[FILE_CORRUPT] (cut.sql line 2): the transaction the script opens at line 2 is never committed: the file"
                + " may be cut off (sqlite3 would roll it back and keep none of its rows); export it again, or end it with COMMIT;",
                refused("cut.sql", "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t(a);\nINSERT INTO t VALUES(1);\n")
                        .getMessage());
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() throws Exception {
        Path file = tmp.resolve("latin1.sql");
        Files.write(file, "CREATE TABLE t(s TEXT); INSERT INTO t VALUES('caf\u00e9');".getBytes(StandardCharsets.ISO_8859_1));
        DecantException e = assertThrows(DecantException.class, () -> dialect.openSource("d1sql:" + file, OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains("not valid UTF-8") && e.getMessage().contains("iconv"), e.getMessage());
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreNoPartOfTheSql() throws Exception {
        Path file = tmp.resolve("bom.sql");
        Files.writeString(file, "\uFEFFCREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT);\r\nINSERT INTO t VALUES(1, 'a\r\nb');\r\n");
        try (SourceDatabase source = dialect.openSource("d1sql:" + file, OpenOptions.DEFAULT)) {
            Table t = table(source, "t");
            assertArrayEquals(new Object[] {1L, "a\r\nb"}, TestDb.readAll(source, t, t.columns()).get(0));
        }
    }

    /** sqlite3 runs a pragma outside any transaction but the script's own: foreign_keys=ON then cascades a DELETE. */
    @Test
    void aPragmaTakesEffectAsInSqlite3() throws Exception {
        Path file = write("cascade.sql", """
                CREATE TABLE p (id INTEGER PRIMARY KEY);
                CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id) ON DELETE CASCADE);
                INSERT INTO p VALUES (1), (2);
                INSERT INTO c VALUES (10, 1), (11, 1), (12, 2);
                PRAGMA foreign_keys=ON;
                DELETE FROM p WHERE id = 1;
                """);
        try (SourceDatabase source = dialect.openSource("d1sql:" + file, OpenOptions.DEFAULT)) {
            assertEquals(1, source.countRows(table(source, "c")), "the DELETE cascaded, as sqlite3 < cascade.sql does");
        }
    }

    @Test
    void aScriptIsNeverATarget() {
        DecantException e = assertThrows(DecantException.class, () -> dialect.openTarget("d1sql:out.sql", OpenOptions.DEFAULT));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("name a .db file (sqlite:out.db)"), e.getMessage());
    }

    @Test
    void aMissingScriptNamesTheFolderSearched() {
        DecantException e = assertThrows(DecantException.class, () -> dialect.openSource("d1sql:nosuch/x.sql", OpenOptions.DEFAULT));
        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertTrue(e.getMessage().contains("(looked for " + Path.of("nosuch/x.sql").toAbsolutePath() + ")"), e.getMessage());
    }

    private static boolean onPath(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** What sqlite3 .dump writes reads back as the values that were stored. */
    @Test
    void roundTripThroughTheSqlite3Cli() throws Exception {
        io.decant.testkit.Services.assume(onPath("sqlite3"), "sqlite3 is not installed; apt-get install sqlite3 to run this test");
        Path db = tmp.resolve("app.db");
        TestDb.exec(db, "CREATE TABLE \"org units\"(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,"
                        + " parent INTEGER REFERENCES \"org units\"(id))",
                "CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT, r REAL, b BLOB, n NUMERIC)",
                "INSERT INTO \"org units\"(name, parent) VALUES('root', NULL), ('child', 1)",
                "INSERT INTO t VALUES(1, 'line1' || char(10) || 'x', 1e999, X'00FF10', 12.5)",
                "INSERT INTO t VALUES(2, 'tab' || char(9) || 'é€𝄞', 0.1, X'', 9223372036854775807)",
                "CREATE TRIGGER trg AFTER DELETE ON t BEGIN SELECT 1; END",
                "CREATE VIEW names AS SELECT name FROM \"org units\"");
        Process p = new ProcessBuilder("sqlite3", db.toString(), ".dump").redirectErrorStream(true).start();
        byte[] dump = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(dump, StandardCharsets.UTF_8));
        Path file = tmp.resolve("dump.sql");
        Files.write(file, dump);
        try (SourceDatabase source = dialect.openSource("d1sql:" + file, OpenOptions.DEFAULT);
             SourceDatabase original = TestDb.source(db)) {
            for (String name : List.of("org units", "t")) {
                Table t = table(source, name);
                assertEquals(table(original, name), t);
                List<Object[]> a = TestDb.readAll(original, table(original, name), t.columns());
                List<Object[]> b = TestDb.readAll(source, t, t.columns());
                assertEquals(a.size(), b.size());
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i), b.get(i), name + " row " + i);
                }
            }
        }
    }
}
