package io.decant.core.workflow;

import io.decant.core.api.AuditSink;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.ReportMeta;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.run.RunIds;
import io.decant.core.spec.Spec;
import io.decant.core.spi.Dialect;
import io.decant.core.spi.Journal;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.verify.MigrateNotes;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.Verifier;
import io.decant.core.verify.VerifyOptions;
import io.decant.core.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code verify}: both sides read through the same plan and id mapping, or an export folder alone
 * against its manifest; then the audit events, the refusal of a proof over no table, and the report files.
 */
public final class Verification {
    private final Endpoints endpoints;
    private final Spec spec;
    private final Path specFile;
    private final List<String> schemas;
    private final MigrationOptions selection;
    private final Map<String, String> sourceSettings;
    private final Map<String, String> readSettings;
    private final Map<String, String> journalSettings;
    private final boolean allowEmpty;
    private final AuditSink audit;
    private final Consumer<String> messages;
    private final Path report;

    /**
     * @param selection only its tables and exclude are used
     * @param report    where to write the report as JSON, and as HTML beside it; null for none
     * @param journalSettings the target's settings that say where its run journal is
     */
    public Verification(Endpoints endpoints, Spec spec, Path specFile, List<String> schemas, MigrationOptions selection,
                        Map<String, String> sourceSettings, Map<String, String> readSettings,
                        Map<String, String> journalSettings, boolean allowEmpty,
                        AuditSink audit, Consumer<String> messages, Path report) {
        this.endpoints = endpoints;
        this.spec = spec;
        this.specFile = specFile;
        this.schemas = schemas;
        this.selection = selection;
        this.sourceSettings = sourceSettings;
        this.readSettings = readSettings;
        this.journalSettings = journalSettings;
        this.allowEmpty = allowEmpty;
        this.audit = audit;
        this.messages = messages;
        this.report = report;
    }

    /**
     * @param to          the target, or null: then {@code from} must be an export folder, which checks itself
     * @param mappingRead the id mapping file to read, or null when the run made none
     */
    public VerifyReport run(Where from, Where to, Path mappingRead, VerifyOptions options) {
        if (to == null) {
            String dir = from.url() == null ? from.toString() : endpoints.expand(from.url(), "--from");
            if (from.url() == null || !Files.isDirectory(Path.of(dir))) {
                throw DecantException.usage("verify needs --to, unless --from is an export folder, which then checks its"
                        + " files against its manifest; " + dir + " is not a folder");
            }
            return finish(alone(dir), null);
        }
        MigrationOptions plan = MigrationOptions.builder().tables(selection.tables()).exclude(selection.exclude())
                .naiveZone(spec.zone()).build();
        VerifyReport result;
        try (SourceDatabase source = endpoints.source(from, schemas, sourceSettings);
             SourceDatabase target = endpoints.source(to, schemas, readSettings)) {
            Selection.check(source, schemas, plan, spec, allowEmpty, "verify");
            RunIds ids = RunIds.load(spec, source, mappingRead);
            MigrationPlan comparison = new Planner(plan, spec, ids).planComparison(source, target);
            result = new Verifier(options, messages, migrateNotes(to)).verify(comparison, source, target);
        }
        return finish(result, mappingRead);
    }

    /**
     * What migrate noted in the target's run journal, read in this process: the notes explain differences it
     * caused on purpose. A target without a journal, or one verify may not read, has none: then every difference
     * stays unexplained, which is the safe side.
     */
    private MigrateNotes migrateNotes(Where to) {
        if (endpoints.absentTarget(to) != null) {
            return MigrateNotes.NONE;
        }
        TargetDatabase target;
        try {
            target = endpoints.target(to, journalSettings);
        } catch (DecantException e) {
            return MigrateNotes.NONE; // read as a source, it is fine; what does not open as a target keeps no journal
        }
        try (target) {
            Journal journal = target.journal();
            return journal == null ? MigrateNotes.NONE : MigrateNotes.of(journal.read());
        } catch (DecantException e) {
            messages.accept("migrate's notes were not read from the target's run journal (" + e.getMessage()
                    + "); differences they would explain are reported as failures");
            return MigrateNotes.NONE;
        }
    }

    private VerifyReport alone(String dir) {
        for (Dialect d : endpoints.dialects().all()) {
            VerifyReport r = d.verifyAlone(dir);
            if (r != null) {
                return r;
            }
        }
        throw DecantException.usage("no installed module can check the folder " + dir + " alone (decant-files does);"
                + " give a target to compare it with");
    }

    private VerifyReport finish(VerifyReport result, Path mappingRead) {
        if (audit != null) {
            for (TableCheck t : result.tables()) {
                audit.event("table-verified", tableEvent(t));
            }
            audit.event("verify-end", Map.of("status", result.status().name().toLowerCase(Locale.ROOT),
                    "tables", result.tables().size(), "checksums", result.checksums()));
        }
        if (result.tables().isEmpty() && !allowEmpty) {
            // a proof over nothing proves nothing: "0 of 0 checks passed" must not read as a pass
            throw new DecantException(ErrorCode.NOTHING_SELECTED, ErrorContext.EMPTY.withPhase("verify"), "verify compared"
                    + " no table of " + result.source() + (result.target() == null ? "" : " with " + result.target())
                    + ", so it proves nothing; check the source and the selection, or add --allow-empty if that is expected");
        }
        if (report != null) {
            ReportFiles.write(report, result, ReportMeta.of(specFile, mappingRead));
        }
        return result;
    }

    private static Map<String, Object> tableEvent(TableCheck t) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("table", t.table());
        f.put("target", t.target());
        f.put("status", t.status().name().toLowerCase(Locale.ROOT));
        f.put("sourceRows", t.sourceRows());
        f.put("targetRows", t.targetRows());
        f.put("differingRows", t.differingRows());
        return f;
    }
}
