package io.decant.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The MariaDB service at 127.0.0.1:3306 (root, no password). There is no embedded MariaDB, so on a
 * machine without the service these tests are skipped with the reason, unless
 * {@value Services#REQUIRE_ENV} is set (as .ci/run does), where they fail.
 */
public final class MariaServer {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile boolean used;
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 3306;

    private MariaServer() {
    }

    /** Skips (or, when services are required, fails) the calling test if MariaDB is not reachable. */
    public static void assumeAvailable() {
        boolean up = Services.reachable(HOST, PORT);
        String why = "MariaDB is not reachable at " + HOST + ":" + PORT
                + "; these tests need a real MariaDB/MySQL server (no embedded one exists). "
                + "Start it, or set " + Services.REQUIRE_ENV + "=1 to make this a failure.";
        if (!up && Services.required()) {
            throw new IllegalStateException(why);
        }
        Assumptions.assumeTrue(up, why);
    }

    /** Creates an empty database and returns its {@code mysql://} URL. */
    public static String createDatabase(String prefix) {
        assumeAvailable();
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        used = true;
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create MariaDB database " + name + ": " + e.getMessage(), e);
        }
        return "mysql://root@" + HOST + ":" + PORT + "/" + name;
    }

    /** Whether a test of this JVM made a database here ({@link DropTestDatabases} drops them). */
    static boolean used() {
        return used;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + PORT + "/" + database + "?user=root";
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database));
    }
}
