package io.decant.cli;

import io.decant.core.Decant;
import io.decant.core.DecantConfig;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.error.DecantException;
import io.decant.core.util.Redactor;
import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyReport;
import io.decant.sqlite.demo.D1AppGenerator;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole story on a machine with nothing but a JDK: a generated D1-style SQLite database, an
 * embedded PostgreSQL, the migration, and the proof.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a D1-style SQLite app database, migrates it into an embedded PostgreSQL "
                + "(or --to URL), verifies it and prints the summary.")
final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    ProgressOption progress;

    @Option(names = "--readings", paramLabel = "N", description = "Rows of the large readings table (default 20000).")
    long readings = 20_000;

    @Option(names = "--to", paramLabel = "URL", description = "A PostgreSQL database to use instead of the embedded one; "
            + "it must be empty.")
    String to;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the SQLite file and the report "
            + "(default: a new temporary folder).")
    Path dir;

    @Option(names = "--jobs", paramLabel = "N", description = "Tables loaded at once (default 2).")
    int jobs = 2;

    @Option(names = "--output", paramLabel = "text|json", description = "Result format on stdout (default: text).")
    OutputFormat output = OutputFormat.TEXT;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    /** The demo's result under --output json: the run, the verification, and where the files are. */
    record DemoResult(String source, String target, MigrationResult migration, VerifyReport verification, String report) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        if (to == null && !EmbeddedDemoPostgres.available()) {
            throw EmbeddedDemoPostgres.missing();
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("decant-demo");
        Path app = work.resolve("app.db");
        err.println("demo: generating a D1-style app database with " + Format.count(readings) + " readings at " + app);
        D1AppGenerator.generate(app, readings, 42);
        if (to != null) {
            return run(app, to, work, out, err);
        }
        err.println("demo: starting an embedded PostgreSQL");
        try (EmbeddedDemoPostgres embedded = EmbeddedDemoPostgres.start("decant_demo")) {
            return run(app, embedded.url(), work, out, err);
        }
    }

    private int run(Path app, String targetUrl, Path work, PrintWriter out, PrintWriter err) {
        Path mapping = work.resolve("id-mapping.json");
        Path reportFile = work.resolve("verification-report.json");
        Map<String, String> env = new java.util.HashMap<>(Environment.current());
        env.put("D1_URL", "sqlite:" + app);
        env.put("DATABASE_URL", targetUrl);
        DecantConfig config = Decant.configure().environment(env)
                .specText(exampleSpec(), "examples/d1-to-postgres/decant.yaml").from("sqlite:" + app)
                .to(targetUrl).mapping(mapping);
        MigrationResult result = config.options(MigrationOptions.builder().createSchema(true).jobs(Math.max(1, jobs)).build())
                .progress(new StderrProgress(err, StderrProgress.chosen(progress.mode))).messages(err::println).load().migrate();
        VerifyReport report = config.options(MigrationOptions.defaults()).messages(m -> { }).report(reportFile).load()
                .verify();
        if (output == OutputFormat.JSON) {
            out.println(Json.write(new DemoResult("sqlite:" + app, Redactor.global().redact(targetUrl), result, report,
                    reportFile.toString())));
            out.flush();
            return report.status() == Status.FAIL ? 1 : 0;
        }
        out.println("Migrated " + app + " -> " + Redactor.global().redact(targetUrl) + " with the spec of examples/"
                + "d1-to-postgres (casts, snake_case, ids remapped to UUIDs, user_wallet split into user_progress, sessions left out):");
        out.print(ResultView.text(result));
        out.println();
        out.print(VerifyText.render(report));
        out.println("report: " + reportFile + " (and " + Decant.htmlReport(reportFile).getFileName() + ")");
        out.flush();
        return report.status() == Status.FAIL ? 1 : 0;
    }

    /** The d1-to-postgres example's spec, packaged in the jar; its source and target come from the environment. */
    private static String exampleSpec() {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/decant.yaml")) {
            if (in == null) {
                throw DecantException.internal("the demo spec is missing from the jar", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw DecantException.internal("could not read the demo spec", e);
        }
    }
}
