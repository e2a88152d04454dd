package io.decant.postgres;

import io.decant.core.util.DriverLogging;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens connections for one URL. Every session is pinned to UTC so that nothing the server
 * renders depends on its or the JVM's zone; user and password travel as properties, never in the
 * JDBC URL, so that pgjdbc cannot echo them.
 */
final class PgConnector {
    private static final Driver DRIVER = new Driver();

    static {
        // pgjdbc logs through java.util.logging, whose console handler would write to the real stderr.
        DriverLogging.route("org.postgresql");
    }
    private final PgUrl url;

    PgConnector(PgUrl url) {
        this.url = url;
    }

    PgUrl url() {
        return url;
    }

    /** A connection for catalog queries and DDL, in autocommit mode. */
    Connection open() {
        return open(new Properties());
    }

    /**
     * A connection for streaming a table's rows: results in text form (binaryTransfer off), so that
     * every value is parsed by decant's own parsers and none goes through pgjdbc's zone-dependent
     * temporal conversions.
     */
    Connection openForReading() {
        Properties p = new Properties();
        p.setProperty("binaryTransfer", "false");
        p.setProperty("prepareThreshold", "0");
        return open(p);
    }

    private Connection open(Properties extra) {
        Properties p = url.properties();
        p.putAll(extra);
        Connection c;
        try {
            c = DRIVER.connect(url.jdbcUrl(), p);
        } catch (SQLException e) {
            throw PgErrors.connecting(e, url);
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            // Intervals move as text: the one unambiguous style, whatever the server's default,
            // which any PostgreSQL reads back and other databases' users can parse (P1Y2M3DT4H5M6.5S).
            s.execute("SET IntervalStyle = 'iso_8601'");
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw PgErrors.connecting(e, url);
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure: the failure is what the user needs to see
            }
        }
    }
}
