package io.decant.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server tests use: the local service at 127.0.0.1:5432 when it answers, otherwise
 * an embedded PostgreSQL started once per JVM. Every test gets databases of its own, named with the
 * JVM's pid so that {@link DropTestDatabases} can drop them when the JVM's tests are done.
 */
public final class PgServer {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile PgServer instance;

    private final String host;
    private final int port;
    private final String user;
    private final boolean embedded;

    private PgServer(String host, int port, String user, boolean embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.embedded = embedded;
    }

    public static PgServer get() {
        if (instance == null) {
            synchronized (PgServer.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    /** The server, if a test of this JVM has asked for it; null otherwise. */
    static PgServer started() {
        return instance;
    }

    private static PgServer start() {
        if (Services.reachable("127.0.0.1", 5432)) {
            return new PgServer("127.0.0.1", 5432, "postgres", false);
        }
        if (Services.required()) {
            throw new IllegalStateException(Services.REQUIRE_ENV + " is set but PostgreSQL does not answer at 127.0.0.1:5432");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
            return new PgServer("127.0.0.1", pg.getPort(), "postgres", true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public boolean embedded() {
        return embedded;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Creates an empty database with a unique name starting with {@code prefix}. */
    public TestDb createDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDb(this, name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
    }

    /** The Supabase-style spelling decant accepts: {@code postgres://user@host:port/db}. */
    public String url(String database) {
        return "postgres://" + user + "@" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    /** A database of one test. */
    public record TestDb(PgServer server, String name) {
        public String url() {
            return server.url(name);
        }

        public String jdbcUrl() {
            return server.jdbcUrl(name);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl());
        }

        /** Runs statements separated by semicolons at line ends. */
        public void exec(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        /** The first column of the first row of {@code sql}, as text (null for SQL NULL). */
        public String one(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return rs.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
