package io.decant.cli;

import io.decant.core.spi.Endpoint;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Connects, reports server versions, privileges needed and tables seen.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "URL", description = "Source (default: the spec's source).")
    String from;

    @Option(names = "--to", paramLabel = "URL")
    String to;

    @Mixin
    CommonOptions common;

    @Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    record EndpointView(String role, String url, String version, List<String> tables, List<String> notes) {
    }

    @Override
    public Integer call() {
        var spec = SpecFile.load(common.spec);
        String to = SpecFile.to(this.to, spec, false);
        Endpoints endpoints = Endpoints.fromEnvironment();
        List<EndpointView> views = new ArrayList<>();
        try (SourceDatabase source = endpoints.source(SpecFile.from(from, spec), common.schemas, common.sourceSettings(spec))) {
            views.add(view("source", source));
        }
        String absent = to == null ? null : endpoints.absentTarget(to);
        if (absent != null) {
            // check creates nothing: a target that opening would create is reported, not opened
            views.add(new EndpointView("target", io.decant.core.util.Redactor.global().redact(endpoints.expand(to, "--to")),
                    "(none yet)", List.of(), List.of(absent)));
        } else if (to != null) {
            try (TargetDatabase target = endpoints.target(to, Map.of())) {
                views.add(view("target", target));
            }
        }
        AuditLog audit = AuditLog.of(common);
        if (audit != null) {
            for (EndpointView v : views) {
                audit.event("endpoint", Map.of("role", v.role(), "url", v.url(), "server", v.version(),
                        "tables", v.tables().size()));
            }
        }
        PrintWriter out = cmd.commandLine().getOut();
        if (common.output == OutputFormat.JSON) {
            out.println(Json.write(Map.of("endpoints", views)));
        } else {
            for (EndpointView v : views) {
                out.println(v.role() + ": " + v.url());
                out.println("  server: " + v.version());
                out.println("  tables (" + v.tables().size() + "): " + String.join(", ", v.tables()));
                v.notes().forEach(n -> out.println("  " + n));
            }
        }
        out.flush();
        return 0;
    }

    private static EndpointView view(String role, Endpoint e) {
        return new EndpointView(role, e.displayUrl(), e.serverVersion(),
                e.tables().stream().map(t -> t.id().display()).toList(), e.checkNotes());
    }
}
