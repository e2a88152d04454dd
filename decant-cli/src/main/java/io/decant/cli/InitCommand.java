package io.decant.cli;

import io.decant.core.api.InitReport;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.init.InitResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code decant init}: writes a first spec from the two schemas and the source's first rows
 * ({@link SpecInference} does the work), then says which of its lines need a decision. Creates
 * nothing but the spec file: a target that does not exist yet is not opened (init proposes
 * {@code --create-schema}), and an existing spec file is kept unless {@code --force}.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Writes a spec from the source and target schemas and a sample of the source's rows: matched"
                + " tables and columns, the naming rule, casts, id strategies, and a TODO for each choice left to you.")
final class InitCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "URL", description = "Source (default: DECANT_FROM).")
    String from;

    @Option(names = "--to", paramLabel = "URL", description = "Target whose schema the spec loads into (default: DECANT_TO);"
            + " without it, or with no tables in it, the spec is for --create-schema.")
    String to;

    @Option(names = "--out", paramLabel = "FILE", description = "The spec to write (default: decant.yaml).")
    Path out = Path.of("decant.yaml");

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Option(names = "--sample", paramLabel = "N", description = "Rows read from each source table to choose casts (default: 1000).")
    long sample = 1000;

    @Option(names = "--schema-ref", paramLabel = "PATH|URL", description = "What the spec's first line points editors at"
            + " (default: the path from --out to docs/decant.schema.json of this decant).")
    String schemaRef;

    @Mixin
    CommonOptions common;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    record DecisionView(String file, int line, String path, String todo, boolean failsPlan) {
    }

    record InitView(String file, String source, String target, boolean createSchema, int tablesPaired,
                    int tablesWithoutTarget, long rowsSampled, List<DecisionView> decisions, String next) {
    }

    @Override
    public Integer call() {
        if (sample < 0) {
            throw DecantException.usage("--sample takes a number of rows, 0 or more; got " + sample);
        }
        if (common.spec != null) {
            throw DecantException.usage("init writes a spec and reads none: leave out --spec, and name the file to write"
                    + " with --out");
        }
        if (Files.exists(out) && !force) {
            throw DecantException.usage(out + " exists; init does not overwrite it: choose another --out, or add --force");
        }
        String ref = schemaRef != null ? schemaRef : SchemaRef.from(out);
        if (schemaRef == null && ref.equals(SchemaRef.BESIDE)) {
            cmd.commandLine().getErr().println("note: this decant has no docs/decant.schema.json beside it: the spec's first"
                    + " line points editors at " + SchemaRef.BESIDE + " in the spec's folder; copy it there, or give --schema-ref");
        }
        InitReport report = Facade.configure(common, cmd.commandLine().getErr()).from(from).to(to).load().init(sample, ref);
        InitResult result = report.result();
        write(result.spec());
        String file = out.toString();
        List<DecisionView> decisions = result.decisions().stream()
                .map(d -> new DecisionView(file, d.line(), d.path(), d.todo(), d.fails())).toList();
        String next = "decant plan --from " + report.source() + (report.target() == null ? "" : " --to " + report.target())
                + (result.createSchema() ? " --create-schema" : "") + " --spec " + file + " --sample all";
        InitView view = new InitView(file, report.source(), report.target(), result.createSchema(), result.tablesMatched(),
                result.tablesWithoutTarget(), result.sampledRows(), decisions, next);
        PrintWriter pw = cmd.commandLine().getOut();
        pw.print(common.output == OutputFormat.JSON ? Json.write(view) + "\n" : text(view));
        pw.flush();
        return 0;
    }

    private void write(String text) {
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            if (force) {
                Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            } else {
                Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw DecantException.usage(out + " exists; init does not overwrite it: choose another --out, or add --force");
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, io.decant.core.error.ErrorContext.EMPTY, "cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static String text(InitView v) {
        StringBuilder sb = new StringBuilder();
        sb.append("wrote ").append(v.file()).append(": ");
        if (v.createSchema()) {
            sb.append(v.target() == null ? "no target given" : "the target has no tables").append(", so the spec is for"
                    + " --create-schema; ");
        } else {
            sb.append(v.tablesPaired()).append(" tables paired with a target table, ").append(v.tablesWithoutTarget())
                    .append(" without one (excluded); ");
        }
        sb.append(v.rowsSampled()).append(" rows sampled\n");
        if (v.decisions().isEmpty()) {
            sb.append("nothing left to decide\n");
        } else {
            long failing = v.decisions().stream().filter(DecisionView::failsPlan).count();
            sb.append("needs a decision (").append(v.decisions().size()).append(failing == 0
                    ? "; each holds a choice that loads as written"
                    : "; " + failing + " marked FAILS PLAN fail plan --sample as written, the others hold a choice that loads")
                    .append("):\n");
            for (DecisionView d : v.decisions()) {
                sb.append("  ").append(d.file()).append(':').append(d.line()).append(' ').append(d.path()).append(": ")
                        .append(d.failsPlan() ? "FAILS PLAN: " : "").append(d.todo()).append('\n');
            }
        }
        sb.append("next: ").append(v.next()).append('\n');
        return sb.toString();
    }
}
