package io.decant.cli;

import io.decant.core.engine.Migrator;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.util.Redactor;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code decant <command>}: results on stdout, progress and errors on stderr, exit codes from
 * DESIGN.md section 5. Only an internal error (a bug) prints a stack trace without --debug.
 */
@Command(name = "decant", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Moves an application's data from one database to another and proves that it arrived.",
        subcommands = {CheckCommand.class, PlanCommand.class, MigrateCommand.class, ExportCommand.class,
                ImportCommand.class, VerifyCommand.class, IdsCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; returns the exit code. Used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + Redactor.global().redact(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("see 'decant " + ex.getCommandLine().getCommandName() + " --help'");
            return ErrorCode.USAGE.exitCode();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, err, debug(args)));
        return cl.execute(args);
    }

    static boolean debug(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    static int report(Throwable ex, PrintWriter err, boolean debug) {
        DecantException d = ex instanceof DecantException de ? de
                : ex instanceof Migrator.RunFailed rf ? rf.failure() : null;
        if (d != null && d.code() != ErrorCode.INTERNAL) {
            err.println("error: " + d.getMessage());
            if (debug && d.getCause() != null) {
                d.printStackTrace(err);
            }
            err.flush();
            return d.exitCode();
        }
        err.println("internal error (a bug in decant; please report it with this trace):");
        err.println(Redactor.global().redact(String.valueOf(ex.getMessage())));
        java.io.StringWriter trace = new java.io.StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        err.println(Redactor.global().redact(trace.toString()));
        err.flush();
        return ErrorCode.INTERNAL.exitCode();
    }

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"decant " + VERSION};
        }
    }
}
