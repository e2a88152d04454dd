package io.decant.cli;

import picocli.CommandLine.Option;

/** How a command loads a target. */
public final class LoadOptions {
    @Option(names = "--create-schema", description = "Create the target tables from the source schema "
            + "(indexes and foreign keys after the data). Default: load into the existing schema.")
    boolean createSchema;

    @Option(names = "--collation", paramLabel = "source|default", description = "With --create-schema: source "
            + "(default): created text columns compare as in the source where PostgreSQL can say it (SQLite BINARY "
            + "and MySQL *_bin: COLLATE \"C\"; a PostgreSQL column's own collation); default: the target "
            + "database's default collation.")
    String collation = "source";

    @Option(names = "--truncate-first", description = "Empty the target tables (children first) before loading; needs --yes.")
    boolean truncateFirst;

    @Option(names = "--yes", description = "Answer yes to confirmations (for scripts).")
    boolean yes;

    @Option(names = "--disable-fk", description = "Load without foreign-key checks (PostgreSQL: session_replication_role = replica).")
    boolean disableFk;

    @Option(names = "--jobs", paramLabel = "N", description = "Tables loaded at once, and indexes built at once while"
            + " they load (default 1: one table after another, then every index and foreign key; measured in"
            + " docs/benchmarks.md, \"The whole job\").")
    int jobs = 1;

    @Option(names = "--resume", description = "Continue the run that the target's journal shows was cut short: "
            + "tables it committed are kept, a table it committed in part continues after its last chunk, the others "
            + "are loaded.")
    boolean resume;

    @Option(names = "--commit-every", paramLabel = "ROWS", description = "Commit a table with more rows than this in "
            + "chunks of this many rows, each recorded in the target's journal, so that --resume continues after the "
            + "last chunk instead of the table's first row (default 1000000; 0: one transaction per table). Needs a "
            + "source that can continue a read part-way (SQLite by rowid, PostgreSQL by a one-column primary key, an "
            + "export folder by row); other tables load in one transaction.")
    long commitEvery = io.decant.core.api.MigrationOptions.DEFAULT_COMMIT_EVERY;

    @Option(names = "--on-error", paramLabel = "fail|reject", description = "fail (default): stop at the first value "
            + "that does not convert, with its full context; reject: write such rows, and rows a PostgreSQL target "
            + "refuses (a duplicate key, a CHECK, a foreign key), with their reason to --rejects DIR, load the rest, and "
            + "exit 3 if any were rejected.")
    String onError = "fail";

    @Option(names = "--rejects", paramLabel = "DIR", description = "Where --on-error reject writes rows (default: rejects).")
    java.nio.file.Path rejects = java.nio.file.Path.of("rejects");

    @Option(names = "--report", paramLabel = "FILE", description = "Write the run's result as JSON (owner-only): per table "
            + "counts, notes, and the rows the orphan policy skipped or changed.")
    java.nio.file.Path report;

    @Option(names = "--dry-run", description = "Plan and check everything, touch nothing.")
    boolean dryRun;

    @Option(names = "--no-pass-through", description = "Decode and encode every value, even for tables whose rows could "
            + "pass through as bytes (PostgreSQL to PostgreSQL, every column copied as is). Slower; the same rows arrive. "
            + "For measuring, or for ruling pass-through out when a load behaves unexpectedly.")
    boolean noPassThrough;

    @Option(names = "--journal-schema", paramLabel = "NAME", description = "PostgreSQL: the schema of decant's run journal"
            + " (default decant), created only when a run writes; DROP SCHEMA decant CASCADE removes it. SQLite and MySQL"
            + " targets keep the table decant_journal beside their tables instead.")
    String journalSchema;
}
