package io.decant.core.plan;

import io.decant.core.api.TableTask;
import io.decant.core.run.RowIssues;
import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.util.List;

/**
 * One table of a plan: read {@code read} columns of {@code source}, keep the rows {@code filter}
 * accepts, compute each target column, write {@code target}.
 *
 * @param filter   rows for which it returns false are not migrated; null keeps every row
 * @param finisher checks after the last row, or null
 * @param issues   rows the orphan policy skipped or changed
 * @param create whether decant creates the target table
 * @param notes  what a user should know: skipped columns, dropped foreign keys, cycles
 */
public record TablePlan(Table source, List<Column> read, Table target, List<ColumnPlan> columns, RowFilter filter,
                        String filterText, Finisher finisher, boolean create, long sourceRows, List<String> notes,
                        RowIssues issues) {
    public TablePlan {
        issues = issues == null ? new RowIssues() : issues;
        read = List.copyOf(read);
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }

    /** The plain plan: every read column copied, as the planner makes it without a spec. */
    public TablePlan(Table source, Table target, List<ColumnPlan> columns, boolean create, long sourceRows,
                     List<String> notes) {
        this(source, columns.stream().map(ColumnPlan::source).toList(), target, columns, null, null, null, create,
                sourceRows, notes, null);
    }

    public List<Column> sourceColumns() {
        return read;
    }

    public List<Column> targetColumns() {
        return columns.stream().map(ColumnPlan::target).toList();
    }

    public String name() {
        return source.id().display();
    }

    /** This table as progress listeners see it. */
    public TableTask view() {
        return new TableTask(name(), target.id().display(), sourceRows);
    }

    /**
     * The part of this plan that decides which rows are written: its {@code where} filter and its id
     * rewrites (an orphan reference leaves its row out under {@code orphans: skip}, or under
     * {@code report} when the column is NOT NULL), without the other columns, conversions and merged
     * lookups. Null when every row read is written. {@code verify --skip-checksum} counts the source
     * rows through it, so that its counts are the ones a full verify compares.
     */
    public TablePlan rowsOnly() {
        List<ColumnPlan> rewritten = columns.stream().filter(c -> c.value() instanceof ValueSource.FromColumn
                && IdRewrites.mayLeaveRowsOut(c.conversion()))
                .toList();
        if (filter == null && rewritten.isEmpty()) {
            return null;
        }
        return new TablePlan(source, read, target, rewritten, filter, filterText, null, false, sourceRows, List.of(),
                new RowIssues());
    }

    /**
     * Runs after every row was read and before the commit: checks that need the whole table (merged
     * rows that found no receiving row). Returns notes for the summary, or throws to abort the table.
     */
    @FunctionalInterface
    public interface Finisher {
        List<String> finish();

        /** After {@link #finish}: per merged table, its rows that found no receiving row (none listed when all did). */
        default java.util.Map<String, Long> unmatched() {
            return java.util.Map.of();
        }
    }

    /** A row filter compiled at plan time. */
    @FunctionalInterface
    public interface RowFilter {
        boolean accept(Object[] row);
    }
}
