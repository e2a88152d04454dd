package io.decant.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Runs the CLI in-process like {@link Cli#run}, and also catches what reaches the user past decant's
 * own writers: the process's System.out and System.err (where slf4j-simple, and so the MariaDB
 * driver, write), and the java.util.logging records (pgjdbc's) that the JDK's console handler would
 * print. A check of "no stack trace, no password" must look at these too.
 */
public final class StrayOutput {
    /** A run and what escaped decant's writers meanwhile. */
    public record Run(Cli.Result result, String stray) {
        /** Everything the user would see. */
        public String everything() {
            return result.all() + stray;
        }

        @Override
        public String toString() {
            return result + "\n--- written past decant's writers (System.out, System.err, java.util.logging)\n" + stray;
        }
    }

    private StrayOutput() {
    }

    public static synchronized Run run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        Logger root = Logger.getLogger("");
        Handler jul = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    capture.print(format.format(r));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.setLevel(Level.INFO); // the JDK console handler's default: what a user would see
        root.addHandler(jul);
        System.setOut(capture);
        System.setErr(capture);
        try {
            Cli.Result r = Cli.run(args);
            capture.flush();
            return new Run(r, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(jul);
        }
    }
}
