package io.decant.cli;

import picocli.CommandLine.Option;

/** Options every command has. */
public final class CommonOptions {
    @Option(names = "--output", paramLabel = "text|json|markdown", description = "Result format on stdout (default: text); markdown for plan and"
            + " verify (a pull-request comment, a CI step summary).")
    OutputFormat output = OutputFormat.TEXT;

    @Option(names = "--debug", description = "Print stack traces and the SQL of checks on stderr.")
    boolean debug;

    @Option(names = "--spec", paramLabel = "FILE", description = "The migration spec (YAML).")
    java.nio.file.Path spec;

    @Option(names = "--audit", paramLabel = "FILE", description = "Append an audit log (JSON lines) of the run.")
    java.nio.file.Path audit;

    @Option(names = "--mapping", paramLabel = "FILE", description = "The id mapping file: written by migrate/import/export "
            + "when the spec remaps ids (default: id-mapping.json beside the spec), read by verify and by strategy file.")
    java.nio.file.Path mapping;

    @Option(names = "--schemas", split = ",", paramLabel = "a,b",
            description = "Source schemas to read (PostgreSQL; default public), e.g. public,auth for Supabase.")
    java.util.List<String> schemas = new java.util.ArrayList<>();

    @Option(names = "--include-extension-tables",
            description = "Also read the tables an extension owns (PostgreSQL source; e.g. PostGIS spatial_ref_sys)."
                    + " By default they are skipped, as pg_dump does: CREATE EXTENSION on the target makes them.")
    boolean includeExtensionTables;

    /** The open --audit log, set by {@link Audited} before the command runs; null without --audit. */
    io.decant.core.api.AuditSink auditLog;
}
