package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.PgEveryType;
import io.decant.testkit.PgServer;
import org.junit.jupiter.api.Test;

/**
 * Every PostgreSQL type of {@link PgEveryType} (the types decant models as values, and the ones it moves as the
 * server's own text: tsvector, intervals, network addresses, ranges, geometry, hstore, enums, domains,
 * composites, multi-dimensional arrays, ...) through a Spark run in the tests' zone and locale, sliced, gives
 * the one-machine run's rows: the same verify checksums, the same text form of every row, the same computed
 * columns and identity, and verify passes, on one machine and on Spark.
 */
class SparkEveryTypeIT {
    @Test
    void createdByDecantAsOnOneMachine() {
        compare(false);
    }

    @Test
    void intoTheApplicationsOwnTableAsOnOneMachine() {
        compare(true);
    }

    private static void compare(boolean existing) {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_every_src");
        PgServer.TestDb one = PgServer.get().createDatabase("spark_every_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_every_dst");
        src.exec(PgEveryType.TYPES + PgEveryType.TABLE + PgEveryType.ROWS + "ANALYZE;");
        String target = existing ? PgEveryType.TYPES + PgEveryType.TABLE : PgEveryType.TYPES;
        one.exec(target);
        dst.exec(target);

        Runs.oneMachine(src.url(), one, !existing);
        Runs.Messages messages = new Runs.Messages();
        new SparkMigration(Runs.spark(), messages).run(SparkRequest.of(src.url(), dst.url()).withCreateSchema(!existing)
                .withSliceRows(1000));
        assertEquals(true, messages.lines.stream().anyMatch(m -> m.startsWith("every_type: 2,500 rows in 3 slice(s) by id")),
                String.join("\n", messages.lines));

        VerifyReport spark = Runs.verify(src, dst);
        assertEquals(Status.PASS, spark.status(), spark.toString());
        assertEquals(Runs.checksums(Runs.verify(src, one)), Runs.checksums(spark));
        assertEquals(one.one(PgEveryType.ROW_TEXT), dst.one(PgEveryType.ROW_TEXT), "each row's text form");
        assertEquals(src.one(PgEveryType.ROW_TEXT), dst.one(PgEveryType.ROW_TEXT));
        assertEquals(one.one(PgEveryType.COMPUTED), dst.one(PgEveryType.COMPUTED), "the computed columns");
        for (PgServer.TestDb db : java.util.List.of(one, dst)) {
            db.exec("INSERT INTO every_type (id) VALUES (9999)");
        }
        assertEquals(one.one("SELECT ident FROM every_type WHERE id = 9999"),
                dst.one("SELECT ident FROM every_type WHERE id = 9999"), "the identity continues where one machine's does");

        VerifyReport between = Runs.verify(one, dst);
        assertEquals(Status.PASS, between.status(), "one machine's target against Spark's, each read as a source: " + between);
        VerifyReport onSpark = new SparkVerify(Runs.spark(), m -> { }).verify(SparkRequest.of(one.url(), dst.url())
                .withSliceRows(1000));
        assertEquals(Status.PASS, onSpark.status(), "verify on Spark, one machine's target against Spark's: " + onSpark);
        assertEquals(SparkMigrateIT.schema(one), SparkMigrateIT.schema(dst));
    }
}
