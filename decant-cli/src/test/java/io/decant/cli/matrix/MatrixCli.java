package io.decant.cli.matrix;


/** The CLI in-process through {@link io.decant.cli.Cli}, with the command kept for messages. */
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
        io.decant.cli.Cli.Result r = io.decant.cli.Cli.run(args);
        return new Result(String.join(" ", args), r.exit(), r.out(), r.err());
    }

    private static String clip(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) + "... (" + s.length() + " chars)" : s;
    }
}
