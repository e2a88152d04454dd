package io.decant.cli.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.decant.cli.matrix.MatrixReport.Outcome;
import io.decant.cli.matrix.MatrixTables.Col;
import io.decant.cli.matrix.MatrixTables.Spec;
import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * STYLE.md rule 10's type round-trip matrix: every logical type, edge values included, through every
 * source and target pair of {SQLite file, PostgreSQL, MariaDB, export folder}, with the real CLI.
 *
 * <p>Each cell is one source table ({@link MatrixTables}) moved by {@code decant migrate --create-schema
 * --tables T} and then either
 * <ul>
 *   <li>proved: exit 0, {@code decant verify} exit 0 (content checksums of canonical values), and every
 *       value read back from the target with plain JDBC (or from the JSONL file) equal to the source's,
 *       scale of decimals included; or</li>
 *   <li>refused, where the target documents that it cannot hold the value ({@link Expectations#dataError}):
 *       exit 3, the message naming table, column, row and key, and no row of the table left behind.</li>
 * </ul>
 * A cell listed in {@link Expectations#knownBug} still asserts the correct behaviour; while it fails
 * with the failure on record it is reported as aborted ("known bug: ..."); if it fails any other way,
 * or passes, it fails, so that the entry gets updated or removed. MariaDB cells are skipped, saying why, when MariaDB is unreachable (failing
 * instead under DECANT_REQUIRE_SERVICES=1). The summary is printed to stdout at the end.
 */
class TypeMatrixIT {
    @TempDir
    static Path tmp;

    private static final MatrixReport REPORT = new MatrixReport();
    private static final long START = System.nanoTime();
    private static final Map<Side, Lazy<String>> SOURCES = new EnumMap<>(Side.class);
    private static int counter;

    static {
        SOURCES.put(Side.POSTGRES, new Lazy<>(() -> Sources.postgres(PgServer.get().createDatabase("mx_src"))));
        SOURCES.put(Side.SQLITE, new Lazy<>(() -> Sources.sqlite(tmp.resolve("source.db"))));
        SOURCES.put(Side.MARIADB, new Lazy<>(Sources::mariadb));
        SOURCES.put(Side.FOLDER, new Lazy<>(TypeMatrixIT::exportFolder));
    }

    @TestFactory
    Stream<DynamicNode> everyTypeThroughEverySourceAndTargetPair() {
        List<DynamicNode> pairs = new ArrayList<>();
        for (Side from : Side.values()) {
            for (Side to : Side.values()) {
                Lazy<Target> target = new Lazy<>(() -> Target.create(to, tmp, "to_" + to.shortName() + "_" + (++counter)));
                List<DynamicNode> cells = new ArrayList<>();
                for (Spec table : MatrixTables.forSource(from)) {
                    cells.add(dynamicTest(name(table, to), () -> cell(from, to, table, target)));
                }
                pairs.add(dynamicContainer(from.label + " -> " + to.label, cells));
            }
        }
        return pairs.stream();
    }

    private static String name(Spec table, Side to) {
        Expectations.DataError e = Expectations.dataError(table, to);
        return table.name() + (e == null ? ": " + table.why() : ": refused with " + e.code() + " (" + e.rule() + ")");
    }

    @AfterAll
    static void printMatrix() {
        REPORT.print(System.out, (System.nanoTime() - START) / 1e9);
    }

    private static void cell(Side from, Side to, Spec table, Lazy<Target> target) {
        Expectations.KnownBug bug = Expectations.knownBug(table, from, to);
        try {
            if (from == Side.MARIADB || to == Side.MARIADB) {
                MariaServer.assumeAvailable();
            }
            String source = SOURCES.get(from).get();
            Target t = target.get();
            Expectations.DataError error = Expectations.dataError(table, to);
            if (error == null) {
                arrives(from, source, t, table);
            } else {
                refused(source, t, table, error);
            }
        } catch (TestAbortedException skipped) {
            REPORT.record(from, to, table.name(), Outcome.SKIPPED, skipped.getMessage());
            throw skipped;
        } catch (AssertionError | RuntimeException e) {
            if (bug != null && String.valueOf(e.getMessage()).contains(bug.failure())) {
                REPORT.record(from, to, table.name(), Outcome.KNOWN_BUG, bug.description() + ". Observed now: " + firstLines(e.getMessage()));
                Assumptions.abort("known bug: " + bug.description() + "\nobserved now: " + e.getMessage());
            }
            if (bug != null) {
                REPORT.record(from, to, table.name(), Outcome.FAIL, "known bug fails differently now: " + firstLines(e.getMessage()));
                fail("this cell's known bug (" + bug.description() + ") should fail with '" + bug.failure()
                        + "', but it fails differently now: update Expectations.knownBug or fix the new failure", e);
            }
            REPORT.record(from, to, table.name(), Outcome.FAIL, firstLines(e.getMessage()));
            throw e;
        }
        if (bug != null) {
            REPORT.record(from, to, table.name(), Outcome.FAIL, "known bug no longer reproduces: " + bug.description());
            fail("this cell passes now: remove it from Expectations.knownBug (" + bug.description() + ")");
        }
        Expectations.DataError error = Expectations.dataError(table, to);
        REPORT.record(from, to, table.name(), error == null ? Outcome.PASS : Outcome.EXPECTED_ERROR,
                error == null ? "" : error.messagePrefix(table.name()) + "... [rule: " + error.rule() + "]");
    }

    /** migrate exit 0, verify exit 0, and every value read back equal. */
    private static void arrives(Side from, String source, Target t, Spec table) {
        MatrixCli.Result m = MatrixCli.run("migrate", "--from", source, "--to", t.url, "--create-schema", "--tables", table.name());
        assertEquals(0, m.exit(), () -> "migrate must load " + table.name() + ": " + m);
        MatrixCli.Result v = MatrixCli.run("verify", "--from", source, "--to", t.url, "--tables", table.name());
        assertEquals(0, v.exit(), () -> "verify must find the same content: " + v);
        if (t.side == Side.FOLDER) {
            MatrixCli.Result self = MatrixCli.run("verify", "--from", t.url);
            assertEquals(0, self.exit(), () -> "the export folder must check itself against its manifest: " + self);
        }

        List<Col> cols = table.columnsFor(from);
        Map<Long, Map<String, Object>> back = t.read(table.name(), cols);
        List<String> diffs = new ArrayList<>();
        for (Object[] row : table.rows()) {
            Map<String, Object> got = back.get((Long) row[0]);
            if (got == null) {
                diffs.add("id=" + row[0] + " is missing");
            } else {
                diffs.addAll(Values.differences((Long) row[0], cols, table.valuesFor(from, row), got, t.side));
            }
        }
        assertEquals(table.rows().size(), back.size(), "rows read back: " + back.keySet());
        assertTrue(diffs.isEmpty(), () -> "values read back from " + t.url + " differ from the source:\n  "
                + String.join("\n  ", diffs));
    }

    /** migrate exit 3 naming table, column, row and key; nothing of the table left in the target. */
    private static void refused(String source, Target t, Spec table, Expectations.DataError error) {
        MatrixCli.Result m = MatrixCli.run("migrate", "--from", source, "--to", t.url, "--create-schema", "--tables", table.name());
        assertEquals(3, m.exit(), () -> "a value the target cannot hold is a data error: " + m);
        String prefix = "error: " + error.messagePrefix(table.name());
        assertTrue(m.err().contains(prefix), () -> "the message names table, column, row and key (" + prefix + "): " + m);
        if (error.refusedByDecant()) {
            assertTrue(m.err().contains("(value '"), () -> "the message shows the value: " + m);
            assertTrue(m.err().contains("[rule: "), () -> "the message names the rule: " + m);
        }
        assertTrue(m.err().contains(error.rule()), () -> "the message gives the reason (" + error.rule() + "): " + m);
        assertEquals(0, t.rowsLeft(table.name()), () -> "nothing half-loaded: row 1 must not stay behind in " + t.url);
    }

    /** The folder source: a PostgreSQL export, as a user makes one. */
    private static String exportFolder() {
        String pg = SOURCES.get(Side.POSTGRES).get();
        Path dir = tmp.resolve("export-from-postgres");
        MatrixCli.Result e = MatrixCli.run("export", "--from", pg, "--out", dir.toString(), "--exclude",
                MatrixTables.JSON_NULL.name());
        assertEquals(0, e.exit(), () -> "export: " + e);
        // The one PostgreSQL table an export folder cannot hold is refused, not written as SQL NULL.
        MatrixCli.Result refused = MatrixCli.run("export", "--from", pg, "--out", tmp.resolve("jsonnull-export").toString(),
                "--tables", MatrixTables.JSON_NULL.name());
        assertEquals(3, refused.exit(), () -> "export of the JSON document null: " + refused);
        assertTrue(refused.err().contains("[VALUE_INVALID] p_jsonnull.j (row 2, id=2)"), refused::toString);
        return dir.toString();
    }

    private static String firstLines(String s) {
        if (s == null) {
            return "";
        }
        String[] lines = s.split("\n");
        return String.join(" | ", Arrays.asList(lines).subList(0, Math.min(lines.length, 6)));
    }

    /** A value made on first use; a failure is kept and rethrown to every later caller. */
    static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> make;
        private T value;
        private RuntimeException failure;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null && failure == null) {
                try {
                    value = make.get();
                } catch (TestAbortedException e) {
                    throw e; // skipped (MariaDB unreachable): ask again next time, it is cheap
                } catch (RuntimeException | AssertionError e) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
