package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDiscoveryIT {
    @TempDir
    Path dir;

    private Path schema() {
        Path f = dir.resolve("app.db");
        TestDb.exec(f,
                "CREATE TABLE Users (id TEXT PRIMARY KEY NOT NULL, email VARCHAR(255) NOT NULL UNIQUE, balance NUMERIC(10,2),"
                        + " born DATE, seen DATETIME, ok BOOLEAN, n SMALLINT, big BIGINT, r REAL, raw BLOB, doc JSON, u UUID,"
                        + " misc, mixed, empty_untyped, weird STRING)",
                "CREATE TABLE posts (id INTEGER PRIMARY KEY AUTOINCREMENT, author TEXT REFERENCES users, title TEXT,"
                        + " slug TEXT, upper_title TEXT GENERATED ALWAYS AS (upper(title)) VIRTUAL,"
                        + " title_len INTEGER GENERATED ALWAYS AS (length(title)) STORED, UNIQUE (author, slug))",
                "CREATE INDEX posts_title ON posts(title)",
                "CREATE INDEX posts_expr ON posts(lower(title))",
                "CREATE INDEX posts_partial ON posts(slug) WHERE slug IS NOT NULL",
                "CREATE TABLE \"order items\" (\"select\" INTEGER, \"we\"\"ird\" TEXT, \"Group\" INT NOT NULL,"
                        + " PRIMARY KEY (\"select\", \"Group\"),"
                        + " FOREIGN KEY (\"select\") REFERENCES posts(id) ON DELETE CASCADE) WITHOUT ROWID",
                "CREATE TABLE plain_rowid (id INTEGER PRIMARY KEY, v TEXT)",
                "CREATE TABLE _cf_KV (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID",
                "CREATE TABLE decant_journal (k TEXT)",
                "CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE)",
                "CREATE VIEW v_users AS SELECT id FROM Users",
                "CREATE VIRTUAL TABLE docs USING fts5(body)",
                "INSERT INTO Users (id, email, misc, mixed) VALUES ('a', 'a@x', 1, 1), ('b', 'b@x', 2, 'two'),"
                        + " ('c', 'c@x', NULL, x'00')",
                "INSERT INTO posts (author, title) VALUES ('a', 'hello')");
        return f;
    }

    @Test
    void discoversTablesAndLeavesOutInternalOnes() {
        try (SourceDatabase src = TestDb.source(schema())) {
            assertEquals(List.of("Users", "d1_migrations", "order items", "plain_rowid", "posts"),
                    src.tables().stream().map(Table::name).toList());
            List<String> notes = src.checkNotes();
            assertTrue(notes.get(0).startsWith("file " + dir.resolve("app.db") + " ("), notes.get(0));
            assertTrue(notes.get(0).contains("journal mode delete"), notes.get(0));
            assertTrue(notes.contains("left out: _cf_KV (table), decant_journal (table), docs (virtual), docs_config (shadow),"
                    + " docs_content (shadow), docs_data (shadow), docs_docsize (shadow), docs_idx (shadow)"), notes.toString());
            assertTrue(notes.contains("index posts_expr on posts uses an expression or the rowid and is not copied"), notes.toString());
            assertTrue(notes.contains("partial index posts_partial on posts is not copied"), notes.toString());
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("d1_migrations is Wrangler's migration history")), notes.toString());
            assertTrue(src.serverVersion().matches("SQLite 3\\.\\d+\\.\\d+"), src.serverVersion());
        }
    }

    @Test
    void mapsColumnsByTheDeclaredTypeRule() {
        try (SourceDatabase src = TestDb.source(schema())) {
            Table users = TestDb.table(src, "Users");
            assertEquals(List.of("id"), users.primaryKey());
            assertEquals(3, users.rowEstimate());
            assertEquals(LogicalType.TEXT, users.column("id").type());
            assertEquals(LogicalType.text(255), users.column("email").type());
            assertFalse(users.column("email").nullable());
            assertEquals("VARCHAR(255)", users.column("email").sourceType());
            assertEquals(LogicalType.decimal(10, 2), users.column("balance").type());
            assertEquals(LogicalType.DATE, users.column("born").type());
            assertEquals(LogicalType.TIMESTAMP, users.column("seen").type());
            assertEquals(LogicalType.BOOLEAN, users.column("ok").type());
            assertEquals(LogicalType.INT16, users.column("n").type());
            assertEquals(LogicalType.INT64, users.column("big").type());
            assertEquals(LogicalType.FLOAT64, users.column("r").type());
            assertEquals(LogicalType.BYTES, users.column("raw").type());
            assertEquals(LogicalType.JSON, users.column("doc").type());
            assertEquals(LogicalType.UUID, users.column("u").type());
            assertEquals(LogicalType.DECIMAL, users.column("weird").type());
            // untyped columns: by the stored classes
            assertEquals(LogicalType.INT64, users.column("misc").type());
            assertTrue(users.column("misc").isSupported());
            assertEquals(LogicalType.TEXT, users.column("empty_untyped").type());
            Column mixed = users.column("mixed");
            assertFalse(mixed.isSupported());
            assertEquals("column without declared type holds values of storage classes integer, text, blob;"
                    + " declare as_text or skip in the spec", mixed.unsupported());
            assertEquals(List.of(new Index("Users_email_key", List.of("email"), true, true)), users.indexes());
        }
    }

    @Test
    void findsKeysIdentitiesGeneratedColumnsAndForeignKeys() {
        try (SourceDatabase src = TestDb.source(schema())) {
            Table posts = TestDb.table(src, "posts");
            assertEquals(Column.Identity.BY_DEFAULT, posts.column("id").identity());
            assertFalse(posts.column("id").nullable());
            assertEquals(Column.Identity.COMPUTED, posts.column("upper_title").identity());
            assertEquals(Column.Identity.COMPUTED, posts.column("title_len").identity());
            assertEquals(LogicalType.INT64, posts.column("title_len").type());
            assertEquals(Column.Identity.NONE, posts.column("title").identity());
            // REFERENCES users (no columns, other case): the parent's primary key, implicitly
            assertEquals(List.of(new ForeignKey("posts_author_fkey", List.of("author"), TableId.of("Users"), List.of("id"))),
                    posts.foreignKeys());
            assertEquals(List.of(new Index("posts_author_slug_key", List.of("author", "slug"), true, true),
                    new Index("posts_title", List.of("title"), false, false)), posts.indexes());

            Table plain = TestDb.table(src, "plain_rowid");
            assertEquals(Column.Identity.NONE, plain.column("id").identity());
            assertFalse(plain.column("id").nullable());

            Table weird = TestDb.table(src, "order items");
            assertEquals(List.of("select", "we\"ird", "Group"), weird.columnNames());
            assertEquals(List.of("select", "Group"), weird.primaryKey());
            assertFalse(weird.column("select").nullable(), "WITHOUT ROWID keys are never NULL");
            assertEquals(List.of(new ForeignKey("order items_select_fkey", List.of("select"), TableId.of("posts"),
                    List.of("id"), false, "CASCADE", null)), weird.foreignKeys());
            assertEquals(0, src.countRows(weird));
            assertEquals(1, src.countRows(posts));
        }
    }

    @Test
    void readsWeirdIdentifiers() {
        Path f = schema();
        TestDb.exec(f, "INSERT INTO posts (id, author, title) VALUES (7, 'a', 'x')",
                "INSERT INTO \"order items\" VALUES (7, 'quote\"d', 3)");
        List<Object[]> rows = TestDb.readAll(f, "order items");
        assertEquals(1, rows.size());
        assertEquals(List.of(7L, "quote\"d", 3L), List.of(rows.get(0)));
    }

    @Test
    void aMissingSourceIsAnIoErrorAndIsNotCreated() {
        Path missing = dir.resolve("nope.db");
        DecantException e = assertThrows(DecantException.class, () -> TestDb.source(missing));
        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertEquals("[IO_ERROR] (" + missing + "): SQLite file not found: " + missing, e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void aFileThatIsNotADatabaseIsAnIoError() throws Exception {
        Path f = dir.resolve("text.db");
        Files.writeString(f, "this is not a database, just text that is long enough to have a header of sorts.......");
        DecantException e = assertThrows(DecantException.class, () -> TestDb.source(f));
        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertEquals("[IO_ERROR] (" + f + "): opening " + f + " for reading: file is not a database (SQLITE_NOTADB);"
                + " the file is not a SQLite database", e.getMessage());
    }

    @Test
    void aSourceIsNeverWritten() throws Exception {
        Path f = schema();
        long before = Files.size(f);
        byte[] bytes = Files.readAllBytes(f);
        try (SourceDatabase src = TestDb.source(f)) {
            src.tables();
            TestDb.readAll(src, TestDb.table(src, "posts"), TestDb.table(src, "posts").columns());
        }
        assertEquals(before, Files.size(f));
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(f)));
    }

    /**
     * In a file above {@link SqliteSchemaReader#EXACT_COUNT_BYTES} a rowid table's rows are estimated from its
     * rowid span (never fewer than its rows), and counted where the span says nothing. The reader is
     * told the file is larger than it is, so that the test needs no large file.
     */
    @Test
    void aLargeFileEstimatesRowsFromTheRowidSpan() throws Exception {
        Path f = dir.resolve("big.db");
        TestDb.exec(f,
                "CREATE TABLE dense (id INTEGER PRIMARY KEY, v TEXT)",
                "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1000) INSERT INTO dense SELECT n, 'x' FROM g",
                "CREATE TABLE holes (id INTEGER PRIMARY KEY, v TEXT)",
                "INSERT INTO holes SELECT id, v FROM dense",
                "DELETE FROM holes WHERE id BETWEEN 100 AND 199",
                "CREATE TABLE sparse (id INTEGER PRIMARY KEY, v TEXT)",
                "INSERT INTO sparse VALUES (1, 'a'), (1000000000000, 'b'), (-5, 'c')",
                "CREATE TABLE keyed (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
                "INSERT INTO keyed VALUES ('a', 'x'), ('b', 'y')",
                "CREATE TABLE empty (id INTEGER PRIMARY KEY)");
        try (java.sql.Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + f, new java.util.Properties())) {
            java.util.Map<String, Long> estimates = new java.util.TreeMap<>();
            for (Table t : new SqliteSchemaReader(c, 100L * 1024 * 1024).tables()) {
                estimates.put(t.name(), t.rowEstimate());
            }
            assertEquals(java.util.Map.of("dense", 1000L, "holes", 1000L, "sparse", 3L, "keyed", 2L, "empty", 0L), estimates,
                    "dense and holes: the span (holes has 900 rows); sparse and keyed: counted");
            java.util.Map<String, Long> exact = new java.util.TreeMap<>();
            for (Table t : new SqliteSchemaReader(c, Files.size(f)).tables()) {
                exact.put(t.name(), t.rowEstimate());
            }
            assertEquals(900L, exact.get("holes"), "a small file is counted exactly");
        }
    }
}
