package io.decant.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Builds small SQLite files with the shapes of a D1 application, by plain SQL. */
final class SqliteFixture {
    private SqliteFixture() {
    }

    static void exec(Path file, String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** users, habits (FK to users), habit_logs (FK to habits), with mixed storage classes. */
    static Path app(Path dir) {
        Path db = dir.resolve("app.db");
        exec(db,
                "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, approved INTEGER,"
                        + " balance NUMERIC(10,2), score REAL, created_at DATETIME, bio TEXT, avatar BLOB)",
                "CREATE TABLE habits (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL REFERENCES users(id),"
                        + " name VARCHAR(100) NOT NULL, settings JSON)",
                "CREATE TABLE habit_logs (id INTEGER PRIMARY KEY, habit_id INTEGER REFERENCES habits(id),"
                        + " done BOOLEAN, logged_on DATE)",
                "INSERT INTO users VALUES ('u1','a@example.com',1,12.5,0.1,'2024-01-02 03:04:05','héllo 😀', X'00FF10')",
                "INSERT INTO users VALUES ('u2','b@example.com',0,'7',3,'2024-01-02T03:04:05.123456Z','', NULL)",
                "INSERT INTO users VALUES ('u3','c@example.com',NULL,0.30000000000000004,NULL,NULL,NULL,X'')",
                "INSERT INTO habits (user_id, name, settings) VALUES ('u1','run','{\"days\":[1,2],\"note\":\"ü\"}')",
                "INSERT INTO habits (user_id, name, settings) VALUES ('u2','read',NULL)",
                "INSERT INTO habit_logs VALUES (1, 1, 1, '2024-03-01')",
                "INSERT INTO habit_logs VALUES (2, 1, 0, '2024-03-02')",
                "INSERT INTO habit_logs VALUES (3, 2, NULL, NULL)");
        return db;
    }
}
