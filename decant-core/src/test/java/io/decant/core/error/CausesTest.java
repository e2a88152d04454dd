package io.decant.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What a driver's "The connection attempt failed." hides in its causes, said in a user's words. */
class CausesTest {
    private static SQLException wrapped(Throwable cause) {
        return new SQLException("The connection attempt failed.", "08001", new RuntimeException("wrapper", cause));
    }

    @Test
    void anUnknownHostIsNamed() {
        assertEquals("unknown host 'db.example.invalid'", Causes.describe(wrapped(new UnknownHostException("db.example.invalid"))));
        assertEquals("unknown host 'db.example.invalid'",
                Causes.describe(new UnknownHostException("db.example.invalid: Name or service not known")));
    }

    @Test
    void tlsAndRefusedConnectionsAreNamed() {
        String tls = Causes.describe(wrapped(new SSLHandshakeException("PKIX path building failed")));
        assertTrue(tls.startsWith("TLS handshake failed: PKIX path building failed"), tls);
        String refused = Causes.describe(wrapped(new ConnectException("Connection refused")));
        assertTrue(refused.startsWith("connection refused"), refused);
    }

    @Test
    void aCauseThatSaysNothingMoreGivesNothing() {
        assertNull(Causes.describe(new SQLException("FATAL: password authentication failed", "28P01")));
        assertNull(Causes.describe(null));
    }
}
