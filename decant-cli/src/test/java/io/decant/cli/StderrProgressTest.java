package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.TableResult;
import io.decant.core.api.TableTask;
import io.decant.core.error.DecantException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress renderer, driven by a fake clock into a string: no timing in these tests. */
class StderrProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final StringWriter out = new StringWriter();

    private StderrProgress progress(StderrProgress.Mode mode) {
        return new StderrProgress(new PrintWriter(out), mode, now::get, 200);
    }

    private static TableTask table(String name, long estimate) {
        return new TableTask(name, name, estimate);
    }

    private static TableResult loaded(String name, long rows, double seconds) {
        return new TableResult(name, name, TableResult.Status.LOADED, rows, 0, seconds, null, List.of());
    }

    /** Two tables loading at once, then the step after the data, failing once and succeeding once. */
    private void run(StderrProgress p) {
        TableTask users = table("users", 10_000);
        TableTask orders = table("orders", -1);
        p.tableStarted(users);
        p.tableStarted(orders);
        for (int i = 1; i <= 30; i++) {
            now.addAndGet(SECOND);
            p.rowsWritten(users, i * 100L);
            p.rowsWritten(orders, i * 50L);
        }
        p.message("users: a note");
        p.tableFinished(users, loaded("users", 3_000, 30));
        p.tableFinished(orders, loaded("orders", 1_500, 30));
        p.phaseStarted("creating indexes and foreign keys");
        now.addAndGet(1_200_000_000L);
        p.phaseFinished("creating indexes and foreign keys", 1.2, true);
    }

    @Test
    void linesModeWritesNoCarriageReturnOrEscape() {
        run(progress(StderrProgress.Mode.LINES));
        String s = out.toString();
        assertFalse(s.contains("\r"), s);
        assertFalse(s.contains("\033"), s);
        assertTrue(s.contains("users: loading (~10,000 rows)\n"), s);
        assertTrue(s.contains("orders: loading\n"), s);
        // every ten seconds a line per table, each with its own count and rate
        assertTrue(s.contains("users: 1,000 rows, 100 rows/s, 10%, ETA 1m 30s\n"), s);
        assertTrue(s.contains("orders: 500 rows, 50 rows/s\n"), s);
        assertTrue(s.contains("users: 2,000 rows, 100 rows/s, 20%, ETA 1m 20s\n"), s);
        assertTrue(s.contains("users: 3,000 rows in 30.00 s (100 rows/s)\n"), s);
        assertTrue(s.contains("users: a note\n"), s);
    }

    @Test
    void theIndexPhaseIsShownAndTimed() {
        run(progress(StderrProgress.Mode.LINES));
        String s = out.toString();
        assertTrue(s.contains("creating indexes and foreign keys ...\n"), s);
        assertTrue(s.endsWith("creating indexes and foreign keys ... done in 1.2 s\n"), s);

        StringWriter failed = new StringWriter();
        StderrProgress p = new StderrProgress(new PrintWriter(failed), StderrProgress.Mode.LINES, now::get, 200);
        p.phaseStarted("creating indexes and foreign keys");
        p.phaseFinished("creating indexes and foreign keys", 0.4, false);
        assertTrue(failed.toString().endsWith("creating indexes and foreign keys ... failed after 0.4 s\n"), failed.toString());
    }

    @Test
    void theEtaComesFromRowsAndRate() {
        assertEquals("t: 2,500 rows, 500 rows/s, 25%, ETA 15s", StderrProgress.status("t", 2_500, 10_000, 5));
        assertEquals("t: 1,000 rows, 10 rows/s, 1%, ETA 2h 45m", StderrProgress.status("t", 1_000, 100_000, 100));
        // no estimate, or more rows than the estimate said: no ETA rather than a wrong one
        assertEquals("t: 2,500 rows, 500 rows/s", StderrProgress.status("t", 2_500, -1, 5));
        assertEquals("t: 12,000 rows, 1,000 rows/s", StderrProgress.status("t", 12_000, 10_000, 12));
        assertEquals("59s", StderrProgress.duration(58.2));
        assertEquals("2m 05s", StderrProgress.duration(125));
    }

    @Test
    void liveModeRedrawsALinePerTableLoading() {
        run(progress(StderrProgress.Mode.LIVE));
        String s = out.toString();
        // the block holds both tables while both load: moving up two lines to redraw it
        assertTrue(s.contains("\r\033[Kusers: 3,000 rows, 100 rows/s, 30%, ETA 1m 10s\n\r\033[Korders: 1,500 rows, 50 rows/s\n"), s);
        assertTrue(s.contains("\033[2A\r\033[J"), s);
        assertTrue(s.contains("\r\033[Kcreating indexes and foreign keys ...\n"), s);
        // at the end the block is gone and the lasting lines remain
        assertTrue(s.endsWith("\033[1A\r\033[Jcreating indexes and foreign keys ... done in 1.2 s\n"), s);
    }

    @Test
    void aTableBuildingItsKeysSaysSoAndItsEndLineTimesThem() {
        StderrProgress live = progress(StderrProgress.Mode.LIVE);
        TableTask users = table("users", 3_000);
        live.tableStarted(users);
        now.addAndGet(10 * SECOND);
        live.rowsWritten(users, 3_000);
        live.tableCommitting(users, 3_000);
        String s = out.toString();
        assertTrue(s.endsWith("\033[1A\r\033[J\r\033[Kusers: 3,000 rows written, building keys and committing\n"), s);
        now.addAndGet(4 * SECOND);
        live.tableFinished(users, new TableResult("users", "users", TableResult.Status.LOADED, 3_000, 0, 14, null,
                List.of(), null, new io.decant.core.api.Phases(10, 4, 0, 0)));
        assertTrue(out.toString().endsWith("\033[1A\r\033[Jusers: 3,000 rows in 14.00 s (214 rows/s; keys 4.00 s of it)\n"),
                out.toString());

        StringWriter plain = new StringWriter();
        StderrProgress lines = new StderrProgress(new PrintWriter(plain), StderrProgress.Mode.LINES, now::get, 200);
        lines.tableStarted(users);
        lines.tableCommitting(users, 3_000);
        assertEquals("users: loading (~3,000 rows)\n", plain.toString(), "lines mode adds no line for it: the end line says it");
    }

    @Test
    void offModeKeepsOnlyWhatTheRunHasToSay() {
        StderrProgress p = progress(StderrProgress.Mode.OFF);
        run(p);
        TableTask t = table("items", 5);
        p.tableStarted(t);
        p.tableFinished(t, new TableResult("items", "items", TableResult.Status.FAILED, 0, 0, 1, "boom", List.of()));
        assertEquals("users: a note\nitems: FAILED, rolled back\n", out.toString());
    }

    @Test
    void theModeIsAskedForOrSafe() {
        Map<String, String> term = Map.of("TERM", "xterm-256color");
        assertEquals(StderrProgress.Mode.LIVE, StderrProgress.choose(term, true));
        assertEquals(StderrProgress.Mode.LINES, StderrProgress.choose(term, false));
        assertEquals(StderrProgress.Mode.LINES, StderrProgress.choose(Map.of("TERM", "xterm", "CI", "true"), true));
        assertEquals(StderrProgress.Mode.LINES, StderrProgress.choose(Map.of("TERM", "dumb"), true));
        assertEquals(StderrProgress.Mode.LINES, StderrProgress.choose(Map.of(), true));
        assertEquals(StderrProgress.Mode.LIVE, StderrProgress.choose(Map.of("DECANT_PROGRESS", "live", "CI", "1"), false));
        assertEquals(StderrProgress.Mode.OFF, StderrProgress.choose(Map.of("DECANT_PROGRESS", "Off", "TERM", "xterm"), true));
        DecantException e = assertThrows(DecantException.class,
                () -> StderrProgress.choose(Map.of("DECANT_PROGRESS", "fancy"), true));
        assertTrue(e.getMessage().contains("DECANT_PROGRESS=fancy") && e.getMessage().contains("live, lines or off"),
                e.getMessage());
    }

    @Test
    void theOptionWinsOverTheEnvironmentAndAutoAsksStderr() {
        Map<String, String> env = Map.of("TERM", "xterm", "DECANT_PROGRESS", "off");
        assertEquals(StderrProgress.Mode.LINES, StderrProgress.choose("lines", env, true));
        assertEquals(StderrProgress.Mode.LIVE, StderrProgress.choose("auto", env, true), "auto: decide, whatever the env says");
        assertEquals(StderrProgress.Mode.LINES, StderrProgress.choose("AUTO", env, false));
        assertEquals(StderrProgress.Mode.OFF, StderrProgress.choose(null, env, true));
        assertEquals(StderrProgress.Mode.LIVE, StderrProgress.choose(null, Map.of("TERM", "xterm", "DECANT_PROGRESS", "auto"), true));
        DecantException e = assertThrows(DecantException.class, () -> StderrProgress.choose("plain", env, true));
        assertEquals("--progress plain is not a progress mode: give --progress live, lines or off, or auto to let decant"
                + " choose", e.getMessage().replaceFirst("^\\[USAGE\\] ", ""));
    }

    /** What /proc/self/fd/2 may link to, row by row. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "NULL", value = {
        "/dev/pts/3, true", "/dev/pts/0, true", "/dev/tty, true", "/dev/tty1, true", "/dev/ttyS0, true",
        "/dev/ttyUSB0, true", "/dev/console, true",
        "/dev/null, false", "pipe:[40312], false", "socket:[99], false", "/tmp/decant.log, false",
        "/home/me/tty1.log, false", "/dev/ptsx, false", "anon_inode:[eventfd], false"})
    void whatFileDescriptorTwoLinksToSaysWhetherItIsATerminal(String link, boolean terminal) {
        assertEquals(terminal, StderrTerminal.ofLink(link), link);
    }

    @Test
    void withoutProcTheConsoleDecides() {
        org.junit.jupiter.api.Assertions.assertNull(StderrTerminal.ofLink(null));
    }
}
