package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import io.decant.core.util.DriverLogging;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.mariadb.jdbc.Driver;

/**
 * Opens connections to one server with the session every decant connection has:
 * <ul>
 *   <li>{@code time_zone '+00:00'}: TIMESTAMP values are read and written as UTC, never in the
 *       server's or the JVM's zone;</li>
 *   <li>{@code utf8mb4}: 4-byte characters (emoji) survive;</li>
 *   <li>a strict {@code sql_mode}: a value the column cannot hold is an error, not a warning and a
 *       silently changed value; {@code NO_AUTO_VALUE_ON_ZERO} keeps a loaded id 0 as 0 instead of
 *       letting AUTO_INCREMENT renumber it.</li>
 * </ul>
 * The driver is used directly, not through DriverManager, so a shaded jar finds it whatever the
 * class loader. LOAD DATA LOCAL is switched off: decant never sends files.
 */
final class MysqlConnector {
    static final String SQL_MODE = "STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
            + "NO_ENGINE_SUBSTITUTION,NO_AUTO_VALUE_ON_ZERO";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$-]+");
    private static final Driver DRIVER = new Driver();

    static {
        // The connector logs through SLF4J when it is there and falls back to java.util.logging otherwise.
        DriverLogging.route("org.mariadb.jdbc");
    }

    private final MysqlUrl url;
    /** The application's own source of connections, or null when decant connects to {@link #url} itself. */
    private final javax.sql.DataSource dataSource;

    MysqlConnector(MysqlUrl url) {
        this(url, null);
    }

    private MysqlConnector(MysqlUrl url, javax.sql.DataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    /**
     * Connections taken from an application's {@code dataSource}; its URL, for messages and the display,
     * is what the server says of the first connection (no password: decant never learns it).
     */
    static MysqlConnector of(javax.sql.DataSource dataSource) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            try (Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT DATABASE(), SUBSTRING_INDEX(CURRENT_USER(), '@', 1),"
                         + " @@hostname, @@port")) {
                rs.next();
                if (rs.getString(1) == null) {
                    throw DecantException.usage("the DataSource given selects no database: decant reads and writes the"
                            + " tables of one database; set it on the DataSource (its URL's /database)");
                }
                return new MysqlConnector(new MysqlUrl("mysql://", rs.getString(2), null, rs.getString(3), rs.getInt(4),
                        rs.getString(1), java.util.Map.of()), dataSource);
            }
        } catch (SQLException e) {
            throw MysqlErrors.map(e, "(DataSource)", ErrorContext.EMPTY.withPhase("connect"));
        } finally {
            closeQuietly(c);
        }
    }

    MysqlUrl url() {
        return url;
    }

    Connection open() {
        if (dataSource != null) {
            Connection c = null;
            try {
                c = dataSource.getConnection();
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("SET NAMES utf8mb4, time_zone = '+00:00', sql_mode = '" + SQL_MODE + "'");
                }
                return c;
            } catch (SQLException e) {
                closeQuietly(c);
                throw MysqlErrors.map(e, url.address(), ErrorContext.EMPTY.withPhase("connect"));
            }
        }
        Properties props = new Properties();
        url.parameters().forEach(props::setProperty);
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.putIfAbsent("connectTimeout", "10000");
        props.setProperty("allowLocalInfile", "false");
        // Only a plain database name goes into the JDBC URL; anything else is selected after connecting,
        // so that the driver's URL parser never sees characters it might read differently.
        boolean plain = PLAIN_NAME.matcher(url.database()).matches();
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        String jdbc = "jdbc:mariadb://" + host + ":" + url.port() + "/" + (plain ? url.database() : "");
        Connection c = null;
        try {
            c = DRIVER.connect(jdbc, props);
            if (!plain) {
                c.setCatalog(url.database());
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET NAMES utf8mb4, time_zone = '+00:00', sql_mode = '" + SQL_MODE + "'");
            }
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw MysqlErrors.map(e, url.address(), ErrorContext.EMPTY.withPhase("connect"));
        }
    }

    /** Maps a driver error on one of this server's connections; connection errors name host and port. */
    DecantException error(SQLException e, ErrorContext context) {
        return MysqlErrors.map(e, url.address(), context);
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after a failure: the first error is the one worth reporting
        }
    }
}
