package io.decant.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Drops, when a test JVM's tests are done, every database that JVM made on the local services: each
 * name the test kit gives holds the JVM's pid ({@code prefix_PID_N}, and copies named after them), so
 * the names to drop are found in the server's catalog, not only in a list kept while the tests run.
 * Without it each run of the suite leaves a few hundred databases (about 7.5 MB each) behind.
 *
 * <p>It runs inside the test run (JUnit calls it through {@code META-INF/services}), before the build
 * tool ends the JVM. PostgreSQL makes each {@code DROP DATABASE} wait for a checkpoint, and waiting
 * drops share one, so they run on several connections at once. An embedded PostgreSQL is left alone
 * (its data directory goes with it). {@value #KEEP_ENV}{@code =1} keeps them, to look at after a failure.
 */
public final class DropTestDatabases implements TestExecutionListener {
    public static final String KEEP_ENV = "DECANT_KEEP_TEST_DATABASES";
    private static final int CONNECTIONS = 8;

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String keep = System.getenv(KEEP_ENV);
        if (keep != null && !keep.isEmpty() && !keep.equals("0")) {
            return;
        }
        long pid = ProcessHandle.current().pid();
        List<String> left = new ArrayList<>();
        PgServer pg = PgServer.started();
        if (pg != null && !pg.embedded()) {
            left.addAll(dropPostgres(pg, pid));
        }
        if (MariaServer.used()) {
            left.addAll(dropMaria(pid));
        }
        if (!left.isEmpty()) {
            System.err.println("test databases not dropped (drop them by hand): " + String.join(", ", left));
        }
    }

    /** The pattern of this JVM's database names: the pid between underscores, then a counter. */
    static String namePattern(long pid) {
        return "_" + pid + "_[0-9]+";
    }

    private static List<String> dropPostgres(PgServer pg, long pid) {
        List<String> names = new ArrayList<>();
        String force;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname ~ '" + namePattern(pid)
                    + "' AND NOT datistemplate ORDER BY datname")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            force = c.getMetaData().getDatabaseMajorVersion() >= 13 ? " WITH (FORCE)" : "";
        } catch (SQLException e) {
            return List.of("PostgreSQL's test databases of pid " + pid + " (" + e.getMessage() + ")");
        }
        ConcurrentLinkedQueue<String> todo = new ConcurrentLinkedQueue<>(names);
        ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONNECTIONS, Math.max(1, names.size())));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS && i < names.size(); i++) {
                done.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"));
                         Statement s = c.createStatement()) {
                        for (String name = todo.poll(); name != null; name = todo.poll()) {
                            try {
                                s.execute("DROP DATABASE IF EXISTS \"" + name + "\"" + force);
                            } catch (SQLException e) {
                                failed.add(name + " (" + e.getMessage() + ")");
                            }
                        }
                    } catch (SQLException e) {
                        failed.add("a connection to drop with (" + e.getMessage() + ")");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            failed.add("PostgreSQL's test databases of pid " + pid + " (" + e + ")");
        } finally {
            pool.shutdownNow();
        }
        failed.addAll(todo);
        return new ArrayList<>(failed);
    }

    private static List<String> dropMaria(long pid) {
        List<String> failed = new ArrayList<>();
        try (Connection c = MariaServer.connect(""); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata WHERE schema_name REGEXP '"
                    + namePattern(pid) + "'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                try {
                    s.execute("DROP DATABASE IF EXISTS `" + name + "`");
                } catch (SQLException e) {
                    failed.add(name + " (" + e.getMessage() + ")");
                }
            }
        } catch (SQLException e) {
            failed.add("MariaDB's test databases of pid " + pid + " (" + e.getMessage() + ")");
        }
        return failed;
    }
}
