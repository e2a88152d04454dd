package io.decant.cli;

import io.decant.core.api.ProgressListener;
import io.decant.core.api.TableResult;
import io.decant.core.api.TableTask;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress on stderr, in one of three {@link Mode}s. {@code live} redraws a block at the bottom of the
 * terminal with one line per table being loaded (several with {@code --jobs}) and the step after the
 * data; {@code lines} prints only whole lines (a table's start, every ten seconds its count, its end),
 * never a carriage return or an escape code, for CI logs and files; {@code off} prints only what a
 * run has to say (messages, tables that failed), not how it goes.
 */
final class StderrProgress implements ProgressListener {
    /** How progress is shown; chosen by {@link #choose}. */
    enum Mode {
        LIVE, LINES, OFF
    }

    static final String ENV = "DECANT_PROGRESS";
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final long TTY_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final Mode mode;
    private final LongSupplier clock;
    private final int width;
    /** Tables being loaded, in the order they started. */
    private final Map<String, Loading> loading = new LinkedHashMap<>();
    private final Map<String, Long> lastLine = new HashMap<>();
    private String phase;
    private long phaseStarted;
    /** Lines of the live block now on the screen, below which the cursor stands. */
    private int drawn;
    private long lastDraw = Long.MIN_VALUE;

    private static final class Loading {
        final long start;
        final long estimate;
        long rows;
        /** Every row is written: the sink builds the keys it deferred and commits. */
        boolean committing;

        Loading(long start, long estimate) {
            this.start = start;
            this.estimate = estimate;
        }
    }

    StderrProgress(PrintWriter err, Mode mode) {
        this(err, mode, System::nanoTime, columns(Environment.get("COLUMNS")));
    }

    /** For tests: {@code clock} gives nanoseconds, {@code width} is the terminal's width in live mode. */
    StderrProgress(PrintWriter err, Mode mode, LongSupplier clock, int width) {
        this.err = err;
        this.mode = mode;
        this.clock = clock;
        this.width = width;
    }

    /**
     * The mode: {@code --progress} when given, else {@code DECANT_PROGRESS} when set (live, lines, off, or auto);
     * auto is lines when CI is set, TERM is absent or dumb, or stderr is no terminal ({@link StderrTerminal}), and
     * live otherwise.
     *
     * @param option the {@code --progress} value, or null
     */
    static Mode choose(String option, Map<String, String> env, boolean stderrTerminal) {
        if (option != null) {
            return parse(option, "--progress " + option, "give --progress live, lines or off, or auto to let decant choose")
                    .orElseGet(() -> auto(env, stderrTerminal));
        }
        String asked = env.get(ENV);
        if (asked != null && !asked.isBlank()) {
            return parse(asked, ENV + "=" + asked, "set it to live, lines or off, or to auto (or unset it) to let decant choose")
                    .orElseGet(() -> auto(env, stderrTerminal));
        }
        return auto(env, stderrTerminal);
    }

    /** {@link #choose} without {@code --progress}. */
    static Mode choose(Map<String, String> env, boolean stderrTerminal) {
        return choose(null, env, stderrTerminal);
    }

    /** The mode named, or empty for auto. */
    private static java.util.Optional<Mode> parse(String value, String what, String wayOut) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.equals("AUTO")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Mode.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw new DecantException(ErrorCode.USAGE, what + " is not a progress mode: " + wayOut);
        }
    }

    private static Mode auto(Map<String, String> env, boolean stderrTerminal) {
        String term = env.get("TERM");
        boolean ci = env.get("CI") != null && !env.get("CI").isEmpty();
        if (!stderrTerminal || ci || term == null || term.isEmpty() || term.equals("dumb")) {
            return Mode.LINES;
        }
        return Mode.LIVE;
    }

    /** The mode for this process: {@link #choose} on {@code --progress}, the environment and stderr. */
    static Mode chosen(String option) {
        return choose(option, Environment.current(), StderrTerminal.isTerminal());
    }

    private static int columns(String value) {
        try {
            int n = value == null ? 80 : Integer.parseInt(value.trim());
            return n >= 20 ? n : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    @Override
    public synchronized void tableStarted(TableTask table) {
        long now = clock.getAsLong();
        loading.put(table.name(), new Loading(now, table.estimatedRows()));
        lastLine.put(table.name(), now);
        if (mode != Mode.OFF) {
            line(String.format(Locale.ROOT, "%s: loading%s", table.name(),
                    table.estimatedRows() >= 0 ? " (~" + Format.count(table.estimatedRows()) + " rows)" : ""));
        }
    }

    @Override
    public synchronized void rowsWritten(TableTask table, long rows) {
        Loading l = loading.get(table.name());
        if (l == null) {
            return;
        }
        l.rows = rows;
        long now = clock.getAsLong();
        if (mode == Mode.LIVE) {
            if (lastDraw == Long.MIN_VALUE || now - lastDraw >= TTY_INTERVAL_NANOS) {
                lastDraw = now;
                erase();
                draw(now);
            }
        } else if (mode == Mode.LINES) {
            Long last = lastLine.get(table.name());
            if (last != null && now - last >= LOG_INTERVAL_NANOS) {
                lastLine.put(table.name(), now);
                line(status(table.name(), l, now));
            }
        }
    }

    /** "users: 1,200 rows, 600 rows/s, 40%, ETA 3s": the rate since the start, the ETA from the row estimate. */
    static String status(String table, long rows, long estimate, double seconds) {
        StringBuilder s = new StringBuilder(table).append(": ").append(Format.count(rows)).append(" rows");
        double rate = seconds > 0 ? rows / seconds : 0;
        s.append(", ").append(Format.count((long) rate)).append(" rows/s");
        if (estimate > 0 && rows <= estimate) {
            s.append(", ").append(rows * 100 / estimate).append('%');
            if (rate > 0 && rows > 0) {
                s.append(", ETA ").append(duration((estimate - rows) / rate));
            }
        }
        return s.toString();
    }

    private static String status(String table, Loading l, long now) {
        if (l.committing) {
            return table + ": " + Format.count(l.rows) + " rows written, building keys and committing";
        }
        return status(table, l.rows, l.estimate, (now - l.start) / 1e9);
    }

    @Override
    public synchronized void tableCommitting(TableTask table, long rows) {
        Loading l = loading.get(table.name());
        if (l == null) {
            return;
        }
        l.rows = rows;
        l.committing = true;
        if (mode == Mode.LIVE) {
            erase();
            draw(clock.getAsLong());
        }
    }

    /** 7s, 2m 05s, 1h 03m. */
    static String duration(double seconds) {
        long s = (long) Math.ceil(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    @Override
    public synchronized void tableFinished(TableTask table, TableResult r) {
        loading.remove(table.name());
        lastLine.remove(table.name());
        String text = switch (r.status()) {
            case LOADED -> mode == Mode.OFF ? null : String.format(Locale.ROOT, "%s: %s rows in %.2f s (%s rows/s%s)",
                    table.name(), Format.count(r.rows()), r.seconds(), Format.count((long) r.rowsPerSecond()),
                    r.phases().keys() >= 0.005 ? String.format(Locale.ROOT, "; keys %.2f s of it", r.phases().keys()) : "");
            case FAILED -> table.name() + ": FAILED, rolled back";
            case CANCELLED -> table.name() + ": cancelled, rolled back";
            case SKIPPED -> mode == Mode.OFF ? null : table.name() + ": skipped";
        };
        if (text != null) {
            line(text);
        } else if (mode == Mode.LIVE) {
            erase();
            draw(clock.getAsLong());
        }
    }

    @Override
    public synchronized void message(String text) {
        line(text);
    }

    @Override
    public synchronized void phaseStarted(String what) {
        phase = what;
        phaseStarted = clock.getAsLong();
        if (mode == Mode.LINES) {
            line(what + " ...");
        } else if (mode == Mode.LIVE) {
            erase();
            draw(phaseStarted);
        }
    }

    @Override
    public synchronized void phaseFinished(String what, double seconds, boolean ok) {
        phase = null;
        if (mode != Mode.OFF) {
            line(String.format(Locale.ROOT, "%s ... %s %.1f s", what, ok ? "done in" : "failed after", seconds));
        }
    }

    /** A lasting line: in live mode above the block, which is drawn again below it. */
    private void line(String text) {
        if (mode == Mode.LIVE) {
            erase();
            err.print(text + "\n");
            draw(clock.getAsLong());
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** Moves up over the live block and clears it. */
    private void erase() {
        if (drawn > 0) {
            err.print("\033[" + drawn + "A\r\033[J");
            drawn = 0;
        }
    }

    /** Draws the live block: a line per table being loaded, then the step after the data if one runs. */
    private void draw(long now) {
        List<String> block = new ArrayList<>();
        for (Map.Entry<String, Loading> e : loading.entrySet()) {
            block.add(status(e.getKey(), e.getValue(), now));
        }
        if (phase != null) {
            block.add(phase + " ...");
        }
        for (String s : block) {
            err.print("\r\033[K" + (s.length() >= width ? s.substring(0, width - 1) : s) + "\n");
        }
        drawn = block.size();
        err.flush();
    }
}
