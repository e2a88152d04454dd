package io.decant.sqlite;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A SQL script (a {@code wrangler d1 export}, a {@code sqlite3 .dump}, a seed script) turned into a
 * SQLite database by SQLite itself, so that every statement SQLite accepts is accepted, with
 * SQLite's own meaning for every literal, type and function, and the result is read by the same
 * code that reads any SQLite file.
 *
 * <p>Chosen over decant's earlier streaming reader of dump text (measured in docs/benchmarks.md,
 * "SQL scripts"): that reader understood only the statements wrangler writes and restated SQLite's
 * storage-class rules; this one costs a temporary file about the size of the database, in a
 * private folder under {@code java.io.tmpdir}, deleted when the source is closed.
 *
 * <p>Statements run one at a time ({@link ScriptStatements}), so a failure names its line. A script
 * that does not open transactions itself is run inside one, which is what makes a script of
 * single-row INSERTs fast; at the first transaction statement of its own (BEGIN, COMMIT, SAVEPOINT,
 * VACUUM...) that transaction is committed and the script's own statements decide from there on.
 */
final class ScriptDatabase {
    private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
            "RELEASE", "VACUUM");

    private ScriptDatabase() {
    }

    /** The database a script made, and what was skipped on the way (said by {@code check} and {@code plan}). */
    record Built(Path db, List<String> notes) {
    }

    /** Runs {@code script} into a new database file in a new owner-only folder. */
    static Built build(Path script) {
        if (!Files.isRegularFile(script)) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(script.toString()),
                    "SQL script not found: " + script + (script.isAbsolute() ? "" : " (looked for " + script.toAbsolutePath() + ")"));
        }
        ScriptKind.refuseForeignDump(script);
        Path dir;
        try {
            dir = Files.createTempDirectory("decant-script-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException | UnsupportedOperationException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(System.getProperty("java.io.tmpdir")),
                    "cannot create a temporary folder to run " + script.getFileName() + " into a SQLite database: " + e.getMessage()
                            + "; point java.io.tmpdir at a writable folder with room for the data (DECANT_JAVA_OPTS=-Djava.io.tmpdir=DIR)", e);
        }
        Path db = dir.resolve("script.db");
        boolean done = false;
        try {
            List<String> notes = run(script, db);
            done = true;
            return new Built(db, notes);
        } finally {
            if (!done) {
                delete(db);
            }
        }
    }

    private static List<String> run(Path script, Path db) {
        String name = script.getFileName().toString();
        try (Connection c = SqliteConnector.openReadWrite(db); Statement s = c.createStatement();
             Reader reader = utf8(script)) {
            s.execute("PRAGMA journal_mode=MEMORY");
            s.execute("PRAGMA synchronous=OFF");
            Runner runner = new Runner(name, s, ((org.sqlite.SQLiteConnection) c).getDatabase());
            ScriptStatements statements = new ScriptStatements(reader);
            boolean ours = true;
            long opened = 0;
            s.execute("BEGIN");
            ScriptStatements.Statement st;
            while ((st = next(statements, name)) != null) {
                String keyword = st.keyword();
                if (keyword.isEmpty() && st.sql().stripLeading().startsWith(".")) {
                    throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(name + " line " + st.line()),
                            "'" + firstLine(st.sql()) + "' is a command of the sqlite3 shell, not SQL; run the script with sqlite3"
                                    + " into a database file and migrate from that file (sqlite3 app.db < " + name + "),"
                                    + " or remove the line");
                }
                if (keyword.equals("PRAGMA") && ours) {
                    // Some pragmas (foreign_keys, journal_mode) do nothing inside a transaction; sqlite3 runs a
                    // script's pragma outside one unless the script opened one itself, and so does this.
                    runner.flush();
                    s.execute("COMMIT");
                    runner.one(st, keyword);
                    s.execute("BEGIN");
                    continue;
                }
                if (!TRANSACTION_CONTROL.contains(keyword)) {
                    runner.add(st);
                    continue;
                }
                runner.flush();
                if (keyword.equals("BEGIN") || keyword.equals("SAVEPOINT")) {
                    opened = st.line();
                }
                if (ours) {
                    s.execute("COMMIT");
                    ours = false;
                }
                runner.one(st, keyword);
            }
            runner.flush();
            if (ours) {
                s.execute("COMMIT");
            } else if (inTransaction(s)) {
                // sqlite3 would roll it back at exit, silently: most likely the file was cut off.
                throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(name + " line " + opened),
                        "the transaction the script opens at line " + opened + " is never committed: the file may be cut"
                                + " off (sqlite3 would roll it back and keep none of its rows); export it again, or end it with COMMIT;");
            }
            return runner.notes;
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withLocation(db.toString()), "running " + name + " into " + db);
        } catch (CharacterCodingException e) {
            throw notUtf8(name, e);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(name), "cannot read " + script + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs statements in batches of about {@link #BATCH_CHARS} characters through one
     * {@code sqlite3_exec} call each (xerial's {@code DB._exec}), inside a savepoint: one JNI call
     * per statement cost more than SQLite's own work on a script of single-row INSERTs. A batch that
     * fails is rolled back to its savepoint and run again one statement at a time, which names the
     * statement's line and lets the shell's harmless refusals be skipped. Transaction statements of
     * the script never go into a batch, so the savepoint always nests inside whatever the script has open.
     */
    private static final class Runner {
        private static final int BATCH_CHARS = 1 << 18;
        private final String name;
        private final Statement s;
        private final org.sqlite.core.DB db;
        private final List<ScriptStatements.Statement> batch = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        final List<String> notes = new ArrayList<>();

        Runner(String name, Statement s, org.sqlite.core.DB db) {
            this.name = name;
            this.s = s;
            this.db = db;
        }

        void add(ScriptStatements.Statement st) throws SQLException {
            batch.add(st);
            // A newline first: the statement may end in a -- comment; then ';' in case it had none.
            text.append(st.sql()).append("\n;");
            if (text.length() >= BATCH_CHARS) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (batch.isEmpty()) {
                return;
            }
            try {
                db._exec("SAVEPOINT decant_batch;\n" + text + "\nRELEASE decant_batch;");
            } catch (SQLException failed) {
                s.execute("ROLLBACK TO decant_batch");
                s.execute("RELEASE decant_batch");
                s.execute("SAVEPOINT decant_batch");
                for (ScriptStatements.Statement st : batch) {
                    one(st, st.keyword());
                }
                s.execute("RELEASE decant_batch");
            }
            batch.clear();
            text.setLength(0);
        }

        void one(ScriptStatements.Statement st, String keyword) {
            try {
                s.execute(st.sql());
            } catch (SQLException e) {
                String skipped = harmless(keyword, e);
                if (skipped != null) {
                    notes.add(name + " line " + st.line() + ": '" + preview(st.sql()) + "' skipped: " + skipped);
                    return;
                }
                throw new DecantException(SqliteErrors.code(e) == ErrorCode.IO_ERROR ? ErrorCode.IO_ERROR : ErrorCode.FILE_CORRUPT,
                        ErrorContext.EMPTY.withLocation(name + " line " + st.line()),
                        "SQLite refused the statement '" + preview(st.sql()) + "': " + SqliteErrors.describe(e)
                                + "; the script must run in sqlite3 as it is (try: sqlite3 /tmp/check.db < " + name + ")", e);
            }
        }
    }

    /**
     * The refusals that the sqlite3 shell reports and runs on from, leaving the database as if the
     * statement were not there: dumps carry them (wrangler and other tools write the internal
     * sqlite_sequence table's CREATE, and a COMMIT with no BEGIN). Null for any other error.
     */
    private static String harmless(String keyword, SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if ((keyword.equals("CREATE") || keyword.equals("DROP"))
                && (m.contains("reserved for internal use") || m.contains("may not be dropped"))) {
            return "SQLite keeps its internal tables (sqlite_sequence, sqlite_stat1) itself";
        }
        if ((keyword.equals("COMMIT") || keyword.equals("END") || keyword.equals("ROLLBACK"))
                && m.contains("no transaction is active")) {
            return "no transaction was open";
        }
        return null;
    }

    private static ScriptStatements.Statement next(ScriptStatements statements, String name) throws IOException {
        try {
            return statements.next();
        } catch (CharacterCodingException e) {
            throw notUtf8(name, e);
        }
    }

    private static DecantException notUtf8(String name, CharacterCodingException e) {
        return new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(name),
                "the script is not valid UTF-8 (SQLite reads SQL text as UTF-8); convert it first, e.g."
                        + " iconv -f LATIN1 -t UTF-8 " + name + " > utf8.sql", e);
    }

    /** Whether a transaction the script opened is still open: SQLite refuses BEGIN inside one. */
    private static boolean inTransaction(Statement s) {
        try {
            s.execute("BEGIN");
        } catch (SQLException open) {
            return true;
        }
        try {
            s.execute("COMMIT");
        } catch (SQLException ignored) {
            // nothing was written in it
        }
        return false;
    }

    private static Reader utf8(Path script) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(script), decoder), 1 << 16);
        // A byte order mark (editors on Windows write one) is no part of the SQL: sqlite3 skips it too.
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }

    private static String firstLine(String sql) {
        String t = sql.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    static String preview(String sql) {
        String t = sql.strip().replaceAll("\\s+", " ");
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }

    /** Deletes the database file and its folder (and any journal beside it). */
    static void delete(Path db) {
        Path dir = db.getParent();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans its temp folder
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** What kinds of dump the file looks like, from its first lines. */
    static final class ScriptKind {
        private ScriptKind() {
        }

        static void refuseForeignDump(Path script) {
            String head;
            try (Reader r = new InputStreamReader(Files.newInputStream(script), StandardCharsets.UTF_8)) {
                char[] buf = new char[4096];
                int n = r.read(buf);
                head = n < 0 ? "" : new String(buf, 0, n);
            } catch (IOException e) {
                throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(script.toString()),
                        "cannot read " + script + ": " + e.getMessage(), e);
            }
            String name = script.getFileName().toString();
            String lower = head.toLowerCase(Locale.ROOT);
            boolean custom = head.startsWith("PGDMP");
            if (custom || lower.contains("-- postgresql database dump") || lower.contains("pg_catalog.set_config(")) {
                throw DecantException.usage("this is a pg_dump file" + (custom ? " (custom format)" : " (PostgreSQL's SQL)")
                        + ", not a SQLite script: load it into a PostgreSQL database (" + (custom ? "pg_restore -d DB " : "psql -d DB -f ")
                        + script + ") and migrate from that database with --from postgres://USER@HOST/DB");
            }
            if (lower.contains("-- mysql dump") || lower.contains("-- mariadb dump") || lower.contains("/*!40101 set")) {
                throw DecantException.usage("this is a mysqldump file (MySQL's SQL), not a SQLite script: load it into a"
                        + " MySQL/MariaDB database (mysql DB < " + script + ") and migrate from that database with"
                        + " --from mysql://USER@HOST/DB");
            }
        }
    }
}
