package io.decant.cli;

import java.util.Map;

/**
 * The environment a command line runs in: the process environment, or the map a test gives for one
 * in-process run (a JVM cannot change its own environment). Everything the CLI reads from the
 * environment (${VAR} in URLs and specs, DECANT_FROM/DECANT_TO, PG* for PostgreSQL URLs) reads it here.
 */
final class Environment {
    private static final ThreadLocal<Map<String, String>> OVERRIDE = new ThreadLocal<>();

    private Environment() {
    }

    static Map<String, String> current() {
        Map<String, String> env = OVERRIDE.get();
        return env != null ? env : System.getenv();
    }

    static String get(String name) {
        String v = current().get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Runs {@code body} on this thread with {@code env} in place of the process environment. */
    static <T> T with(Map<String, String> env, java.util.function.Supplier<T> body) {
        Map<String, String> before = OVERRIDE.get();
        OVERRIDE.set(Map.copyOf(env));
        try {
            return body.get();
        } finally {
            if (before == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(before);
            }
        }
    }
}
