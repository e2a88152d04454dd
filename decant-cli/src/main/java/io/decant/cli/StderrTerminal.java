package io.decant.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr, where progress goes, is a terminal. Java 17 can only say whether the process has a console,
 * which needs stdin and stdout to be terminals too: {@code decant migrate --output json > result.json} has none,
 * though its progress still reaches a person. On Linux the kernel says what file descriptor 2 is:
 * {@code /proc/self/fd/2} links to the terminal's device ({@code /dev/pts/3}, {@code /dev/tty1}), or to a file,
 * a pipe ({@code pipe:[1234]}) or {@code /dev/null}. Elsewhere the console stands in, as before.
 *
 * <p>Rejected: JLine's terminal detection, a library of its own (about 1 MB) that asks through a native
 * provider (JNI, JNA or the foreign-function API, each a dependency or a JVM flag) or by running {@code tty}
 * and {@code stty} in a subprocess, to answer the one question this link answers for free on the platform the
 * container image and CI run on. Java 22's {@code Console.isTerminal()} would do, and is not there in 17.
 */
final class StderrTerminal {
    private static final Path FD2 = Path.of("/proc/self/fd/2");

    private StderrTerminal() {
    }

    /** Whether stderr is a terminal, from /proc on Linux, else from {@link System#console()}. */
    static boolean isTerminal() {
        Boolean device = ofLink(link());
        return device != null ? device : System.console() != null;
    }

    /** Where file descriptor 2 points, or null when there is no /proc to ask (not Linux, or /proc not mounted). */
    private static String link() {
        try {
            return Files.readSymbolicLink(FD2).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * What {@code /proc/self/fd/2}'s target says: a terminal (pseudo-terminal, virtual console, serial line,
     * the console), not one (a file, a pipe, a socket, /dev/null), or null when there was no link to read.
     */
    static Boolean ofLink(String target) {
        if (target == null) {
            return null;
        }
        return target.startsWith("/dev/pts/") || target.equals("/dev/tty") || target.matches("/dev/tty[A-Za-z]*\\d+")
                || target.equals("/dev/console");
    }
}
