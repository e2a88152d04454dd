package io.decant.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rows the orphan policy skipped or changed, for the summary and the report: every one is counted,
 * the first {@value #SAMPLE} are kept with table, key, column and value. Nothing is dropped silently.
 */
public final class RowIssues {
    static final int SAMPLE = 100;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong nulled = new AtomicLong();
    /** An adder, not an AtomicLong: verify's mapping threads may all be counting filtered rows at once. */
    private final java.util.concurrent.atomic.LongAdder filtered = new java.util.concurrent.atomic.LongAdder();
    private final List<RowIssue> sample = new ArrayList<>();

    /** One row an orphan policy acted on. */
    public record RowIssue(String table, String key, String reference, String value, String action) {
    }

    void record(RowIssue issue, boolean skippedRow) {
        (skippedRow ? skipped : nulled).incrementAndGet();
        synchronized (sample) {
            if (sample.size() < SAMPLE) {
                sample.add(issue);
            }
        }
    }

    /** A row the spec's {@code where:} left out: counted only, it is no problem. */
    void countFiltered() {
        filtered.increment();
    }

    /** Rows the spec's {@code where:} left out. */
    public long filtered() {
        return filtered.sum();
    }

    public long skipped() {
        return skipped.get();
    }

    public long nulled() {
        return nulled.get();
    }

    public List<RowIssue> sample() {
        synchronized (sample) {
            return List.copyOf(sample);
        }
    }
}
