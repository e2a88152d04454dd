package io.decant.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The listener drops this JVM's databases and no other's, on PostgreSQL and on MariaDB. */
class DropTestDatabasesIT {
    private static final long OTHER_PID = ProcessHandle.current().pid() + 1_000_000;

    @Test
    void dropsThisJvmsPostgresDatabasesAndKeepsAnotherPids() throws SQLException {
        PgServer pg = PgServer.get();
        Services.assume(!pg.embedded(), "an embedded PostgreSQL goes with its JVM; the drop is for a local service");
        PgServer.TestDb mine = pg.createDatabase("it_drop_mine");
        String other = "it_drop_other_" + OTHER_PID + "_1";
        pgExec(pg, "DROP DATABASE IF EXISTS " + other);
        pgExec(pg, "CREATE DATABASE " + other);
        try {
            new DropTestDatabases().testPlanExecutionFinished(null);
            assertEquals(0, pgCount(pg, mine.name()), "this JVM's database is dropped");
            assertEquals(1, pgCount(pg, other), "another JVM's database is kept");
        } finally {
            pgExec(pg, "DROP DATABASE IF EXISTS " + other);
        }
    }

    @Test
    void dropsThisJvmsMariaDatabasesAndKeepsAnotherPids() throws SQLException {
        String url = MariaServer.createDatabase("it_drop_mine");
        String mine = url.substring(url.lastIndexOf('/') + 1);
        String other = "it_drop_other_" + OTHER_PID + "_1";
        try (Connection c = MariaServer.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + other + "`");
            try {
                new DropTestDatabases().testPlanExecutionFinished(null);
                assertEquals(0, mariaCount(s, mine), "this JVM's database is dropped");
                assertEquals(1, mariaCount(s, other), "another JVM's database is kept");
            } finally {
                s.execute("DROP DATABASE IF EXISTS `" + other + "`");
            }
        }
    }

    private static void pgExec(PgServer pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int pgCount(PgServer pg, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int mariaCount(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
