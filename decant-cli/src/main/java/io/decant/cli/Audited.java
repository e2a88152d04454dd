package io.decant.cli;

import io.decant.core.api.AuditSink;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs a command, and when it was given {@code --audit FILE} writes {@code command-start} before it
 * and {@code command-end} after it, however it ends (result, refusal, crash), so that every command
 * that accepts {@code --audit} leaves a record. What the command does in between {@link
 * io.decant.core.Decant} writes, given the log as its audit sink ({@link Facade#configure}). The options are recorded by name only: their values hold URLs.
 */
final class Audited implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy next;

    Audited(CommandLine.IExecutionStrategy next) {
        this.next = next;
    }

    @Override
    public int execute(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        CommonOptions common = common(leaf.commandSpec());
        if (common == null || common.audit == null || leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
            return next.execute(parseResult);
        }
        String command = leaf.commandSpec().qualifiedName();
        AuditSink log;
        try {
            log = AuditSink.toFile(common.audit);
            List<String> options = new ArrayList<>();
            leaf.matchedOptions().forEach(o -> options.add(o.longestName()));
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("command", command);
            start.put("options", options);
            start.put("version", Main.VERSION);
            log.event("command-start", start);
        } catch (DecantException e) {
            throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), e.getMessage(), e);
        }
        common.auditLog = log;
        try {
            int exit = next.execute(parseResult);
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("command", command);
            // a result with a non-zero exit: verify found differences (1), plan --sample found values that would fail (3)
            end.put("status", exit == 0 ? "ok" : exit == 1 ? "differences" : "failed");
            end.put("exit", exit);
            log.event("command-end", end);
            return exit;
        } catch (CommandLine.ExecutionException e) {
            DecantException d = Main.failure(e.getCause());
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("command", command);
            end.put("status", "failed");
            ErrorCode code = d == null ? ErrorCode.INTERNAL : d.code();
            end.put("exit", code.exitCode());
            end.put("code", code.name());
            end.put("error", d == null ? "internal error: " + e.getCause() : d.getMessage());
            log.event("command-end", end);
            throw e;
        }
    }

    private static CommonOptions common(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof CommonOptions c) {
                return c;
            }
        }
        return null;
    }
}
