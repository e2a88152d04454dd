package io.decant.files.convex;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import io.decant.files.Fixtures;
import io.decant.testkit.Services;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * import.sh: its order, flags and counts, its permissions, and what it does when run, against a
 * stand-in for the Convex CLI that keeps each table as a file of documents (so no Convex deployment
 * or Node.js is needed, and the counting logic is tested, not only the text).
 */
class ImportScriptTest {
    @TempDir
    Path tmp;

    // Named so that alphabetical order (cases, userProfiles) is the wrong order: cases reference userProfiles.
    static final Table PROFILES = new Table(TableId.of("userProfiles"), List.of(
            new Column("legacyId", "uuid", LogicalType.TEXT, false, Column.Identity.NONE)),
            List.of("legacyId"), List.of(), List.of(), -1);
    static final Table CASES = new Table(TableId.of("cases"), List.of(
            new Column("legacyId", "uuid", LogicalType.TEXT, false, Column.Identity.NONE),
            new Column("legacyUserId", "uuid", LogicalType.TEXT, false, Column.Identity.NONE)),
            List.of("legacyId"), List.of(), List.of(new ForeignKey("cases_user_fk", List.of("legacyUserId"),
            TableId.of("userProfiles"), List.of("legacyId"))), -1);
    static final Table EMPTY = Fixtures.table("archived", new Column("note", "text", LogicalType.TEXT, true, Column.Identity.NONE));

    private Path write(String url, OpenOptions options, int cases) {
        Path dir = tmp.resolve("convex-data");
        try (TargetDatabase target = Fixtures.DIALECT.openTarget(url, options)) {
            target.createTables(List.of(CASES, PROFILES, EMPTY));
            // Children committed first, as parallel jobs may: the script still imports parents first.
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < cases; i++) {
                rows.add(new Object[] {"c" + i, "u" + (i % 2)});
            }
            load(target, CASES, rows);
            load(target, PROFILES, List.of(new Object[] {"u0"}, new Object[] {"u1"}));
            load(target, EMPTY, List.of());
        }
        return dir;
    }

    private static void load(TargetDatabase target, Table t, List<Object[]> rows) {
        try (TableSink sink = target.openSink(t, t.columns(), SinkOptions.DEFAULT)) {
            rows.forEach(sink::write);
            sink.commit();
        }
    }

    @Test
    void importsParentsFirstWithReplaceAndChecksEachCount() throws Exception {
        Path dir = write("convex:" + tmp.resolve("convex-data"), Fixtures.settings("source", "postgres://app:secret@db/app"), 3);
        String script = Files.readString(dir.resolve("import.sh"));
        assertTrue(script.startsWith("#!/usr/bin/env bash\n"), script);
        assertTrue(script.contains("\nset -euo pipefail\n"), script);
        assertTrue(script.contains("# Load order (parents before children, by the source's foreign keys): archived, userProfiles, cases\n"),
                script);
        int profiles = script.indexOf("import_file userProfiles 'userProfiles.jsonl' --replace\n");
        int cases = script.indexOf("import_file cases 'cases.jsonl' --replace\n");
        assertTrue(profiles > 0 && cases > profiles, "parents first:\n" + script);
        assertFalse(script.contains("import_file archived"), "an empty table is not imported");
        assertTrue(script.contains("\ncheck_count userProfiles 2\ncheck_count cases 3\n"), script);
        assertTrue(script.contains("\"${convex[@]}\" import --table \"$1\" --format jsonLines \"$3\" -y"), script);
        assertTrue(script.contains("data \"$1\" --limit \"$(($2 + 1))\" --format jsonl"), script);
        // The version is "dev" from classes, the project version from a jar: either way it is named.
        assertTrue(script.matches("(?s).*# Written by decant \\S+ at 2026-03-01T09:30:15\\.123Z from postgres://app:\\*\\*\\*@db/app\\..*"),
                script);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("import.sh"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cases.jsonl"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("manifest.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void splitTablesAppendTheirLaterParts() throws Exception {
        Path dir = write("convex:" + tmp.resolve("convex-data"), Fixtures.settings("rowsPerFile", "2"), 5);
        String script = Files.readString(dir.resolve("import.sh"));
        assertTrue(script.contains("import_file cases 'cases.00001.jsonl' --replace\n"
                + "import_file cases 'cases.00002.jsonl' --append\n"
                + "import_file cases 'cases.00003.jsonl' --append\n"), script);
        assertTrue(script.contains("check_count cases 5\n"), script);
    }

    @Test
    void nothingFromTheSourceUrlCanLeaveTheComment() {
        assertEquals("a?b?c", ImportScript.comment("a\nb\rc"));
    }

    @Test
    void runsAgainstAStandInConvexCliRerunsAndFailsOnAWrongCount() throws Exception {
        Services.assume(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "bash is needed to run import.sh");
        Path dir = write("convex:" + tmp.resolve("convex-data"), OpenOptions.DEFAULT, 3);
        Path fake = fakeConvex();
        Path db = Files.createDirectories(tmp.resolve("deployment"));
        Path log = tmp.resolve("calls.log");
        Map<String, String> env = Map.of("CONVEX_CLI", fake.toString(), "FAKE_DB", db.toString(), "FAKE_LOG", log.toString());

        Run first = run(dir, env, "--prod");
        assertEquals(0, first.exit, first.output);
        assertTrue(first.output.contains("import.sh: userProfiles: 2 documents, as expected"), first.output);
        assertTrue(first.output.contains("import.sh: cases: 3 documents, as expected"), first.output);
        assertTrue(first.output.contains("import.sh: 2 tables imported and counted"), first.output);
        List<String> calls = Files.readAllLines(log);
        assertEquals("import --table userProfiles --format jsonLines --replace -y --prod " + dir.toAbsolutePath().normalize().resolve("userProfiles.jsonl"),
                calls.get(0));
        assertEquals("import --table cases --format jsonLines --replace -y --prod " + dir.toAbsolutePath().normalize().resolve("cases.jsonl"), calls.get(1));
        assertEquals("data userProfiles --limit 3 --format jsonl --prod", calls.get(2));
        assertEquals("data cases --limit 4 --format jsonl --prod", calls.get(3));

        Run again = run(dir, env);
        assertEquals(0, again.exit, "--replace makes a rerun give the same documents, not twice as many\n" + again.output);

        Files.writeString(db.resolve("cases"), "{\"stale\":true}\n", java.nio.file.StandardOpenOption.APPEND);
        Run skipped = run(dir, Map.of("CONVEX_CLI", fake.toString(), "FAKE_DB", db.toString(), "FAKE_LOG", log.toString(),
                "FAKE_SKIP_IMPORT", "1"));
        assertEquals(1, skipped.exit, skipped.output);
        assertTrue(skipped.output.contains("import.sh: cases: 4 documents listed (asked for up to 4), expected 3"), skipped.output);
        assertTrue(skipped.output.contains("import.sh: 1 of 2 tables do not hold the expected number of documents"), skipped.output);

        Run failing = run(dir, Map.of("CONVEX_CLI", fake.toString(), "FAKE_DB", db.toString(), "FAKE_LOG", log.toString(),
                "FAKE_FAIL", "1"));
        assertTrue(failing.exit != 0, "a failing Convex CLI stops the script (set -e)\n" + failing.output);
    }

    /** The Convex CLI as far as import.sh uses it: import replaces or appends a table file; data lists up to --limit documents. */
    private Path fakeConvex() throws IOException {
        Path fake = tmp.resolve("fake-convex");
        Files.writeString(fake, """
                #!/usr/bin/env bash
                set -eu
                echo "$*" >> "$FAKE_LOG"
                if [ "${FAKE_FAIL:-0}" = 1 ]; then echo "fake convex: no deployment" >&2; exit 1; fi
                case "$1" in
                  import)
                    table="$3"; mode="$6"; file="${@: -1}"
                    if [ "${FAKE_SKIP_IMPORT:-0}" = 1 ]; then exit 0; fi
                    if [ "$mode" = --replace ]; then cp "$file" "$FAKE_DB/$table"; else cat "$file" >> "$FAKE_DB/$table"; fi ;;
                  data)
                    if [ -f "$FAKE_DB/$2" ]; then head -n "$4" "$FAKE_DB/$2"; else echo "There are no documents in this table." >&2; fi ;;
                esac
                """, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    private record Run(int exit, String output) {
    }

    private Run run(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(dir.resolve("import.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "import.sh did not finish");
        return new Run(p.exitValue(), out);
    }
}
