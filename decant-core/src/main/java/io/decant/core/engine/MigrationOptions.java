package io.decant.core.engine;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What the user asked of a run, beyond the spec.
 *
 * @param tables       only these source tables (empty: all)
 * @param exclude      leave these source tables out
 * @param createSchema create the target tables from the source schema (indexes and FKs after the data)
 * @param truncateFirst empty the target tables, children first, before loading
 * @param disableFk    load without foreign-key checks
 * @param jobs         tables loaded at once
 * @param batchSize    rows handed from the reader thread to the writer at a time
 * @param naiveZone    zone of timestamps without offset where they must become instants
 * @param replaceTables with createSchema: a target table that exists is replaced rather than an error
 *                     (export folders, where a re-export replaces a table's files on commit)
 * @param resume       continue the run that the target's journal shows was cut short
 * @param rejects      where rows with values that do not convert go ({@code --on-error reject}); null: fail
 * @param commitEvery  a table with more source rows than this is committed in chunks of about this many rows,
 *                     each with its journal entry, where source and target allow it; 0: one transaction per table
 * @param sourceCollation with createSchema: created text columns keep the source's comparison rules where the
 *                     target can express them ({@code --collation source}); false: the target's default collation
 * @param passThrough  where every column is copied as it is and source and sink share a wire form, rows pass
 *                     through as bytes without being decoded; false: every row is read as values (the
 *                     benchmark's before/after, and a way round a wire-form bug)
 */
public record MigrationOptions(List<String> tables, List<String> exclude, boolean createSchema, boolean truncateFirst,
                               boolean disableFk, int jobs, int batchSize, ZoneId naiveZone, boolean replaceTables,
                               boolean resume, Rejects rejects, long commitEvery,
                               boolean sourceCollation, boolean passThrough) {
    /** The default chunk: a few seconds of loading, so that a crash costs little and commits cost nothing measurable. */
    public static final long DEFAULT_COMMIT_EVERY = 1_000_000;

    public MigrationOptions(List<String> tables, List<String> exclude, boolean createSchema, boolean truncateFirst,
                            boolean disableFk, int jobs, int batchSize, ZoneId naiveZone, boolean replaceTables,
                            boolean resume, Rejects rejects) {
        this(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone, replaceTables, resume,
                rejects, DEFAULT_COMMIT_EVERY);
    }

    public MigrationOptions(List<String> tables, List<String> exclude, boolean createSchema, boolean truncateFirst,
                            boolean disableFk, int jobs, int batchSize, ZoneId naiveZone, boolean replaceTables,
                            boolean resume, Rejects rejects, long commitEvery) {
        this(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone, replaceTables, resume,
                rejects, commitEvery, true);
    }

    public MigrationOptions(List<String> tables, List<String> exclude, boolean createSchema, boolean truncateFirst,
                            boolean disableFk, int jobs, int batchSize, ZoneId naiveZone, boolean replaceTables,
                            boolean resume, Rejects rejects, long commitEvery, boolean sourceCollation) {
        this(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone, replaceTables, resume,
                rejects, commitEvery, sourceCollation, true);
    }

    public MigrationOptions {
        if (commitEvery < 0) {
            throw new IllegalArgumentException("commitEvery must not be negative");
        }
        tables = List.copyOf(tables);
        exclude = List.copyOf(exclude);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
    }

    public static MigrationOptions defaults() {
        return new MigrationOptions(List.of(), List.of(), false, false, false, 1, 1000, ZoneOffset.UTC, false, false, null);
    }

    public MigrationOptions withCreateSchema(boolean v) {
        return new MigrationOptions(tables, exclude, v, truncateFirst, disableFk, jobs, batchSize, naiveZone, replaceTables, resume, rejects, commitEvery, sourceCollation, passThrough);
    }

    public MigrationOptions withTables(List<String> only, List<String> excluded) {
        return new MigrationOptions(only, excluded, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone, replaceTables, resume, rejects, commitEvery, sourceCollation, passThrough);
    }

    public MigrationOptions withTruncateFirst(boolean v) {
        return new MigrationOptions(tables, exclude, createSchema, v, disableFk, jobs, batchSize, naiveZone, replaceTables, resume, rejects, commitEvery, sourceCollation, passThrough);
    }

    public MigrationOptions withDisableFk(boolean v) {
        return new MigrationOptions(tables, exclude, createSchema, truncateFirst, v, jobs, batchSize, naiveZone, replaceTables, resume, rejects, commitEvery, sourceCollation, passThrough);
    }

    public MigrationOptions withReplaceTables(boolean v) {
        return new MigrationOptions(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone, v, resume, rejects, commitEvery, sourceCollation, passThrough);
    }

    public MigrationOptions withResume(boolean v) {
        return new MigrationOptions(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone,
                replaceTables, v, rejects, commitEvery, sourceCollation, passThrough);
    }

    public MigrationOptions withRejects(Rejects r) {
        return new MigrationOptions(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone,
                replaceTables, resume, r, commitEvery, sourceCollation, passThrough);
    }

    public MigrationOptions withCommitEvery(long v) {
        return new MigrationOptions(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone,
                replaceTables, resume, rejects, v, sourceCollation, passThrough);
    }

    public MigrationOptions withJobs(int v) {
        return new MigrationOptions(tables, exclude, createSchema, truncateFirst, disableFk, v, batchSize, naiveZone, replaceTables, resume, rejects, commitEvery, sourceCollation, passThrough);
    }

    public MigrationOptions withSourceCollation(boolean v) {
        return new MigrationOptions(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone,
                replaceTables, resume, rejects, commitEvery, v, passThrough);
    }

    public MigrationOptions withPassThrough(boolean v) {
        return new MigrationOptions(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone,
                replaceTables, resume, rejects, commitEvery, sourceCollation, v);
    }
}
