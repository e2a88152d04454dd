package io.decant.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;

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

    public static boolean reachable(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
