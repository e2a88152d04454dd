package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

/**
 * Reading a table's pages opens the file a second time; on Unix, closing any descriptor of a file drops
 * every POSIX lock the process holds on it (SQLite's "How To Corrupt An SQLite Database File", 2.2),
 * so a reader that closed its own descriptor would let another process write under a read transaction
 * that is still open. Here a table is read part-way (its read transaction holds SQLite's shared lock),
 * while other tables of the same file are read to the end, one of them declined by the page reader, and
 * another source of the same file opens and closes, and a thread reading the file is interrupted: a writer
 * in another process must still wait, and gets in once the first read ends.
 */
class PageReadKeepsLocksIT {
    @TempDir
    Path dir;

    @Test
    void anotherProcessCannotWriteWhileATableIsReadPartWay() throws Exception {
        Path file = dir.resolve("locks.db");
        List<String> fill = new ArrayList<>(List.of(
                "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT)", "CREATE TABLE b (id INTEGER PRIMARY KEY, v TEXT)",
                "CREATE TABLE w (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID"));
        for (int i = 1; i <= 50; i++) {
            fill.add("INSERT INTO a VALUES (" + i + ", 'a" + i + "')");
            fill.add("INSERT INTO b VALUES (" + i + ", 'b" + i + "')");
            fill.add("INSERT INTO w VALUES ('" + i + "', 'w')");
        }
        TestDb.exec(file, fill.toArray(String[]::new));
        try (SqliteSource src = new SqliteSource(SqliteUrl.parse("sqlite:" + file))) {
            Table a = src.tables().stream().filter(t -> t.name().equals("a")).findFirst().orElseThrow();
            RowStream partWay = src.read(a, a.columns());
            assertTrue(((SqliteRowStream) partWay).readsPages());
            assertNotNull(partWay.next());
            for (Table t : src.tables()) {
                if (!t.name().equals("a")) {
                    TestDb.readAll(src, t, t.columns());
                }
            }
            try (SqliteSource other = new SqliteSource(SqliteUrl.parse("sqlite:" + file))) {
                Table b = other.tables().stream().filter(t -> t.name().equals("b")).findFirst().orElseThrow();
                assertEquals(50, TestDb.readAll(other, b, b.columns()).size());
            }
            // a reading thread that is interrupted (as Spark interrupts a task it cancels) closes nothing
            Table b = src.tables().stream().filter(t -> t.name().equals("b")).findFirst().orElseThrow();
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                try (RowStream s = src.read(b, b.columns())) {
                    while (s.next() != null) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            interrupted.start();
            interrupted.join();
            assertNotNull(partWay.next(), "the read part-way goes on after another thread's interrupt");
            Writer blocked = write(file);
            assertTrue(blocked.output.contains("SQLITE_BUSY") || blocked.output.contains("locked"),
                    "a write from another process got in under an open read: " + blocked);
            partWay.close();
            Writer after = write(file);
            assertEquals(0, after.exit, "once the read ends the write goes through: " + after);
            assertTrue(PageFiles.holds(file), "the source still holds the file's descriptor");
        }
        assertFalse(PageFiles.holds(file), "the file's descriptor is closed with the last source that read it");
    }

    private record Writer(int exit, String output) {
    }

    /** An INSERT into {@code a} from another JVM, waiting at most 200 ms for SQLite's lock. */
    private static Writer write(Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PageReadKeepsLocksIT.class.getName() + "$Insert", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Writer(p.exitValue(), out);
    }

    /** The writer: its own process, so that SQLite's locks between processes (the kernel's) decide. */
    public static final class Insert {
        public static void main(String[] args) throws Exception {
            Properties props = new Properties();
            props.setProperty("busy_timeout", "200");
            try (var c = JDBC.createConnection("jdbc:sqlite:" + args[0], props); var s = c.createStatement()) {
                s.execute("INSERT INTO a VALUES (1000, 'late')");
                System.out.println("written");
            } catch (java.sql.SQLException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
