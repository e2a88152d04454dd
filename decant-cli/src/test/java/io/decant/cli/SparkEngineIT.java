package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code decant migrate --engine spark} hands over to decant-spark.jar; without it, or with options it does not
 * offer, it refuses with exit 2 and what to do, touching nothing.
 */
class SparkEngineIT {
    @Test
    void withoutTheSparkJarItSaysWhatToInstall() {
        PgServer.TestDb src = PgServer.get().createDatabase("engine_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("engine_dst");
        src.exec("CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1)");
        Cli.Result r = Cli.run(Map.of("DECANT_SPARK_JAR", "/nonexistent/decant-spark.jar"), "migrate", "--engine", "spark",
                "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("decant-spark.jar, which is not installed (looked for /nonexistent/decant-spark.jar)"),
                r.toString());
        assertEquals("0", dst.one("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"));
    }

    @Test
    void optionsSparkDoesNotOfferAreRefused() {
        Cli.Result r = Cli.run(Map.of(), "migrate", "--engine", "spark", "--from", "postgres://u@h/a", "--to",
                "postgres://u@h/b", "--dry-run", "--report", "report.json");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--engine spark does not offer --dry-run (run decant plan), --report"),
                r.toString());
        Cli.Result other = Cli.run(Map.of(), "migrate", "--engine", "flink", "--from", "postgres://u@h/a", "--to",
                "postgres://u@h/b");
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("--engine must be local or spark, not flink"), other.toString());
    }
}
