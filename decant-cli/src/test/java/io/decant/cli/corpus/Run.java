package io.decant.cli.corpus;

import io.decant.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one decant command line in-process, as a user would from a shell, capturing stdout and stderr. */
final class Run {
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Run() {
    }

    static Result decant(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
