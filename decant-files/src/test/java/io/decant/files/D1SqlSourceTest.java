package io.decant.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class D1SqlSourceTest {
    @TempDir
    Path tmp;

    /** Modelled on wrangler d1 export's output, with every literal form it and sqlite3 .dump write. */
    static final String DUMP = """
            PRAGMA defer_foreign_keys=TRUE;
            CREATE TABLE d1_migrations(
            \t\tid         INTEGER PRIMARY KEY AUTOINCREMENT,
            \t\tname       TEXT UNIQUE,
            \t\tapplied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
            );
            INSERT INTO "d1_migrations" ("id","name","applied_at") VALUES(1,'0001_init.sql','2025-01-02 03:04:05');
            CREATE TABLE sqlite_sequence(name,seq);
            INSERT INTO "sqlite_sequence" ("name","seq") VALUES('d1_migrations',1);
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
              manager_id INTEGER REFERENCES "Users"(id) ON DELETE SET NULL,
              anything,
              CHECK (balance >= 0)
            );
            CREATE TABLE posts (
              id TEXT NOT NULL,
              author_id INTEGER NOT NULL,
              slug TEXT,
              body TEXT,
              PRIMARY KEY (id),
              CONSTRAINT posts_slug UNIQUE (author_id, slug),
              FOREIGN KEY (author_id) REFERENCES users ON DELETE CASCADE ON UPDATE NO ACTION
            );
            CREATE INDEX idx_posts_author ON posts (author_id DESC);
            CREATE INDEX idx_lower ON posts (lower(slug));
            CREATE UNIQUE INDEX idx_users_name ON "Users"("display name" COLLATE NOCASE);
            INSERT INTO "Users" ("id","email","display name","balance","score","big","active","avatar","meta","created_at","manager_id","anything") VALUES(1,'ann@example.com','Ann O''Neil',12.5,1.5,9007199254740993,1,X'0AFF','{"a":[1,2]}','2024-02-29 23:59:59.123',NULL,1);
            INSERT INTO "Users" ("id","email","display name","balance","score","big","active","avatar","meta","created_at","manager_id","anything") VALUES(2,'bob@example.com','two
            lines; and a semicolon',-0.1,9.0e+999,-9223372036854775808,0,X'',NULL,NULL,1,2),
              (3,'cy@example.com',replace(replace('a\\nb\\rc','\\n',char(10)),'\\r',char(13)),0,-9.0e+999,9223372036854775807,1,NULL,NULL,NULL,1,-3);
            INSERT INTO "Users" VALUES(4,'dee@example.com',unistr('tab\\0009nul\\u0000end'),1e2,-0.0,-5,0,NULL,'[]','2024-01-01T00:00:00',3,0x10);
            INSERT INTO posts VALUES('p1',1,'hello','It''s ''quoted''; -- not a comment');
            INSERT INTO posts VALUES('p2',1,NULL,'x' || char(0) || 'y');
            CREATE VIEW v AS SELECT 1; 
            CREATE TRIGGER t AFTER INSERT ON posts BEGIN UPDATE posts SET slug = 'x;y'; END;
            DELETE FROM sqlite_sequence;
            INSERT INTO sqlite_sequence VALUES('Users',4);
            COMMIT;
            """;

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aWranglerDumpIsReadWithItsDeclaredSchema() throws Exception {
        Path file = write("export.sql", DUMP);
        assertTrue(Fixtures.DIALECT.accepts("d1sql:" + file));
        try (SourceDatabase source = Fixtures.DIALECT.openSource("d1sql:" + file, OpenOptions.DEFAULT)) {
            List<Table> tables = source.tables();
            assertEquals(List.of("d1_migrations", "Users", "posts"), tables.stream().map(Table::name).toList());
            Table users = tables.get(1);
            assertEquals(new Column("id", "INTEGER", LogicalType.INT64, false, Column.Identity.BY_DEFAULT), users.column("id"));
            assertEquals(new Column("email", "VARCHAR(255)", LogicalType.text(255), false, Column.Identity.NONE), users.column("email"));
            assertEquals(LogicalType.TEXT, users.column("display name").type());
            assertEquals(LogicalType.decimal(10, 2), users.column("balance").type());
            assertEquals("NUMERIC(10,2)", users.column("balance").sourceType());
            assertEquals(LogicalType.FLOAT64, users.column("score").type());
            assertEquals(LogicalType.INT64, users.column("big").type());
            assertEquals(new Column("active", "BOOLEAN", LogicalType.BOOLEAN, false, Column.Identity.NONE), users.column("active"));
            assertEquals(LogicalType.BYTES, users.column("avatar").type());
            assertEquals(LogicalType.JSON, users.column("meta").type());
            assertEquals(LogicalType.TIMESTAMP, users.column("created_at").type());
            assertEquals(LogicalType.INT64, users.column("anything").type(), "untyped, integers only");
            assertEquals(List.of("id"), users.primaryKey());
            assertEquals(List.of(new Index("Users_email_key", List.of("email"), true, true),
                    new Index("idx_users_name", List.of("display name"), true, false)), users.indexes());
            assertEquals(List.of(new ForeignKey("Users_manager_id_fkey", List.of("manager_id"), TableId.of("Users"), List.of("id"),
                    false, "SET NULL", null)), users.foreignKeys(), "self-reference");
            assertEquals(4, source.countRows(users));

            Table posts = tables.get(2);
            assertEquals(List.of("id"), posts.primaryKey());
            assertFalse(posts.column("id").nullable());
            assertEquals(List.of(new Index("idx_posts_author", List.of("author_id"), false, false),
                    new Index("posts_author_id_slug_key", List.of("author_id", "slug"), true, true)), posts.indexes());
            assertEquals(List.of(new ForeignKey("posts_author_id_fkey", List.of("author_id"), TableId.of("Users"), List.of("id"),
                    false, "CASCADE", null)), posts.foreignKeys(), "REFERENCES without columns: the parent's key, case-insensitively");

            List<Object[]> rows = Fixtures.readAll(source, users);
            assertEquals(4, rows.size());
            Object[] ann = rows.get(0);
            assertEquals(1L, ann[0]);
            assertEquals("Ann O'Neil", ann[2]);
            assertEquals(new BigDecimal("12.50"), ann[3]);
            assertEquals(9007199254740993L, ann[5]);
            assertEquals(true, ann[6]);
            assertEquals(Bytes.wrap(new byte[] {0x0a, (byte) 0xff}), ann[7]);
            assertEquals(JsonText.trusted("{\"a\":[1,2]}"), ann[8]);
            assertEquals(LocalDateTime.parse("2024-02-29T23:59:59.123"), ann[9]);
            assertNull(ann[10]);
            Object[] bob = rows.get(1);
            assertEquals("two\nlines; and a semicolon", bob[2]);
            assertEquals(new BigDecimal("-0.10"), bob[3]);
            assertEquals(Double.POSITIVE_INFINITY, bob[4]);
            assertEquals(Long.MIN_VALUE, bob[5]);
            assertEquals(Bytes.wrap(new byte[0]), bob[7]);
            Object[] cy = rows.get(2);
            assertEquals("a\nb\rc", cy[2]);
            assertEquals(Double.NEGATIVE_INFINITY, cy[4]);
            assertEquals(Long.MAX_VALUE, cy[5]);
            assertEquals(-3L, cy[11]);
            Object[] dee = rows.get(3);
            assertEquals("tab\tnul\0end", dee[2]);
            assertEquals(new BigDecimal("100.00"), dee[3]);
            assertEquals(-0.0, dee[4]);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) dee[4]));
            assertEquals(16L, dee[11]);

            List<Object[]> postRows = Fixtures.readAll(source, posts);
            assertArrayEquals(new Object[] {"p1", 1L, "hello", "It's 'quoted'; -- not a comment"}, postRows.get(0));
            assertEquals("x\0y", postRows.get(1)[3]);
            assertEquals(1, Fixtures.readAll(source, tables.get(0)).size());

            List<String> notes = source.checkNotes();
            assertEquals("left out: _cf_KV (Cloudflare internal table), t (trigger), v (view)", notes.get(0));
            assertTrue(notes.contains("index idx_lower on posts uses an expression or the rowid and is not copied"), notes.toString());
        }
    }

    @Test
    void aSubsetOfColumnsAndTypeOverrides() throws Exception {
        Path file = write("export.sql", DUMP);
        OpenOptions options = Fixtures.settings("types.Users.created_at", "timestamptz", "types.posts.id", "text(2)");
        try (SourceDatabase source = Fixtures.DIALECT.openSource(file.toString(), options)) {
            Table users = source.tables().get(1);
            assertEquals(LogicalType.TIMESTAMPTZ, users.column("created_at").type());
            try (RowStream rows = source.read(users, List.of(users.column("created_at"), users.column("id")))) {
                assertArrayEquals(new Object[] {Instant.parse("2024-02-29T23:59:59.123Z"), 1L}, rows.next());
            }
        }
    }

    @Test
    void textThatIsNotANumberInAnIntegerColumnIsADataError() throws Exception {
        Path file = write("bad.sql", """
                CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, note TEXT);
                INSERT INTO t VALUES(1, '42', 7);
                INSERT INTO t VALUES(2, 'abc', 'x');
                """);
        try (SourceDatabase source = Fixtures.DIALECT.openSource(file.toString(), OpenOptions.DEFAULT);
             RowStream rows = source.read(source.tables().get(0), source.tables().get(0).columns())) {
            assertArrayEquals(new Object[] {1L, 42L, "7"}, rows.next(), "text parsed strictly; an integer in TEXT is its text");
            DecantException e = assertThrows(DecantException.class, rows::next);
            assertEquals(ErrorCode.VALUE_INVALID, e.code());
            assertEquals("[VALUE_INVALID] t.n (bad.sql line 3, row 2, id=2): not an integer; the value's storage class was TEXT,"
                    + " in a column declared INTEGER read as int64 (value 'abc') [rule: integer: optional sign and decimal digits, nothing else]",
                    e.getMessage());
            assertNull(rows.next(), "the stream is past the bad row");
        }
    }

    /** A blob in a TEXT column and text in a BLOB column: refused naming the encoding cast, read when re-typed by it. */
    @Test
    void storageMismatchesNameTheEncodingCastAndAreReadAsTheOtherKind() throws Exception {
        Path file = write("mixed.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT, payload BLOB);\n"
                + "INSERT INTO a VALUES(1,'plain','aGk=');\nINSERT INTO a VALUES(2,X'68c3a9',X'61476b3d');\n");
        try (SourceDatabase source = Fixtures.DIALECT.openSource("d1sql:" + file, OpenOptions.DEFAULT)) {
            Table a = source.tables().get(0);
            String text = assertThrows(DecantException.class, () -> Fixtures.readAll(source, a)).getMessage();
            assertTrue(text.contains("text in a BLOB column is not turned into bytes behind your back: say how with cast:"
                    + " {type: bytes, encoding: utf8} (or base64, hex, latin1), or skip: true"), text);
            String blob;
            try (RowStream rows = source.read(a, List.of(a.column("note")))) {
                rows.next();
                blob = assertThrows(DecantException.class, rows::next).getMessage();
            }
            assertTrue(blob.contains("blob in a TEXT column is not decoded behind your back: say how its bytes become text"
                    + " with cast: {type: text, encoding: utf8} (or base64, hex, latin1), or skip: true"), blob);
            List<Column> retyped = List.of(a.column("note").withType(LogicalType.BYTES),
                    a.column("payload").withType(LogicalType.TEXT));
            try (RowStream rows = source.read(a, retyped)) {
                Object[] one = rows.next();
                assertArrayEquals("plain".getBytes(java.nio.charset.StandardCharsets.UTF_8), ((Bytes) one[0]).unsafeArray());
                assertEquals("aGk=", one[1]);
                Object[] two = rows.next();
                assertArrayEquals("hé".getBytes(java.nio.charset.StandardCharsets.UTF_8), ((Bytes) two[0]).unsafeArray());
                assertEquals("aGk=", two[1]);
            }
        }
    }

    private String error(String dump) throws Exception {
        Path file = write("bad.sql", dump);
        try (SourceDatabase source = Fixtures.DIALECT.openSource(file.toString(), OpenOptions.DEFAULT)) {
            return assertThrows(DecantException.class, source::tables).getMessage();
        }
    }

    @Test
    void malformedDumps() throws Exception {
        String create = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);\n";
        assertEquals("[FILE_CORRUPT] users (bad.sql line 3): expected ',' or ')' in a row's values, found 'b'",
                error(create + "INSERT INTO users VALUES(1,'a@example.com','Ann);\nINSERT INTO users VALUES(2,'b','c');\n"));
        assertEquals("[FILE_CORRUPT] users (bad.sql line 2): unterminated string literal: the file ends before its closing quote",
                error(create + "INSERT INTO users VALUES(1,'a@example.com','Ann);\n"));
        assertEquals("[FILE_CORRUPT] users (bad.sql line 2): unsupported function lower() in a value; decant reads SQLite literals and the replace(), char() and unistr() calls that sqlite3's .dump writes",
                error(create + "INSERT INTO users VALUES(1,lower('A'),'Ann');\n"));
        assertEquals("[FILE_CORRUPT] users (bad.sql line 2): a row of 2 values for 3 columns (id, email, name)",
                error(create + "INSERT INTO users VALUES(1,'a');\n"));
        assertEquals("[FILE_CORRUPT] ghosts (bad.sql line 2): INSERT INTO a table that no CREATE TABLE before it declares",
                error(create + "INSERT INTO ghosts VALUES(1);\n"));
        assertEquals("[FILE_CORRUPT] (bad.sql line 2): unsupported statement UPDATE: a wrangler d1 export holds CREATE, INSERT, PRAGMA, BEGIN and COMMIT statements",
                error(create + "UPDATE users SET name = 'x';\n"));
        assertEquals("[FILE_CORRUPT] users (bad.sql line 2): blob literal X'...' has an odd number of hex digits",
                error(create + "INSERT INTO users VALUES(1,X'0AF','x');\n"));
    }

    /** A dump written by the sqlite3 CLI itself reads back as the values that were stored. */
    @Test
    void roundTripThroughTheSqlite3Cli() throws Exception {
        Assumptions.assumeTrue(onPath("sqlite3"), "sqlite3 is not installed; apt-get install sqlite3 to run this test");
        Path db = tmp.resolve("app.db");
        String sql = """
                PRAGMA foreign_keys=ON;
                CREATE TABLE "org units"(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, parent INTEGER REFERENCES "org units"(id));
                CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT, r REAL, b BLOB, n NUMERIC, j JSON, u);
                INSERT INTO "org units"(name, parent) VALUES('root', NULL), ('child', 1);
                INSERT INTO t VALUES(1, 'line1' || char(10) || 'line2' || char(13) || 'x', 1e999, X'00FF10', 12.5, '{"k":1}', 1);
                INSERT INTO t VALUES(2, 'it''s; \\n literal', -1e999, X'', 9223372036854775807, NULL, 2);
                INSERT INTO t VALUES(3, 'tab' || char(9) || 'é€𝄞', 0.1, NULL, -5, '[1]', 3);
                INSERT INTO t VALUES(4, char(1, 2, 10), -1.5e-300, NULL, NULL, NULL, NULL);
                """;
        run(List.of("sqlite3", db.toString()), sql);
        Path dump = tmp.resolve("dump.sql");
        Files.writeString(dump, run(List.of("sqlite3", db.toString(), ".dump"), ""));
        try (SourceDatabase source = Fixtures.DIALECT.openSource("d1sql:" + dump, OpenOptions.DEFAULT)) {
            List<Table> tables = source.tables();
            assertEquals(List.of("org units", "t"), tables.stream().map(Table::name).toList());
            Table units = tables.get(0);
            assertEquals(Column.Identity.BY_DEFAULT, units.column("id").identity());
            assertEquals(List.of(new ForeignKey("org units_parent_fkey", List.of("parent"), TableId.of("org units"), List.of("id"))),
                    units.foreignKeys());
            List<Object[]> u = Fixtures.readAll(source, units);
            assertArrayEquals(new Object[] {2L, "child", 1L}, u.get(1));
            List<Object[]> rows = Fixtures.readAll(source, tables.get(1));
            assertEquals(4, rows.size());
            assertArrayEquals(new Object[] {1L, "line1\nline2\rx", Double.POSITIVE_INFINITY, Bytes.wrap(new byte[] {0, (byte) 0xff, 0x10}),
                new BigDecimal("12.5"), JsonText.trusted("{\"k\":1}"), 1L}, rows.get(0));
            assertArrayEquals(new Object[] {2L, "it's; \\n literal", Double.NEGATIVE_INFINITY, Bytes.wrap(new byte[0]),
                new BigDecimal("9223372036854775807"), null, 2L}, rows.get(1));
            assertArrayEquals(new Object[] {3L, "tab\té€𝄞", 0.1, null, new BigDecimal("-5"), JsonText.trusted("[1]"), 3L}, rows.get(2));
            assertArrayEquals(new Object[] {4L, "\u0001\u0002\n", -1.5e-300, null, null, null, null}, rows.get(3));
            assertEquals(LogicalType.INT64, tables.get(1).column("u").type());
        }
    }

    private static boolean onPath(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    private static String run(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
