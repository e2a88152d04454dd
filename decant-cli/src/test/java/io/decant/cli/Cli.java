package io.decant.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process, as a user would from a shell, capturing stdout and stderr. */
public final class Cli {
    /** What a command line did. */
    public record Result(int exit, String out, String err) {
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs a command line with {@code env} as its whole environment (in place of the process's). */
    public static Result run(java.util.Map<String, String> env, String... args) {
        return Environment.with(env, () -> run(args));
    }
}
