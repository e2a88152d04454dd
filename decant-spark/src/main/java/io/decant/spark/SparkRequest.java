package io.decant.spark;

import io.decant.core.api.MigrationOptions;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a Spark run of migrate or verify was asked, as it travels to every executor: the spec goes as its
 * text (an executor need not see the driver's files), the URLs as given (an executor fills a URL's gaps
 * from its own environment, as decant does on one machine).
 *
 * @param sliceRows      the most rows a slice may hold (tables get at least four slices per core)
 * @param maxConnections the most connections this run opens to each database at once, from the driver and
 *                       every executor together; tasks wait for one another to stay under it
 * @param executors      how many executors share {@code maxConnections} (1 in local mode)
 * @param faults         for tests of retries: {@code after-copy:TABLE:SLICE} or {@code after-commit:TABLE:SLICE}
 *                       makes that slice's first attempt fail at that point; {@code every-attempt-after-copy:...}
 *                       every attempt, so that the run fails as a killed driver's would
 */
public record SparkRequest(String from, String to, String specText, String specName, List<String> schemas,
                           Map<String, String> settings, List<String> tables, List<String> exclude, boolean createSchema,
                           boolean truncateFirst, boolean disableFk, boolean resume, long sliceRows, int maxConnections,
                           int executors, List<String> faults, String mappingFile, long maxBroadcastIds,
                           String rejects) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final long DEFAULT_SLICE_ROWS = 1_000_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 32;
    /** About 200 bytes of every executor's memory each: some 400 MB. */
    public static final long DEFAULT_MAX_BROADCAST_IDS = 2_000_000;

    public SparkRequest {
        schemas = List.copyOf(schemas);
        settings = Map.copyOf(settings);
        tables = List.copyOf(tables);
        exclude = List.copyOf(exclude);
        faults = List.copyOf(faults);
        if (sliceRows < Slicer.MIN_SLICE_ROWS) {
            throw io.decant.core.error.DecantException.usage("--slice-rows must be at least " + Slicer.MIN_SLICE_ROWS);
        }
        if (maxBroadcastIds < 0) {
            throw io.decant.core.error.DecantException.usage("--max-broadcast-ids must not be negative");
        }
        if (executors < 1) {
            throw io.decant.core.error.DecantException.usage("the number of executors must be at least 1");
        }
    }

    /** A request with decant's defaults: every table, no spec, no options. */
    public static SparkRequest of(String from, String to) {
        return new SparkRequest(from, to, null, Spec.NO_FILE, List.of(), Map.of(), List.of(), List.of(), false, false,
                false, false, DEFAULT_SLICE_ROWS, DEFAULT_MAX_CONNECTIONS, 1, List.of(), null, DEFAULT_MAX_BROADCAST_IDS, null);
    }

    public SparkRequest withSpec(String text, String name) {
        return new SparkRequest(from, to, text, name, schemas, settings, tables, exclude, createSchema, truncateFirst,
                disableFk, resume, sliceRows, maxConnections, executors, faults, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withCreateSchema(boolean v) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, v, truncateFirst,
                disableFk, resume, sliceRows, maxConnections, executors, faults, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withResume(boolean v) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, createSchema,
                truncateFirst, disableFk, v, sliceRows, maxConnections, executors, faults, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withTruncateFirst(boolean v) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, createSchema, v,
                disableFk, resume, sliceRows, maxConnections, executors, faults, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withSliceRows(long v) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, createSchema,
                truncateFirst, disableFk, resume, v, maxConnections, executors, faults, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withMaxConnections(int v) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, createSchema,
                truncateFirst, disableFk, resume, sliceRows, v, executors, faults, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withTables(List<String> only, List<String> excluded) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, only, excluded, createSchema,
                truncateFirst, disableFk, resume, sliceRows, maxConnections, executors, faults, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withFaults(List<String> v) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, createSchema,
                truncateFirst, disableFk, resume, sliceRows, maxConnections, executors, v, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withSchemas(List<String> v) {
        return new SparkRequest(from, to, specText, specName, v, settings, tables, exclude, createSchema,
                truncateFirst, disableFk, resume, sliceRows, maxConnections, executors, faults, mappingFile, maxBroadcastIds, rejects);
    }

    public SparkRequest withExecutors(int v) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, createSchema,
                truncateFirst, disableFk, resume, sliceRows, maxConnections, v, faults, mappingFile, maxBroadcastIds, rejects);
    }

    /** The id mapping file the driver writes (and reads back on --resume); null: beside the spec, as one machine. */
    public SparkRequest withMapping(String file, long maxEntries) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, createSchema,
                truncateFirst, disableFk, resume, sliceRows, maxConnections, executors, faults, file, maxEntries, rejects);
    }

    /** {@code --on-error reject --rejects DIR}: rejected rows go to the driver's DIR; null: the first bad row fails. */
    public SparkRequest withRejects(String dir) {
        return new SparkRequest(from, to, specText, specName, schemas, settings, tables, exclude, createSchema,
                truncateFirst, disableFk, resume, sliceRows, maxConnections, executors, faults, mappingFile,
                maxBroadcastIds, dir);
    }

    /**
     * The id mapping file: as given, else {@code id-mapping.json} beside the spec file (or in the working folder),
     * as {@code decant migrate} chooses it.
     */
    java.nio.file.Path mappingPath() {
        if (mappingFile != null) {
            return java.nio.file.Path.of(mappingFile);
        }
        if (specText == null || Spec.NO_FILE.equals(specName)) {
            return java.nio.file.Path.of("id-mapping.json").toAbsolutePath();
        }
        java.nio.file.Path dir = java.nio.file.Path.of(specName).toAbsolutePath().getParent();
        return (dir == null ? java.nio.file.Path.of(".") : dir).resolve("id-mapping.json");
    }

    Spec spec() {
        return specText == null ? Spec.empty() : SpecLoader.parse(specText, specName);
    }

    /**
     * The options a one-machine run would have with the same flags: resuming a run that created its tables
     * plans them as created (they exist now), as {@code decant migrate --resume --create-schema} does.
     */
    MigrationOptions options(Spec spec) {
        // slices commit with their own journal records (commitEvery 0) and read values, not bytes (no pass-through)
        return MigrationOptions.builder().tables(tables).exclude(exclude).createSchema(createSchema)
                .truncateFirst(truncateFirst).disableFk(disableFk).naiveZone(spec.zone())
                .replaceTables(resume && createSchema).resume(resume).commitEvery(0).passThrough(false).build();
    }

    /**
     * How the driver and every executor open the source: the spec's source settings (zero dates) and the command's,
     * read in slices ({@link io.decant.core.spi.OpenOptions#SLICED_READS}), so that no source takes a snapshot of
     * its own for whole-table reads on every executor.
     */
    io.decant.core.spi.OpenOptions sourceOptions() {
        Map<String, String> s = new java.util.LinkedHashMap<>(spec().sourceSettings());
        s.putAll(settings);
        s.put(io.decant.core.spi.OpenOptions.SLICED_READS, "true");
        return new io.decant.core.spi.OpenOptions(schemas, s);
    }

    /** Whether slice {@code index} of {@code table} fails on its first attempt at {@code point}. */
    boolean faultAt(String point, String table, int index) {
        return faults.contains(point + ":" + table + ":" + index);
    }
}
