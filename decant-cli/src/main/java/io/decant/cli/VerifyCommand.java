package io.decant.cli;

import io.decant.core.engine.MigrationOptions;
import io.decant.core.engine.MigrationPlan;
import io.decant.core.engine.Planner;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.verify.Status;
import io.decant.core.verify.Verifier;
import io.decant.core.verify.VerifyOptions;
import io.decant.core.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compares source and target through the same plan: row counts, content checksums down to the row, "
                + "orphans, duplicates and NULLs. Exit 0 when everything matched, 1 when something differs.")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "URL|DIR", description = "Source (default: the spec's source).")
    String from;

    @Option(names = "--to", paramLabel = "URL|DIR", description = "The target; without it an export folder checks itself.")
    String to;

    @Option(names = "--skip-checksum", description = "Row counts only (fast).")
    boolean skipChecksum;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the report as JSON here, and as HTML beside it.")
    Path report;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    /** The id mapping file this run read, for the report; null when it read none. */
    private Path mappingRead;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
        var spec = SpecFile.load(common.spec);
        String from = SpecFile.from(this.from, spec);
        String to = SpecFile.to(this.to, spec, false);
        Endpoints endpoints = Endpoints.fromEnvironment();
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        VerifyReport result;
        if (to == null) {
            String dir = endpoints.expand(from, "--from");
            if (!isDirectory(dir)) {
                throw io.decant.core.error.DecantException.usage("verify needs --to, unless --from is an export folder,"
                        + " which then checks its files against its manifest; " + dir + " is not a folder");
            }
            result = FolderSelfCheck.run(Path.of(dir));
            return finish(result, out, err);
        }
        String targetUrl = to;
        MigrationOptions options = MigrationOptions.defaults().withTables(selection.tables, selection.exclude);
        options = new MigrationOptions(options.tables(), options.exclude(), false, false, false, 1, 1000, spec.zone(), false,
                false, null);
        try (SourceDatabase source = endpoints.source(from, common.schemas, common.sourceSettings(spec));
             SourceDatabase target = endpoints.source(targetUrl, common.schemas, common.readSettings())) {
            Selected.check(source, common.schemas, options, spec, selection.allowEmpty, "verify");
            mappingRead = common.mapping != null || !spec.ids().isEmpty() ? RunIdsFor.mappingFile(common) : null;
            var ids = io.decant.core.engine.RunIds.load(spec, source, mappingRead);
            MigrationPlan plan = new Planner(options, spec, ids).planComparison(source, target);
            VerifyOptions vo = VerifyOptions.defaults().withChecksums(!skipChecksum);
            result = new Verifier(vo, m -> {
                synchronized (err) {
                    err.println(m);
                    err.flush();
                }
            }).verify(plan, source, target);
        }
        return finish(result, out, err);
    }

    private int finish(VerifyReport result, PrintWriter out, PrintWriter err) {
        AuditLog audit = AuditLog.of(common);
        if (audit != null) {
            for (io.decant.core.verify.TableCheck t : result.tables()) {
                audit.event("table-verified", tableEvent(t));
            }
            audit.event("verify-end", Map.of("status", result.status().name().toLowerCase(java.util.Locale.ROOT),
                    "tables", result.tables().size(), "checksums", result.checksums()));
        }
        if (result.tables().isEmpty() && !selection.allowEmpty) {
            // a proof over nothing proves nothing: "0 of 0 checks passed" must not read as a pass
            throw new io.decant.core.error.DecantException(io.decant.core.error.ErrorCode.NOTHING_SELECTED,
                    io.decant.core.error.ErrorContext.EMPTY.withPhase("verify"), "verify compared no table of "
                    + result.source() + (result.target() == null ? "" : " with " + result.target())
                    + ", so it proves nothing; check the source and the selection, or add --allow-empty if that is expected");
        }
        if (common.debug) {
            for (io.decant.core.verify.IntegrityCheck c : result.integrity()) {
                err.println("sql: " + c.kind() + " " + c.subject() + ": " + c.sql());
            }
        }
        if (report != null) {
            ReportFiles.write(report, result, ReportMeta.of(common.spec, mappingRead));
            err.println("report: " + report + " and " + ReportFiles.htmlPath(report));
        }
        out.print(switch (common.output) {
            case JSON -> Json.write(result) + "\n";
            case MARKDOWN -> VerifyMarkdown.render(result);
            case TEXT -> VerifyText.render(result);
        });
        out.flush();
        return result.status() == Status.FAIL ? 1 : 0;
    }

    private static Map<String, Object> tableEvent(io.decant.core.verify.TableCheck t) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("table", t.table());
        f.put("target", t.target());
        f.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT));
        f.put("sourceRows", t.sourceRows());
        f.put("targetRows", t.targetRows());
        f.put("differingRows", t.differingRows());
        return f;
    }

    static boolean isDirectory(String s) {
        return Files.isDirectory(Path.of(s));
    }
}
