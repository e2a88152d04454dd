package io.decant.core.error;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Why a connection failed, in a user's words, from the exceptions a driver chained below its own
 * ("The connection attempt failed." says nothing; its cause {@code UnknownHostException: db.example}
 * says everything). Drivers' messages are API neither for them nor for us, so only the exception
 * types are read, plus the host an {@link UnknownHostException} names.
 */
public final class Causes {
    private Causes() {
    }

    /**
     * A phrase such as {@code unknown host 'db.example'}, {@code TLS handshake failed: ...} or
     * {@code connection refused}, for the first cause of {@code e} that says more than "failed";
     * or null when no cause does.
     */
    public static String describe(Throwable e) {
        int guard = 0;
        for (Throwable c = e; c != null && guard < 12; c = c.getCause(), guard++) {
            String phrase = phrase(c);
            if (phrase != null) {
                return phrase;
            }
        }
        return null;
    }

    private static String phrase(Throwable c) {
        if (c instanceof UnknownHostException) {
            String host = c.getMessage() == null ? "" : c.getMessage().strip();
            // "db.example: Name or service not known" on some JDKs: the host is the part before the colon
            int colon = host.indexOf(": ");
            if (colon > 0) {
                host = host.substring(0, colon);
            }
            return host.isEmpty() ? "unknown host" : "unknown host '" + host + "'";
        }
        if (c instanceof javax.net.ssl.SSLHandshakeException) {
            return "TLS handshake failed: " + oneLine(c.getMessage());
        }
        if (c instanceof javax.net.ssl.SSLException) {
            return "TLS failed: " + oneLine(c.getMessage());
        }
        if (c instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (c instanceof ConnectException) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            return m.contains("timed out") ? "connection timed out" : "connection refused (is the server running and "
                    + "listening on that host and port?)";
        }
        if (c instanceof SocketTimeoutException) {
            return "connection timed out";
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "(no detail)" : s.strip().replace('\n', ' ');
    }
}
