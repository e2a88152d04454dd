package io.decant.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/** What the test run may assume about database services. */
public final class Services {
    /** Set by .ci/run: a test that would be skipped for a missing service fails instead. */
    public static final String REQUIRE_ENV = "DECANT_REQUIRE_SERVICES";

    private Services() {
    }

    public static boolean required() {
        String v = System.getenv(REQUIRE_ENV);
        return v != null && (v.equals("1") || v.toLowerCase(Locale.ROOT).equals("true"));
    }

    /**
     * Skips the calling test when {@code ok} is false (a tool, a right or a file system feature this
     * machine lacks), saying why; when services are required (CI) it fails instead, so a CI run never
     * goes green with the check silently left out.
     */
    public static void assume(boolean ok, String why) {
        if (ok) {
            return;
        }
        if (required()) {
            throw new IllegalStateException(why + " (" + REQUIRE_ENV + " is set, so this is a failure, not a skip)");
        }
        Assumptions.abort(why + " (skipped; with " + REQUIRE_ENV + "=1 this fails)");
    }

    public static boolean reachable(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
