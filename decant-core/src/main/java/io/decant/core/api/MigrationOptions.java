package io.decant.core.api;

import io.decant.core.run.Rejects;
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

    /** Every option at its default: all tables, into the existing schema, one job, fail on the first bad value. */
    public static MigrationOptions defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}; each setter names the option it sets. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder().tables(tables).exclude(exclude).createSchema(createSchema).truncateFirst(truncateFirst)
                .disableFk(disableFk).jobs(jobs).batchSize(batchSize).naiveZone(naiveZone).replaceTables(replaceTables)
                .resume(resume).rejects(rejects).commitEvery(commitEvery).sourceCollation(sourceCollation)
                .passThrough(passThrough);
    }

    /** Named setters for {@link MigrationOptions}, each starting at its default; {@link #build()} checks them. */
    public static final class Builder {
        private List<String> tables = List.of();
        private List<String> exclude = List.of();
        private boolean createSchema;
        private boolean truncateFirst;
        private boolean disableFk;
        private int jobs = 1;
        private int batchSize = 1000;
        private ZoneId naiveZone = ZoneOffset.UTC;
        private boolean replaceTables;
        private boolean resume;
        private Rejects rejects;
        private long commitEvery = DEFAULT_COMMIT_EVERY;
        private boolean sourceCollation = true;
        private boolean passThrough = true;

        private Builder() {
        }

        public Builder tables(List<String> v) {
            tables = v;
            return this;
        }

        public Builder exclude(List<String> v) {
            exclude = v;
            return this;
        }

        public Builder createSchema(boolean v) {
            createSchema = v;
            return this;
        }

        public Builder truncateFirst(boolean v) {
            truncateFirst = v;
            return this;
        }

        public Builder disableFk(boolean v) {
            disableFk = v;
            return this;
        }

        public Builder jobs(int v) {
            jobs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder naiveZone(ZoneId v) {
            naiveZone = v;
            return this;
        }

        public Builder replaceTables(boolean v) {
            replaceTables = v;
            return this;
        }

        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /** Where rows that do not convert go; null (the default) fails the run at the first. */
        public Builder rejects(Rejects v) {
            rejects = v;
            return this;
        }

        public Builder commitEvery(long v) {
            commitEvery = v;
            return this;
        }

        public Builder sourceCollation(boolean v) {
            sourceCollation = v;
            return this;
        }

        public Builder passThrough(boolean v) {
            passThrough = v;
            return this;
        }

        public MigrationOptions build() {
            return new MigrationOptions(tables, exclude, createSchema, truncateFirst, disableFk, jobs, batchSize, naiveZone,
                    replaceTables, resume, rejects, commitEvery, sourceCollation, passThrough);
        }
    }
}
