package io.decant.cli;

import io.decant.core.api.FailedRun;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.util.Redactor;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code decant <command>}: results on stdout, progress and errors on stderr, exit codes from
 * DESIGN.md section 5. Only an internal error (a bug) prints a stack trace without --debug.
 */
@Command(name = "decant", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Moves an application's data from one database to another and proves that it arrived.",
        subcommands = {CheckCommand.class, PlanCommand.class, MigrateCommand.class, ExportCommand.class,
                ImportCommand.class, VerifyCommand.class, IdsCommand.class, StatusCommand.class, DemoCommand.class,
                InitCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** decant's version, from the build (the pom's project version). */
    public static final String VERSION = BuildInfo.version();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; returns the exit code. Used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        boolean json = json(args);
        cl.setParameterExceptionHandler((ex, a) -> {
            String message = Redactor.global().redact(ex.getMessage());
            // the qualified name: "decant migrate", and for the top level just "decant" (not "decant decant")
            String help = ex.getCommandLine().getCommandSpec().qualifiedName() + " --help";
            err.println("error: " + message);
            java.io.StringWriter suggestions = new java.io.StringWriter();
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions, true));
            err.print(suggestions);
            err.println("see '" + help + "'");
            err.flush();
            if (json) {
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("command", ex.getCommandLine().getCommandSpec().qualifiedName());
                if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                    context.put("suggestions", u.getSuggestions());
                }
                context.put("help", help);
                printJson(out, ErrorJson.of(ErrorCode.USAGE, message, context, null));
            }
            return ErrorCode.USAGE.exitCode();
        });
        CommandLine.IExecutionStrategy audited = new Audited(cl.getExecutionStrategy());
        cl.setExecutionStrategy(parseResult -> {
            markdownOnlyForPlanAndVerify(parseResult);
            return audited.execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> json
                ? reportJson(ex, out, err, debug(args)) : report(ex, err, debug(args)));
        return cl.execute(args);
    }

    /**
     * The command line for {@code args}. When the first word names a command, only that command's model
     * is built, under a bare "decant" that parses nothing itself: picocli builds a model by reflection,
     * and building all ten took 0.25 s of CPU at every start, more than the one that runs
     * (docs/benchmarks.md, "Start-up cost (2026-12-07)"). Anything else (no command, an option, help, a
     * misspelt command and its suggestions) gets the whole tree, so it sees what it always saw. The
     * commands are the ones this class's {@code @Command} names, the list that help, man pages and
     * completion are made from.
     */
    static CommandLine commandLine(String[] args) {
        Command top = Main.class.getAnnotation(Command.class);
        if (args.length > 0) {
            for (Class<?> sub : top.subcommands()) {
                Command named = sub.getAnnotation(Command.class);
                if (sub != CommandLine.HelpCommand.class && named.name().equals(args[0])) {
                    CommandLine lean = new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection(new Main()).name(top.name()));
                    lean.addSubcommand(sub);
                    return lean;
                }
            }
        }
        return new CommandLine(new Main());
    }

    /** --output markdown renders a plan or a verify report; every other command's result is text or JSON. */
    private static void markdownOnlyForPlanAndVerify(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        String name = leaf.commandSpec().name();
        if (leaf.matchedOptionValue("--output", OutputFormat.TEXT) == OutputFormat.MARKDOWN
                && !name.equals("plan") && !name.equals("verify")) {
            throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), "--output markdown is for plan and verify; "
                    + leaf.commandSpec().qualifiedName() + " prints text or json (--output text|json)");
        }
    }

    static boolean debug(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the command line asks for {@code --output json}, read from the words themselves: a
     * parameter error can come before picocli has set the option, and its answer must be JSON too.
     */
    static boolean json(String[] args) {
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--output") && i + 1 < args.length) {
                json = args[i + 1].equalsIgnoreCase("json");
            } else if (a.startsWith("--output=")) {
                json = a.substring("--output=".length()).equalsIgnoreCase("json");
            }
        }
        return json;
    }

    /** The failure behind {@code ex}: a DecantException, or null for a bug. */
    static DecantException failure(Throwable ex) {
        DecantException d = ex instanceof FailedRun f ? f.failure() : ex instanceof DecantException de ? de : null;
        return d != null && d.code() != ErrorCode.INTERNAL ? d : null;
    }

    static int report(Throwable ex, PrintWriter err, boolean debug) {
        DecantException d = failure(ex);
        if (d != null) {
            err.println("error: " + d.getMessage());
            if (debug && d.getCause() != null) {
                d.printStackTrace(err);
            }
            err.flush();
            return d.exitCode();
        }
        Throwable bug = ex instanceof FailedRun f ? f.failure() : ex;
        err.println("internal error (a bug in decant; please report it with this trace):");
        err.println(Redactor.global().redact(String.valueOf(bug.getMessage())));
        err.println(trace(bug));
        err.flush();
        return ErrorCode.INTERNAL.exitCode();
    }

    /** {@link #report} on stderr, and the error as one JSON document on stdout (with the partial result, if any). */
    static int reportJson(Throwable ex, PrintWriter out, PrintWriter err, boolean debug) {
        int exit = report(ex, err, debug);
        Object result = ex instanceof FailedRun f ? f.result() : null;
        DecantException d = failure(ex);
        if (d != null) {
            printJson(out, ErrorJson.of(d, result));
        } else {
            Throwable bug = ex instanceof FailedRun f ? f.failure() : ex;
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("exception", bug.getClass().getName());
            context.put("trace", "on stderr");
            printJson(out, ErrorJson.of(ErrorCode.INTERNAL, "internal error (a bug in decant; please report it with the "
                    + "trace on stderr): " + Redactor.global().redact(String.valueOf(bug.getMessage())), context, result));
        }
        return exit;
    }

    private static String trace(Throwable ex) {
        java.io.StringWriter trace = new java.io.StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        return Redactor.global().redact(trace.toString());
    }

    private static void printJson(PrintWriter out, Object value) {
        out.print(Json.write(value) + "\n");
        out.flush();
    }

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BuildInfo.versionLines();
        }
    }
}
