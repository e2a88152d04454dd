package io.decant.spark;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.ProgressListener;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.run.Migrator;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.verify.Verifier;
import io.decant.core.verify.VerifyOptions;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.PgServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** What the Spark tests share: one local Spark context per JVM, one-machine runs and verify to compare with. */
final class Runs {
    private static JavaSparkContext spark;

    private Runs() {
    }

    /** local[2,4]: two cores, and a failed task is tried up to four times (local mode retries nothing otherwise). */
    static synchronized JavaSparkContext spark() {
        if (spark == null) {
            SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("decant-test")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            spark = new JavaSparkContext(conf);
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }

    /** Messages of a run, for assertions. */
    static final class Messages implements ProgressListener {
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void message(String text) {
            lines.add(text);
        }
    }

    static SourceDatabase source(String url) {
        return Dialects.installed().openSource(url, new OpenOptions(List.of(), Map.of()));
    }

    static TargetDatabase target(String url) {
        return Dialects.installed().openTarget(url, new OpenOptions(List.of(), Map.of()));
    }

    /** A one-machine migrate with --create-schema, as {@code decant migrate} runs it. */
    static MigrationResult oneMachine(PgServer.TestDb from, PgServer.TestDb to) {
        return oneMachine(from.url(), to, true);
    }

    /** A one-machine migrate from any source URL, creating the tables or into the existing ones. */
    static MigrationResult oneMachine(String from, PgServer.TestDb to, boolean createSchema) {
        MigrationOptions options = MigrationOptions.builder().createSchema(createSchema).build();
        try (SourceDatabase s = source(from); TargetDatabase t = target(to.url())) {
            MigrationPlan plan = new Planner(options).plan(s, t);
            return new Migrator(options, ProgressListener.NONE).run(plan, s, t);
        }
    }

    /** One-machine verify of {@code to} against {@code from}, with no spec. */
    static VerifyReport verify(PgServer.TestDb from, PgServer.TestDb to) {
        return verify(from.url(), to.url());
    }

    static VerifyReport verify(String from, String to) {
        try (SourceDatabase s = source(from); SourceDatabase t = source(to)) {
            MigrationPlan plan = new Planner(MigrationOptions.defaults()).planComparison(s, t);
            return new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, s, t);
        }
    }

    /** Each table's target checksum as verify computes it, by table. */
    static Map<String, String> checksums(VerifyReport r) {
        Map<String, String> out = new TreeMap<>();
        r.tables().forEach(t -> out.put(t.table(), t.targetRows() + " " + t.targetChecksum()));
        return out;
    }

    /** The slices recorded in the target's journal: position to how many times. */
    static Map<String, Integer> journalSlices(PgServer.TestDb db) {
        Map<String, Integer> out = new TreeMap<>();
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT table_name || ' ' || resume_at, count(*) FROM decant.decant_journal"
                     + " WHERE event = 'chunk-done' GROUP BY 1")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
