package io.decant.cli;

import io.decant.core.engine.ProgressListener;
import io.decant.core.engine.TablePlan;
import io.decant.core.engine.TableResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Progress on stderr. On a terminal one live line is redrawn; elsewhere (CI logs, files) only whole
 * lines are printed: a table's start, every ten seconds its count, and its end. Never carriage
 * returns into a log.
 */
final class StderrProgress implements ProgressListener {
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final long TTY_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPrint = new ConcurrentHashMap<>();

    StderrProgress(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    @Override
    public void tableStarted(TablePlan table) {
        long now = System.nanoTime();
        started.put(table.name(), now);
        lastPrint.put(table.name(), now);
        line(String.format(Locale.ROOT, "%s: loading%s", table.name(),
                table.sourceRows() >= 0 ? " (~" + Format.count(table.sourceRows()) + " rows)" : ""));
    }

    @Override
    public void rowsWritten(TablePlan table, long rows) {
        long now = System.nanoTime();
        Long last = lastPrint.get(table.name());
        long interval = live ? TTY_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
        if (last != null && now - last >= interval) {
            lastPrint.put(table.name(), now);
            double secs = (now - started.get(table.name())) / 1e9;
            String text = String.format(Locale.ROOT, "%s: %s rows, %s rows/s%s", table.name(), Format.count(rows),
                    Format.count((long) (rows / Math.max(secs, 1e-9))), bar(table.sourceRows(), rows));
            if (live) {
                synchronized (err) {
                    err.print("\r\033[K" + text);
                    err.flush();
                }
            } else {
                line(text);
            }
        }
    }

    private static String bar(long total, long done) {
        if (total <= 0) {
            return "";
        }
        int width = 20;
        int filled = (int) Math.min(width, done * width / total);
        return " [" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    @Override
    public void tableFinished(TablePlan table, TableResult r) {
        String text = switch (r.status()) {
            case LOADED -> String.format(Locale.ROOT, "%s: %s rows in %.2f s (%s rows/s)", table.name(),
                    Format.count(r.rows()), r.seconds(), Format.count((long) r.rowsPerSecond()));
            case FAILED -> table.name() + ": FAILED, rolled back";
            case CANCELLED -> table.name() + ": cancelled, rolled back";
            case SKIPPED -> table.name() + ": skipped";
        };
        line(text);
    }

    @Override
    public void message(String text) {
        line(text);
    }

    private void line(String text) {
        synchronized (err) {
            if (live) {
                err.print("\r\033[K");
            }
            err.println(text);
            err.flush();
        }
    }
}
