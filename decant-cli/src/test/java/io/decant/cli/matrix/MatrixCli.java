package io.decant.cli.matrix;

import io.decant.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI in-process, as a user runs it from a shell (io.decant.cli.Cli is package-private, so this is its twin). */
final class MatrixCli {
    record Result(String command, int exit, String out, String err) {
        @Override
        public String toString() {
            return "decant " + command + "\nexit " + exit + "\n--- stdout\n" + clip(out) + "\n--- stderr\n" + clip(err);
        }

        /** The error line(s) decant printed, for messages. */
        String errorLines() {
            StringBuilder sb = new StringBuilder();
            for (String line : err.split("\n")) {
                if (line.startsWith("error:") || line.startsWith("internal error")) {
                    sb.append(line).append('\n');
                }
            }
            return sb.toString().trim();
        }
    }

    private MatrixCli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(String.join(" ", args), exit, out.toString(), err.toString());
    }

    private static String clip(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) + "... (" + s.length() + " chars)" : s;
    }
}
