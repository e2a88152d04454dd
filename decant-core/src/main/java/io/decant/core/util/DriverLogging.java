package io.decant.core.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a JDBC driver's java.util.logging output (pgjdbc logs that way; MariaDB's connector falls
 * back to it without SLF4J) through decant's own logging, redacted, instead of to the JVM's console
 * handler, which writes straight to the real stderr past every check decant makes on its output.
 * The driver's loggers are configured like any other SLF4J logger; decant's configuration turns them
 * off, so drivers are silent unless asked (for example
 * {@code DECANT_JAVA_OPTS=-Dorg.slf4j.simpleLogger.log.org.postgresql=debug}).
 */
public final class DriverLogging {
    // java.util.logging keeps loggers by weak reference: a configured logger must be held, or it is
    // collected and recreated without the handler.
    private static final Map<String, java.util.logging.Logger> ROUTED = new ConcurrentHashMap<>();

    private DriverLogging() {
    }

    /** Routes the java.util.logging logger {@code name} (and its children) to SLF4J; idempotent. */
    public static void route(String name) {
        ROUTED.computeIfAbsent(name, n -> {
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger(n);
            Logger target = LoggerFactory.getLogger(n);
            jul.setUseParentHandlers(false);
            for (Handler h : jul.getHandlers()) {
                jul.removeHandler(h);
            }
            jul.setLevel(levelOf(target));
            jul.addHandler(new ToSlf4j());
            return jul;
        });
    }

    /** The finest java.util.logging level the SLF4J logger would print, so that nothing finer is even formatted. */
    private static Level levelOf(Logger l) {
        if (l.isTraceEnabled()) {
            return Level.ALL;
        }
        if (l.isDebugEnabled()) {
            return Level.FINE;
        }
        if (l.isInfoEnabled()) {
            return Level.INFO;
        }
        if (l.isWarnEnabled()) {
            return Level.WARNING;
        }
        return l.isErrorEnabled() ? Level.SEVERE : Level.OFF;
    }

    private static final class ToSlf4j extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            Logger l = LoggerFactory.getLogger(r.getLoggerName() == null ? "driver" : r.getLoggerName());
            int level = r.getLevel().intValue();
            boolean on = level >= Level.SEVERE.intValue() ? l.isErrorEnabled()
                    : level >= Level.WARNING.intValue() ? l.isWarnEnabled()
                    : level >= Level.INFO.intValue() ? l.isInfoEnabled()
                    : level >= Level.FINE.intValue() ? l.isDebugEnabled() : l.isTraceEnabled();
            if (!on) {
                return;
            }
            // Only the message and the exception's own words, redacted: a driver's stack trace or
            // parameters may quote a URL, and the full trace is decant's --debug business.
            String text = formatter.formatMessage(r);
            if (r.getThrown() != null) {
                text += " (" + r.getThrown().getClass().getSimpleName() + ": " + r.getThrown().getMessage() + ")";
            }
            text = Redactor.global().redact(text);
            if (level >= Level.SEVERE.intValue()) {
                l.error(text);
            } else if (level >= Level.WARNING.intValue()) {
                l.warn(text);
            } else if (level >= Level.INFO.intValue()) {
                l.info(text);
            } else if (level >= Level.FINE.intValue()) {
                l.debug(text);
            } else {
                l.trace(text);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
