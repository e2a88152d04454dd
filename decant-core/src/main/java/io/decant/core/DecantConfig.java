package io.decant.core;

import io.decant.core.api.AuditSink;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.ProgressListener;
import io.decant.core.spec.Spec;
import io.decant.core.spi.Dialects;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * What {@link Decant#configure()} returns: every setting of a run, by name, each with its default;
 * {@link #load()} reads the spec and gives the {@link Decant} that runs commands. A setting left
 * unset behaves as the command line does without the option.
 */
public final class DecantConfig {
    String from;
    DataSource fromDataSource;
    String to;
    DataSource toDataSource;
    Path specFile;
    String specText;
    String specName = "spec";
    Spec spec;
    MigrationOptions options = MigrationOptions.defaults();
    List<String> schemas = List.of();
    boolean includeExtensionTables;
    boolean allowEmpty;
    String journalSchema;
    Path mapping;
    Path rejects;
    Path report;
    Map<String, String> env;
    ProgressListener progress = new ProgressListener() { };
    AuditSink audit;
    Consumer<String> messages = m -> { };
    Predicate<String> confirmTruncate = question -> false;
    boolean verifyFiles;
    String exportFormat = "jsonl";
    long rowsPerFile;
    Dialects dialects;

    DecantConfig() {
    }

    /** The source: a database URL ({@code ${VAR}} expanded) or an export folder. Default: DECANT_FROM, then the spec's. */
    public DecantConfig from(String url) {
        this.from = url;
        this.fromDataSource = null;
        return this;
    }

    /** A PostgreSQL or MySQL/MariaDB source reached through the application's own DataSource. */
    public DecantConfig from(DataSource dataSource) {
        this.fromDataSource = dataSource;
        this.from = null;
        return this;
    }

    /** The target URL. Default: DECANT_TO, then the spec's. */
    public DecantConfig to(String url) {
        this.to = url;
        this.toDataSource = null;
        return this;
    }

    /** A PostgreSQL or MySQL/MariaDB target reached through the application's own DataSource. */
    public DecantConfig to(DataSource dataSource) {
        this.toDataSource = dataSource;
        this.to = null;
        return this;
    }

    /** The migration spec, a YAML file; its folder is where the id mapping file goes by default. */
    public DecantConfig spec(Path file) {
        this.specFile = file;
        this.specText = null;
        this.spec = null;
        return this;
    }

    /** The migration spec as YAML text. */
    public DecantConfig specText(String yaml) {
        return specText(yaml, "spec");
    }

    /** The migration spec as YAML text; {@code name} says where it came from in every error about it. */
    public DecantConfig specText(String yaml, String name) {
        this.specText = yaml;
        this.specName = name;
        this.specFile = null;
        this.spec = null;
        return this;
    }

    /** The migration spec, already parsed. */
    public DecantConfig spec(Spec spec) {
        this.spec = spec;
        this.specFile = null;
        this.specText = null;
        return this;
    }

    /**
     * Tables, schema creation, truncation, jobs, chunks, resume, collation ({@link MigrationOptions#builder()}).
     * The naive zone comes from the spec, and rejected rows from {@link #rejects(Path)}; their values here are not used.
     */
    public DecantConfig options(MigrationOptions options) {
        this.options = options;
        return this;
    }

    /** Source schemas to read (PostgreSQL; default public). */
    public DecantConfig schemas(List<String> schemas) {
        this.schemas = List.copyOf(schemas);
        return this;
    }

    /** Also read the tables an extension owns (PostgreSQL source; e.g. PostGIS spatial_ref_sys). */
    public DecantConfig includeExtensionTables(boolean include) {
        this.includeExtensionTables = include;
        return this;
    }

    /** Let a selection that holds no table succeed (a name that matches nothing stays an error). */
    public DecantConfig allowEmpty(boolean allow) {
        this.allowEmpty = allow;
        return this;
    }

    /** PostgreSQL target: the schema of the run journal (default {@code decant}). */
    public DecantConfig journalSchema(String schema) {
        this.journalSchema = schema;
        return this;
    }

    /** The id mapping file. Default: {@code id-mapping.json} beside the spec file, or in the working folder. */
    public DecantConfig mapping(Path file) {
        this.mapping = file;
        return this;
    }

    /**
     * Reject rather than fail: rows whose values do not convert, and rows a PostgreSQL target refuses, go to
     * {@code dir/<table>.jsonl} with their reason, and the run ends in {@link io.decant.core.api.FailedRun}
     * ({@code ROWS_REJECTED}) when there were any. Default (null): fail at the first.
     */
    public DecantConfig rejects(Path dir) {
        this.rejects = dir;
        return this;
    }

    /** migrate and import write their result here as JSON; verify writes its report here and as HTML beside it. */
    public DecantConfig report(Path file) {
        this.report = file;
        return this;
    }

    /** The environment ${VAR}, DECANT_FROM/DECANT_TO and PG* are read from. Default: the process environment. */
    public DecantConfig environment(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return this;
    }

    /** Told of each table's start, rows and end during a run. Default: nothing. */
    public DecantConfig progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /** Where the events of every command go (the README lists them). Default: none. */
    public DecantConfig audit(AuditSink sink) {
        this.audit = sink;
        return this;
    }

    /** Told what a command notes as it goes: files checked, ids built, verify's steps. Default: nothing. */
    public DecantConfig messages(Consumer<String> sink) {
        this.messages = sink;
        return this;
    }

    /**
     * Asked, with a sentence naming the target, before truncate-first deletes rows; a refusal stops the
     * run ({@code CONFIRMATION_REQUIRED}) before anything is written. Default: refuse, so that
     * truncating needs {@code confirmTruncate(q -> true)}.
     */
    public DecantConfig confirmTruncate(Predicate<String> confirm) {
        this.confirmTruncate = confirm;
        return this;
    }

    /** import: check every file's SHA-256 and row count before loading, not only its size (a dry run always does). */
    public DecantConfig verifyFiles(boolean verify) {
        this.verifyFiles = verify;
        return this;
    }

    /** export: {@code jsonl} (default) or {@code json}. */
    public DecantConfig exportFormat(String format) {
        this.exportFormat = format;
        return this;
    }

    /** export: split a table into numbered files of at most this many rows (0, the default: one file per table). */
    public DecantConfig rowsPerFile(long rows) {
        this.rowsPerFile = rows;
        return this;
    }

    /** The dialects to open URLs with. Default: those on the class path ({@link Dialects#installed()}). */
    public DecantConfig dialects(Dialects dialects) {
        this.dialects = dialects;
        return this;
    }

    /**
     * Reads the spec (a spec that does not parse is refused here, before anything connects) and gives the
     * runner, with these settings as they are now: changing this configuration afterwards does not change it.
     */
    public Decant load() {
        return new Decant(copy());
    }

    private DecantConfig copy() {
        DecantConfig c = new DecantConfig();
        c.from = from;
        c.fromDataSource = fromDataSource;
        c.to = to;
        c.toDataSource = toDataSource;
        c.specFile = specFile;
        c.specText = specText;
        c.specName = specName;
        c.spec = spec;
        c.options = options;
        c.schemas = schemas;
        c.includeExtensionTables = includeExtensionTables;
        c.allowEmpty = allowEmpty;
        c.journalSchema = journalSchema;
        c.mapping = mapping;
        c.rejects = rejects;
        c.report = report;
        c.env = env;
        c.progress = progress;
        c.audit = audit;
        c.messages = messages;
        c.confirmTruncate = confirmTruncate;
        c.verifyFiles = verifyFiles;
        c.exportFormat = exportFormat;
        c.rowsPerFile = rowsPerFile;
        c.dialects = dialects;
        return c;
    }
}
