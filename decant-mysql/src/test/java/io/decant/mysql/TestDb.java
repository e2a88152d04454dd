package io.decant.mysql;

import io.decant.testkit.MariaServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh MariaDB database for one test, with raw SQL access for setting up and checking. */
record TestDb(String url, String name) {
    static TestDb create(String prefix) {
        String url = MariaServer.createDatabase(prefix);
        return new TestDb(url, url.substring(url.lastIndexOf('/') + 1));
    }

    /** Runs statements one by one; {@code sql_mode} is left at the server's (lenient) default so tests can plant bad data. */
    void exec(String... statements) {
        try (Connection c = MariaServer.connect(name); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    long count(String table) {
        return Long.parseLong(query("SELECT COUNT(*) FROM " + table));
    }

    String query(String sql) {
        try (Connection c = MariaServer.connect(name); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
