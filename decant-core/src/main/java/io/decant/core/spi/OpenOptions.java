package io.decant.core.spi;

import java.util.List;
import java.util.Map;

/**
 * What a command asks of a connection beyond its URL.
 *
 * @param schemas  database schemas to read (PostgreSQL: {@code public} when empty)
 * @param settings dialect-specific settings from the spec or the command line (for example the
 *                 export format), never secrets
 * @param env      the environment a dialect may fill a URL's gaps from (PostgreSQL: PGHOST,
 *                 PGPASSWORD, ~/.pgpass, ...); the process environment unless a caller (a test)
 *                 gives another. May hold secrets, so {@link #toString()} leaves it out.
 */
public record OpenOptions(List<String> schemas, Map<String, String> settings, Map<String, String> env) {
    public static final OpenOptions DEFAULT = new OpenOptions(List.of(), Map.of());

    /**
     * The setting naming where a target keeps decant's run journal ({@code --journal-schema}): a PostgreSQL
     * schema of its own, {@code decant} by default. Targets that have no schemas to spare refuse it.
     */
    public static final String JOURNAL_SCHEMA = "journal.schema";

    /**
     * The setting that says whether a PostgreSQL source reads the tables an extension owns (PostGIS
     * {@code spatial_ref_sys}): {@code skip} (the default, as pg_dump: CREATE EXTENSION makes them) or
     * {@code include} ({@code --include-extension-tables}). Sources without extensions ignore it.
     */
    public static final String EXTENSION_TABLES = "postgres.extension_tables";

    /**
     * The setting that says a source is read in slices by separate tasks (decant on Spark: {@code true}), through
     * {@link SourceDatabase#readSlice}: a source that would take a snapshot of every table for its whole-table
     * reads (MySQL's global read lock) does not take it, and says how its slices see the data.
     */
    public static final String SLICED_READS = "reads.sliced";

    /**
     * The setting that says whether a target keeps connections open between uses within a run ({@code true}, the
     * default) or closes each when its work is done ({@code false}: decant on Spark, whose executors count every
     * connection a task holds against {@code --max-connections}, so that none may wait idle beyond its task).
     */
    public static final String KEEP_IDLE_CONNECTIONS = "connections.keep_idle";

    public OpenOptions {
        schemas = List.copyOf(schemas);
        settings = Map.copyOf(settings);
        env = Map.copyOf(env);
    }

    public OpenOptions(List<String> schemas, Map<String, String> settings) {
        this(schemas, settings, System.getenv());
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    @Override
    public String toString() {
        return "OpenOptions[schemas=" + schemas + ", settings=" + settings + "]";
    }

    /** For a target that has no schema to keep its journal in: {@code --journal-schema} is refused, not ignored. */
    public void refuseJournalSchema(String whereInstead) {
        if (settings.containsKey(JOURNAL_SCHEMA)) {
            throw io.decant.core.error.DecantException.usage("--journal-schema names a PostgreSQL schema for decant's run"
                    + " journal; " + whereInstead + ". Leave the option out for this target");
        }
    }
}
