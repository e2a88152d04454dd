package io.decant.core.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A driver's java.util.logging record goes through SLF4J, redacted, instead of to the JVM's console
 * handler (which holds on to the stderr of JVM start and writes there unredacted).
 */
class DriverLoggingTest {
    @Test
    void aDriverWarningArrivesThroughSlf4jWithoutTheSecret() {
        Redactor.global().register("Drv-Secret-77");
        DriverLogging.route("org.example.fakedriver");
        Logger jul = Logger.getLogger("org.example.fakedriver.core");
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            jul.log(Level.WARNING, "could not connect with password {0}", "Drv-Secret-77");
        } finally {
            System.setErr(before);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("could not connect with password ***"), text);
        assertTrue(text.contains("org.example.fakedriver"), text);
        assertFalse(text.contains("Drv-Secret"), text);
        assertFalse(Logger.getLogger("org.example.fakedriver").getUseParentHandlers());
    }
}
