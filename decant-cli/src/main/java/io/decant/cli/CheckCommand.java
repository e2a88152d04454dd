package io.decant.cli;

import io.decant.core.api.CheckResult;
import java.io.PrintWriter;
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

    @Override
    public Integer call() {
        CheckResult result = Facade.configure(common, cmd.commandLine().getErr()).to(to).from(from).load().check();
        PrintWriter out = cmd.commandLine().getOut();
        if (common.output == OutputFormat.JSON) {
            out.println(Json.write(result));
        } else {
            for (CheckResult.EndpointView v : result.endpoints()) {
                out.println(v.role() + ": " + v.url());
                out.println("  server: " + v.version());
                out.println("  tables (" + v.tables().size() + "): " + String.join(", ", v.tables()));
                v.notes().forEach(n -> out.println("  " + n));
            }
        }
        out.flush();
        return 0;
    }
}
