package io.decant.core;

import io.decant.core.api.AuditSink;
import io.decant.core.api.CheckResult;
import io.decant.core.api.FailedRun;
import io.decant.core.api.InitReport;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.PlanView;
import io.decant.core.api.SampleReport;
import io.decant.core.api.StatusView;
import io.decant.core.api.TableSample;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.ids.IdsResults;
import io.decant.core.ids.IdsService;
import io.decant.core.init.InitResult;
import io.decant.core.init.SpecInference;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.plan.Sampler;
import io.decant.core.plan.TablePlan;
import io.decant.core.run.RunIds;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecCheck;
import io.decant.core.spec.SpecLoader;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.Endpoint;
import io.decant.core.spi.Journal;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.util.Redactor;
import io.decant.core.verify.VerifyOptions;
import io.decant.core.verify.VerifyReport;
import io.decant.core.workflow.Endpoints;
import io.decant.core.workflow.RejectFiles;
import io.decant.core.workflow.RunIdsFor;
import io.decant.core.workflow.Selection;
import io.decant.core.workflow.Transfer;
import io.decant.core.workflow.Where;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * decant as a library: the one entry point the command line and any other runner call.
 * <pre>{@code
 * Decant decant = Decant.configure().from(sourceDataSource).to("postgres://app@db/app")
 *         .spec(Path.of("decant.yaml")).options(MigrationOptions.builder().createSchema(true).build()).load();
 * MigrationResult moved = decant.migrate();
 * VerifyReport proof = decant.verify();
 * }</pre>
 * Each command checks everything it can before it writes anything (the tables selected, the files of an
 * export folder, the plan with the id mappings still unbuilt), then writes the id mapping, the rejects,
 * the report and the audit events its settings ask for, and returns the result the command line renders.
 * Errors are {@link DecantException}s with their code; a run that failed after loading some tables, or
 * rejected rows, throws {@link FailedRun} carrying the result so far. An instance may run several commands;
 * each opens and closes its own connections.
 *
 * <p>Over the usual size because it is the whole surface: each command is a short sequence of the steps
 * in {@code io.decant.core.workflow}, kept side by side so that their order (checks before side effects)
 * can be read and compared in one place.
 */
public final class Decant {
    /** decant's version (the build's project version), recorded in reports and audit logs; "unknown" if the build did not say. */
    public static final String VERSION = builtVersion();

    private final DecantConfig c;
    private final Spec spec;
    private final Map<String, String> env;
    private final Endpoints endpoints;
    private final Consumer<String> messages;
    private final Ids ids = new Ids();

    Decant(DecantConfig config) {
        this.c = config;
        this.env = config.env != null ? config.env : System.getenv();
        this.spec = config.spec != null ? config.spec
                : config.specFile != null ? SpecLoader.load(config.specFile, env)
                : config.specText != null ? SpecLoader.parse(config.specText, config.specName, env)
                : Spec.empty();
        this.endpoints = new Endpoints(config.dialects != null ? config.dialects : Dialects.installed(), env);
        Object lock = new Object();
        this.messages = m -> {
            synchronized (lock) {
                config.messages.accept(m);
            }
        };
    }

    /** Starts a configuration: endpoints, spec, options, environment, listeners, files. */
    /** Where the HTML twin of the verification report {@code json} is written (same folder, same name, .html). */
    public static Path htmlReport(Path json) {
        return io.decant.core.workflow.ReportFiles.htmlPath(json);
    }

    public static DecantConfig configure() {
        return new DecantConfig();
    }

    /** The spec every command of this instance works with ({@link Spec#empty()} when none was given). */
    public Spec spec() {
        return spec;
    }

    /** Connects to the source, and the target if there is one: server versions, privileges, tables seen. Creates nothing. */
    public CheckResult check() {
        Where to = target(false);
        List<CheckResult.EndpointView> views = new ArrayList<>();
        try (SourceDatabase source = endpoints.source(source(), c.schemas, sourceSettings())) {
            views.add(view("source", source));
        }
        String absent = to == null ? null : endpoints.absentTarget(to);
        if (absent != null) {
            // check creates nothing: a target that opening would create is reported, not opened
            views.add(new CheckResult.EndpointView("target", Redactor.global().redact(endpoints.expand(to.url(), "--to")),
                    "(none yet)", List.of(), List.of(absent)));
        } else if (to != null) {
            try (TargetDatabase target = endpoints.target(to, Map.of())) {
                views.add(view("target", target));
            }
        }
        if (c.audit != null) {
            for (CheckResult.EndpointView v : views) {
                c.audit.event("endpoint", Map.of("role", v.role(), "url", v.url(), "server", v.version(),
                        "tables", v.tables().size()));
            }
        }
        return new CheckResult(views);
    }

    /**
     * A first spec for this source and target ({@code decant init}): both schemas and the first
     * {@code sampleRows} rows of each source table. Writes nothing; a target that opening would create
     * is not opened (the spec is then for {@code createSchema}). {@code schemaRef} is what the spec's
     * first line points editors at.
     */
    public InitReport init(long sampleRows, String schemaRef) {
        Where to = target(false);
        boolean absent = to != null && endpoints.absentTarget(to) != null;
        try (SourceDatabase source = endpoints.source(source(), c.schemas, sourceSettings());
             TargetDatabase target = to == null || absent ? null : endpoints.target(to, c.schemas, Map.of())) {
            String targetShown = target != null ? target.displayUrl()
                    : to == null ? null : Redactor.global().redact(endpoints.expand(to.url(), "--to"));
            InitResult result = new SpecInference(source, target, sampleRows).infer(schemaRef);
            return new InitReport(result, source.displayUrl(), targetShown);
        }
    }

    /** The dry run of a migration: tables in load order with row counts, each column's types and cast. Writes nothing. */
    public PlanView plan() {
        return planned((source, target, options, ids) -> Transfer.plan(source, target, options, spec, ids, c.audit));
    }

    /** The statements that create the target's tables, keys, indexes and foreign keys (needs a target and createSchema). */
    public List<String> planSql() {
        return planned((source, target, options, ids) -> {
            if (!options.createSchema() || target == null) {
                throw DecantException.usage("--sql shows what --create-schema creates: give --to URL and --create-schema");
            }
            MigrationPlan plan = new Planner(options, spec, ids).plan(source, target);
            return target.ddl(plan.tables().stream().filter(TablePlan::create).map(TablePlan::target).toList());
        });
    }

    /** Runs every conversion of the plan over the first {@code rowsPerTable} rows of each table, writing nothing. */
    public SampleReport sample(long rowsPerTable) {
        return planned((source, target, options, ids) -> {
            MigrationPlan plan = new Planner(options, spec, ids).plan(source, target);
            List<TableSample> tables = Sampler.run(plan, source, rowsPerTable);
            long failures = tables.stream().mapToLong(TableSample::failures).sum();
            return new SampleReport(plan.source(), plan.target(), rowsPerTable, tables, failures);
        });
    }

    private interface PlanStep<T> {
        T apply(SourceDatabase source, TargetDatabase target, MigrationOptions options, RunIds ids);
    }

    private <T> T planned(PlanStep<T> step) {
        MigrationOptions options = runOptions();
        Where to = target(false);
        try (SourceDatabase source = endpoints.source(source(), c.schemas, sourceSettings());
             TargetDatabase target = to == null ? null : endpoints.target(to, c.schemas, Map.of())) {
            Selection.check(source, c.schemas, options, spec, c.allowEmpty, "plan");
            RunIds ids = RunIdsFor.run(spec, mappingFile(), source, null, to, endpoints, true, env, messages, unbuilt -> { });
            return step.apply(source, target, options, ids);
        }
    }

    /** Streams the source into the target, in foreign-key order. */
    public MigrationResult migrate() {
        return (MigrationResult) migrate(false);
    }

    /** What {@link #migrate()} would do, checked as it would check it (files of a folder source included). Writes nothing. */
    public PlanView migrateDryRun() {
        return (PlanView) migrate(true);
    }

    private Object migrate(boolean dryRun) {
        MigrationOptions options = runOptions();
        try (SourceDatabase source = endpoints.source(source(), c.schemas, sourceSettings());
             TargetDatabase target = endpoints.target(target(true), c.schemas, targetSettings())) {
            Selection.check(source, c.schemas, options, spec, c.allowEmpty, "migrate");
            // As import does: a cut-off file of a folder source is refused before the first table, not after others committed.
            source.checkFiles(Selection.byKey(options, spec), dryRun, messages);
            return load(source, target, options, dryRun);
        }
    }

    /** Loads an export folder into the target; every file of the selected tables is checked before the first table. */
    public MigrationResult importFrom(Path dir) {
        return (MigrationResult) importFrom(dir.toString(), false);
    }

    /** What {@link #importFrom(Path)} would do, with every file's SHA-256 and row count checked. Writes nothing. */
    public PlanView importDryRun(Path dir) {
        return (PlanView) importFrom(dir.toString(), true);
    }

    /** {@code ${VAR}} in the folder's name is expanded from the environment. */
    private Object importFrom(String dir, boolean dryRun) {
        MigrationOptions options = runOptions();
        String folder = endpoints.expand(dir, "--in");
        try (SourceDatabase source = endpoints.source(Where.of("dir:" + folder), c.schemas, Map.of())) {
            Selection.check(source, c.schemas, options, spec, c.allowEmpty, "import");
            // Before the target is opened: a cut-off or changed file is refused before any table is created or loaded.
            source.checkFiles(Selection.byKey(options, spec), dryRun || c.verifyFiles, messages);
            try (TargetDatabase target = endpoints.target(target(true), c.schemas, targetSettings())) {
                return load(source, target, options, dryRun);
            }
        }
    }

    private Object load(SourceDatabase source, TargetDatabase target, MigrationOptions options, boolean dryRun) {
        if (options.truncateFirst() && !dryRun && !c.confirmTruncate.test(
                "--truncate-first will DELETE every row of the planned tables in " + target.displayUrl() + ".")) {
            throw new DecantException(ErrorCode.CONFIRMATION_REQUIRED,
                    "--truncate-first deletes data in the target: add --yes to confirm (no terminal to ask at)");
        }
        RunIds ids = RunIdsFor.run(spec, mappingFile(), source, target, target(true), endpoints, dryRun, env, messages,
                unbuilt -> Transfer.check(source, target, options, spec, unbuilt));
        return dryRun ? Transfer.plan(source, target, options, spec, ids, c.audit)
                : Transfer.run(source, target, options, spec, ids, c.progress, c.audit, c.report);
    }

    /** Writes every selected table to an export folder: manifest.json and one file per table, owner-only. */
    public MigrationResult exportTo(Path dir) {
        return (MigrationResult) exportTo(dir.toString(), false);
    }

    /** The tables an export would write, in load order with row counts. Writes nothing. */
    public PlanView exportDryRun() {
        return (PlanView) exportTo(null, true);
    }

    /** {@code ${VAR}} in the folder's name is expanded from the environment. */
    private Object exportTo(String dir, boolean dryRun) {
        if (!c.exportFormat.equals("jsonl") && !c.exportFormat.equals("json")) {
            throw DecantException.usage("--format must be jsonl or json, not " + c.exportFormat);
        }
        MigrationOptions options = MigrationOptions.builder().tables(c.options.tables()).exclude(c.options.exclude())
                .createSchema(true).jobs(c.options.jobs()).passThrough(c.options.passThrough()).naiveZone(spec.zone())
                .replaceTables(true).build();
        try (SourceDatabase source = endpoints.source(source(), c.schemas, sourceSettings())) {
            if (!dryRun && c.rowsPerFile < 0) {
                throw DecantException.usage("--rows-per-file must be positive");
            }
            boolean empty = Selection.check(source, c.schemas, options, spec, c.allowEmpty, "export").isEmpty();
            RunIds ids = RunIdsFor.run(spec, mappingFile(), source, null, null, endpoints, dryRun, env, messages,
                    unbuilt -> Transfer.check(source, null, options, spec, unbuilt));
            if (dryRun) {
                return Transfer.plan(source, null, options, spec, ids, c.audit);
            }
            Map<String, String> settings = c.rowsPerFile > 0
                    ? Map.of("format", c.exportFormat, "source", source.displayUrl(), "rowsPerFile", Long.toString(c.rowsPerFile))
                    : Map.of("format", c.exportFormat, "source", source.displayUrl());
            try (TargetDatabase target = endpoints.target(Where.of("dir:" + endpoints.expand(dir, "--out")), settings)) {
                if (empty) {
                    // An allowed export of no table is still an export folder: its manifest lists no table, so a later
                    // import or verify (with --allow-empty) reads it instead of finding no folder. The run creates none.
                    target.createTables(List.of());
                }
                return Transfer.run(source, target, options, spec, ids, c.progress, c.audit, null);
            }
        }
    }

    /** Compares source and target through the same plan and id mapping: counts, checksums, orphans, duplicates. */
    public VerifyReport verify() {
        return verify(VerifyOptions.defaults());
    }

    /** {@link #verify()} with these options (checksums or counts only). */
    public VerifyReport verify(VerifyOptions options) {
        return new io.decant.core.workflow.Verification(endpoints, spec, c.specFile, c.schemas, c.options, sourceSettings(),
                readSettings(), targetSettings(), c.allowEmpty, c.audit, messages, c.report).run(source(), target(false),
                verifyMapping(), options);
    }

    /**
     * What a verification is made with, for printing beside its result as the report files record it: decant's
     * version, the time, the spec's hash and the id mapping file verify reads.
     */
    public io.decant.core.api.ReportMeta verifyMeta() {
        return io.decant.core.api.ReportMeta.of(c.specFile, verifyMapping());
    }

    /** The id mapping file verify reads, or null when the run made none. */
    private Path verifyMapping() {
        return c.mapping != null || !spec.ids().isEmpty() ? mappingFile() : null;
    }

    /** Builds, shows and looks up id mappings without moving data. */
    public Ids ids() {
        return ids;
    }

    /** What the run journal in the target records, and what a resumed run would continue. Reads only. */
    public StatusView status() {
        Where url = target(true);
        String absent = endpoints.absentTarget(url);
        if (absent != null) {
            return new StatusView(Redactor.global().redact(endpoints.expand(url.url(), "--to")), List.of(),
                    absent + "; no run has written to it, so there is nothing to resume");
        }
        try (TargetDatabase target = endpoints.target(url, targetSettings())) {
            Journal journal = target.journal();
            return journal == null
                    ? new StatusView(target.displayUrl(), List.of(), "this target keeps no run journal; --resume is refused for it")
                    : StatusView.of(target.displayUrl(), journal.read());
        }
    }

    /** The id mappings of the spec's {@code ids:}, without moving data. */
    public final class Ids {
        private Ids() {
        }

        /** Runs every {@code ids:} strategy of the spec (creating users where asked) and writes the mapping file, owner-only. */
        public IdsResults.Build build() {
            boolean match = spec.ids().values().stream().anyMatch(i -> i.strategy() == IdStrategy.MATCH);
            Where to = match ? target(true) : null;
            try (SourceDatabase source = endpoints.source(source(), c.schemas, readSettings());
                 SourceDatabase target = to == null ? null : endpoints.source(to, List.of(), Map.of())) {
                // The spec the migration will use is checked before an id is made or a user created.
                SpecCheck.orThrow(spec, source.tables());
                IdsResults.Build r = new IdsService().build(new IdsService.BuildRequest(spec.ids(), source, target,
                        mappingFile(), spec.mappingRetentionDays(), Map.of(), env, messages, null));
                AuditSink audit = c.audit;
                if (audit != null) {
                    for (IdsResults.TableBuilt t : r.tables()) {
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("table", t.table());
                        f.put("key", t.key());
                        f.put("strategy", String.valueOf(t.strategy()));
                        f.put("entries", t.entries());
                        f.put("created", t.created());
                        f.put("reused", t.reused());
                        f.put("unmatched", t.unmatched());
                        audit.event("ids-built", f);
                    }
                    audit.event("mapping-written", Map.of("file", String.valueOf(r.file()),
                            "retainUntil", String.valueOf(r.retainUntil())));
                }
                return r;
            }
        }

        /** Counts per table, when the mapping was made and until when it is kept. */
        public IdsResults.Show show(Path mappingFile) {
            return new IdsService().show(mappingFile);
        }

        /** The new id of an old one, or the old id of a new one (or by a key field such as an email). */
        public IdsResults.Lookup lookup(Path mappingFile, String tableOrNull, String value) {
            return new IdsService().lookup(mappingFile, tableOrNull, value);
        }
    }

    /** The options of a run: the caller's, with the spec's zone, the rejects folder and resume's table replacement. */
    private MigrationOptions runOptions() {
        MigrationOptions o = c.options;
        return o.toBuilder().naiveZone(spec.zone()).replaceTables(o.resume() && o.createSchema())
                .rejects(c.rejects == null ? null : new RejectFiles(c.rejects, o.resume())).build();
    }

    /** The source: as given, else DECANT_FROM from the environment, else the spec's. */
    private Where source() {
        if (c.fromDataSource != null) {
            return Where.of(c.fromDataSource);
        }
        if (c.from != null) {
            return Where.of(c.from);
        }
        String fromEnv = env("DECANT_FROM");
        if (fromEnv != null) {
            return Where.of(fromEnv);
        }
        return Where.of(spec.sourceUrl().orElseThrow(() -> DecantException.usage(
                "--from is required (or DECANT_FROM in the environment, or 'source:' in the spec)")));
    }

    /** The target: as given, else DECANT_TO, else the spec's; null when there is none and none is required. */
    private Where target(boolean required) {
        if (c.toDataSource != null) {
            return Where.of(c.toDataSource);
        }
        if (c.to != null) {
            return Where.of(c.to);
        }
        String toEnv = env("DECANT_TO");
        if (toEnv != null) {
            return Where.of(toEnv);
        }
        if (required) {
            return Where.of(spec.targetUrl().orElseThrow(() -> DecantException.usage(
                    "--to is required (or DECANT_TO in the environment, or 'target:' in the spec)")));
        }
        return Where.of(spec.targetUrl().orElse(null));
    }

    private String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The id mapping file: as given, else {@code id-mapping.json} beside the spec file (or in the working folder). */
    private Path mappingFile() {
        if (c.mapping != null) {
            return c.mapping;
        }
        Path dir = c.specFile == null ? Path.of(".") : c.specFile.toAbsolutePath().getParent();
        return dir.resolve("id-mapping.json");
    }

    /** A source's settings: the spec's, and those for any database decant reads. */
    private Map<String, String> sourceSettings() {
        Map<String, String> settings = new LinkedHashMap<>(spec.sourceSettings());
        settings.putAll(readSettings());
        return settings;
    }

    /** The settings for any database decant reads (a source, or a target verify reads back). */
    private Map<String, String> readSettings() {
        return c.includeExtensionTables ? Map.of(OpenOptions.EXTENSION_TABLES, "include") : Map.of();
    }

    /** The settings a target is opened with: where it keeps the run journal, when the caller said. */
    private Map<String, String> targetSettings() {
        return c.journalSchema == null ? Map.of() : Map.of(OpenOptions.JOURNAL_SCHEMA, c.journalSchema);
    }

    private static CheckResult.EndpointView view(String role, Endpoint e) {
        return new CheckResult.EndpointView(role, e.displayUrl(), e.serverVersion(),
                e.tables().stream().map(t -> t.id().display()).toList(), e.checkNotes());
    }

    private static String builtVersion() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Decant.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // an unreadable resource leaves the version unknown; decant still runs
        }
        String v = p.getProperty("version", "");
        return v.isBlank() || v.startsWith("${") ? "unknown" : v.trim();
    }
}
