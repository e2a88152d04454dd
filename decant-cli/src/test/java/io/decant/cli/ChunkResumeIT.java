package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large table is committed in chunks, each with its journal entry, and a run that stops part-way
 * through it continues after the last committed chunk: not from the table's first row, and without
 * a duplicate or a gap. The runs here stop at a known row (a constraint or a value the first run
 * refuses, which is then fixed), so that the chunk boundaries are certain; KillResumeIT kills
 * processes at random moments with small chunks.
 */
class ChunkResumeIT {
    private static final int ROWS = 50_000;
    private static final int BAD_ID = 37_123;

    @TempDir
    Path dir;

    private static String one(PgServer.TestDb db, String sql) {
        return db.one(sql);
    }

    private static final String TARGET = """
            CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2),
              CONSTRAINT not_37123 CHECK (id <> 37123));
            """;

    /** The journal's chunk entries of the last run, as "rows@position". */
    private static String chunks(PgServer.TestDb db) throws Exception {
        return one(db, "SELECT string_agg(row_count || '@' || split_part(resume_at, ' ', 1), ',' ORDER BY seq)"
                + " FROM decant.decant_journal WHERE event = 'chunk-done'");
    }

    private Path sqliteItems() throws Exception {
        Path file = dir.resolve("items.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(10,2))");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item " + i + (i % 7 == 0 ? " ü\u00e9🙂" : ""));
                    ps.setString(3, (i % 1000) + "." + String.format("%02d", i % 100));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return file;
    }

    @Test
    void sqliteToPostgresContinuesAfterTheLastCommittedChunk() throws Exception {
        Path app = sqliteItems();
        PgServer.TestDb db = PgServer.get().createDatabase("it_chunk_sqlite");
        db.exec(TARGET);
        String[] args = {"migrate", "--from", "sqlite:" + app, "--to", db.url(), "--commit-every", "10000"};
        Cli.Result plan = Cli.run(withFlag(args, "--dry-run"));
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("commits every 10,000 rows; --resume continues by rowid"), plan.out());
        Cli.Result first = Cli.run(args);
        assertEquals(3, first.exit(), first.toString());
        assertTrue(first.err().contains("items: committing every 10,000 rows"), first.err());
        assertTrue(first.err().contains("by rowid"), first.err());
        assertEquals("30000", one(db, "SELECT count(*) FROM items"), "three chunks committed before row " + BAD_ID);
        assertEquals("10000@10000,20000@20000,30000@30000", chunks(db));

        Cli.Result refused = Cli.run(args);
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("part of items (30,000 rows)"), refused.err());
        assertTrue(refused.err().contains("--resume"), refused.err());

        db.exec("ALTER TABLE items DROP CONSTRAINT not_37123");
        Cli.Result resumed = Cli.run(withResume(args));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.err().contains("items: continuing after the 30,000 rows the interrupted run committed (by rowid"),
                resumed.err());
        assertEquals(String.valueOf(ROWS), one(db, "SELECT count(*) FROM items"));
        assertEquals(String.valueOf(ROWS), one(db, "SELECT count(DISTINCT id) FROM items"));
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url());
        assertEquals(0, v.exit(), v.toString());
    }

    /** A SQL script continues too: SQLite runs it again to the same rowids, and the position is fingerprinted by the script. */
    @Test
    void aSqlScriptContinuesAfterTheLastCommittedChunkAndAChangedOneIsNot() throws Exception {
        Path dump = dir.resolve("items.sql");
        StringBuilder sql = new StringBuilder("BEGIN TRANSACTION;\nCREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                + " price NUMERIC(10,2));\n");
        for (int i = 1; i <= ROWS; i++) {
            sql.append("INSERT INTO items VALUES(").append(i).append(",'item ").append(i).append("',")
                    .append(i % 1000).append('.').append(String.format("%02d", i % 100)).append(");\n");
        }
        java.nio.file.Files.writeString(dump, sql.append("COMMIT;\n"));
        PgServer.TestDb db = PgServer.get().createDatabase("it_chunk_script");
        db.exec(TARGET);
        String[] args = {"migrate", "--from", "d1sql:" + dump, "--to", db.url(), "--commit-every", "10000"};
        assertEquals(3, Cli.run(args).exit());
        assertEquals("30000", one(db, "SELECT count(*) FROM items"), "three chunks committed before row " + BAD_ID);
        db.exec("ALTER TABLE items DROP CONSTRAINT not_37123");
        Cli.Result resumed = Cli.run(withResume(args));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.err().contains("items: continuing after the 30,000 rows the interrupted run committed (by rowid"),
                resumed.err());
        assertEquals(String.valueOf(ROWS), one(db, "SELECT count(DISTINCT id) FROM items"));
        Cli.Result v = Cli.run("verify", "--from", "d1sql:" + dump, "--to", db.url());
        assertEquals(0, v.exit(), v.toString());

        PgServer.TestDb again = PgServer.get().createDatabase("it_chunk_script_changed");
        again.exec(TARGET);
        String[] args2 = {"migrate", "--from", "d1sql:" + dump, "--to", again.url(), "--commit-every", "10000"};
        assertEquals(3, Cli.run(args2).exit());
        java.nio.file.Files.writeString(dump, java.nio.file.Files.readString(dump).replace("COMMIT;", "DELETE FROM items WHERE id = 5;\nCOMMIT;"));
        again.exec("ALTER TABLE items DROP CONSTRAINT not_37123");
        Cli.Result changed = Cli.run(withResume(args2));
        assertEquals(2, changed.exit(), changed.toString());
        assertTrue(changed.err().contains("the SQL script items.sql changed since the interrupted run committed part of items"),
                changed.err());
        assertEquals("30000", one(again, "SELECT count(*) FROM items"), "nothing more was loaded");
    }

    @Test
    void aSqliteFileThatChangedSinceTheChunksWereCommittedIsNotContinued() throws Exception {
        Path app = sqliteItems();
        PgServer.TestDb db = PgServer.get().createDatabase("it_chunk_changed");
        db.exec(TARGET);
        String[] args = {"migrate", "--from", "sqlite:" + app, "--to", db.url(), "--commit-every", "10000"};
        assertEquals(3, Cli.run(args).exit());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + app); Statement s = c.createStatement()) {
            s.execute("DELETE FROM items WHERE id = 5");
        }
        db.exec("ALTER TABLE items DROP CONSTRAINT not_37123");
        Cli.Result resumed = Cli.run(withResume(args));
        assertEquals(2, resumed.exit(), resumed.toString());
        assertTrue(resumed.err().contains("the SQLite file changed since the interrupted run committed part of items"),
                resumed.err());
        assertEquals("30000", one(db, "SELECT count(*) FROM items"), "nothing more was loaded");
    }

    @Test
    void postgresToPostgresWithCreatedTablesContinuesByPrimaryKeyAndEndsWithItsKeys() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_chunk_pgsrc");
        // Keys inserted out of order: the read is ordered by key, not by the heap.
        src.exec("CREATE TABLE items (id text PRIMARY KEY, amount text NOT NULL);"
                + "INSERT INTO items SELECT 'k' || lpad(((g * 7919) % " + ROWS + ")::text, 6, '0'), (g % 500) || '.25'"
                + " FROM generate_series(0, " + (ROWS - 1) + ") g;"
                + "UPDATE items SET amount = 'oops' WHERE id = 'k0" + BAD_ID + "'; ANALYZE items");
        PgServer.TestDb dst = PgServer.get().createDatabase("it_chunk_pgdst");
        Path spec = dir.resolve("decant.yaml");
        Files.writeString(spec, "tables:\n  items:\n    columns:\n      amount: { cast: \"numeric(10,2)\" }\n");
        String[] args = {"migrate", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString(), "--create-schema",
            "--commit-every", "10000"};
        Cli.Result first = Cli.run(args);
        assertEquals(3, first.exit(), first.toString());
        assertTrue(first.err().contains("by primary key id"), first.err());
        assertEquals("30000", one(dst, "SELECT count(*) FROM items"));
        assertEquals("10000@k009999,20000@k019999,30000@k029999", chunks(dst));

        src.exec("UPDATE items SET amount = '1.00' WHERE id = 'k0" + BAD_ID + "'");
        Cli.Result resumed = Cli.run(withResume(args));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.err().contains("continuing after the 30,000 rows"), resumed.err());
        assertEquals(String.valueOf(ROWS), one(dst, "SELECT count(*) FROM items"));
        assertEquals("p", one(dst, "SELECT string_agg(contype::text, ',') FROM pg_constraint"
                + " WHERE conrelid = 'items'::regclass"), "the primary key dropped for the load is back");
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--spec", spec.toString());
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void anExportFolderContinuesByRow() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_chunk_fsrc");
        src.exec("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2));"
                + "INSERT INTO items SELECT g, 'item ' || g, (g % 1000) + 0.5 FROM generate_series(1, " + ROWS + ") g");
        Path folder = dir.resolve("export");
        Cli.Result export = Cli.run("export", "--from", src.url(), "--out", folder.toString());
        assertEquals(0, export.exit(), export.toString());
        PgServer.TestDb dst = PgServer.get().createDatabase("it_chunk_fdst");
        dst.exec(TARGET);
        String[] args = {"import", "--in", folder.toString(), "--to", dst.url(), "--commit-every", "10000"};
        Cli.Result first = Cli.run(args);
        assertEquals(3, first.exit(), first.toString());
        assertTrue(first.err().contains("by row of the export files"), first.err());
        long committed = Long.parseLong(one(dst, "SELECT count(*) FROM items"));
        assertEquals(30_000, committed);

        dst.exec("ALTER TABLE items DROP CONSTRAINT not_37123");
        Cli.Result resumed = Cli.run(withResume(args));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.err().contains("continuing after the 30,000 rows"), resumed.err());
        assertEquals(String.valueOf(ROWS), one(dst, "SELECT count(DISTINCT id) FROM items"));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void commitEveryZeroLoadsTheTableInOneTransaction() throws Exception {
        Path app = sqliteItems();
        PgServer.TestDb db = PgServer.get().createDatabase("it_chunk_off");
        db.exec(TARGET);
        Cli.Result r = Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--commit-every", "0");
        assertEquals(3, r.exit(), r.toString());
        assertEquals("0", one(db, "SELECT count(*) FROM items"), "the table's one transaction rolled back");
    }

    private static String[] withResume(String[] args) {
        return withFlag(args, "--resume");
    }

    private static String[] withFlag(String[] args, String flag) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = flag;
        return out;
    }
}
