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
    /** The application's own source of connections, or null when decant connects to {@link #url} itself. */
    private final javax.sql.DataSource dataSource;

    PgConnector(PgUrl url) {
        this.url = url;
        this.dataSource = null;
    }

    private PgConnector(PgUrl url, javax.sql.DataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    /**
     * Connections taken from an application's {@code dataSource}. Its URL, for messages and the
     * display, is what the server says of the first connection (host, port, database and user; no
     * password: a DataSource keeps its own, and decant never learns it).
     */
    static PgConnector of(javax.sql.DataSource dataSource) {
        String host;
        String database;
        String user;
        Connection c = null;
        try {
            c = dataSource.getConnection();
            try (Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT coalesce(host(inet_server_addr()), 'localhost'),"
                         + " coalesce(inet_server_port(), 5432), current_database(), current_user")) {
                rs.next();
                String address = rs.getString(1);
                host = (address.contains(":") ? "[" + address + "]" : address) + ":" + rs.getInt(2);
                database = rs.getString(3);
                user = rs.getString(4);
            }
        } catch (SQLException e) {
            throw PgErrors.connecting(e, new PgUrl("postgres://", "(DataSource)", "", null, null, java.util.Map.of()));
        } finally {
            closeQuietly(c);
        }
        return new PgConnector(new PgUrl("postgres://", host, database, user, null, java.util.Map.of()), dataSource);
    }

    PgUrl url() {
        return url;
    }

    /** Whether connections come from an application's DataSource (its pool keeps them, not decant). */
    boolean fromApplication() {
        return dataSource != null;
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
        Connection c;
        try {
            c = dataSource != null ? fromDataSource(extra) : DRIVER.connect(url.jdbcUrl(), withUrl(extra));
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

    private Properties withUrl(Properties extra) {
        Properties p = url.properties();
        p.putAll(extra);
        return p;
    }

    /**
     * A connection of the application's pool, made to behave as one decant opens: COPY needs pgjdbc's
     * own connection behind any pool wrapper, and a reading connection gets pgjdbc's text results
     * (prepareThreshold 0: no statement is ever server-prepared, so none is switched to binary).
     */
    private Connection fromDataSource(Properties extra) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
            if (extra.containsKey("prepareThreshold")) {
                pg.setPrepareThreshold(Integer.parseInt(extra.getProperty("prepareThreshold")));
            }
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
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
