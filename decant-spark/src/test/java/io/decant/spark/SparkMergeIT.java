package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.Decant;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.TableResult;
import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.PgServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table whose rows merge into another (into, key, keep) on Spark (local[2,4]): the receiving table is loaded in
 * one slice, which holds the merged rows and counts those no row claimed; the kept part is sliced as any table.
 * The targets of a one-machine run and of the Spark run are equal (verify passes) and both say how many merged
 * rows found no row.
 */
class SparkMergeIT {
    static final String SCHEMA = """
            CREATE TABLE user_progress (user_id bigint PRIMARY KEY, streak integer);
            CREATE TABLE user_wallet (user_id bigint PRIMARY KEY, xp integer, level integer, coins integer);
            INSERT INTO user_progress SELECT g, g % 30 FROM generate_series(1, 3000) g;
            -- 2,400 wallets of users with progress, 100 of users without (merged nowhere; their coins stay)
            INSERT INTO user_wallet SELECT g, g * 10, g % 20, g % 7 FROM generate_series(1, 2400) g;
            INSERT INTO user_wallet SELECT g, g, 1, 2 FROM generate_series(5001, 5100) g;
            ANALYZE;
            """;
    static final String SPEC = """
            tables:
              user_wallet:
                into: user_progress
                key: user_id
                keep: [coins]
                columns:
                  xp: { to: total_xp }
                  level: { to: current_level }
            """;

    @Test
    void mergedRowsArriveAsOnOneMachine() {
        PgServer.TestDb src = PgServer.get().createDatabase("spark_a_merge_src");
        src.exec(SCHEMA);
        PgServer.TestDb one = PgServer.get().createDatabase("spark_a_merge_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_a_merge_dst");
        MigrationResult single = Decant.configure().from(src.url()).to(one.url()).specText(SPEC)
                .options(MigrationOptions.builder().createSchema(true).build()).messages(m -> { }).load().migrate();

        Runs.Messages messages = new Runs.Messages();
        MigrationResult r = new SparkMigration(Runs.spark(), messages).run(SparkRequest.of(src.url(), dst.url())
                .withSpec(SPEC, "decant.yaml").withCreateSchema(true).withSliceRows(1000));
        String log = String.join("\n", messages.lines);
        assertTrue(log.contains("user_progress: 3,000 rows in 1 slice(s) (rows of other tables merge into it)"), log);
        assertTrue(log.contains("user_wallet: 2,500 rows in ") && !log.contains("user_wallet: 2,500 rows in 1 slice"), log);
        assertEquals(single.rows(), r.rows(), log);

        String unclaimed = "100 rows of user_wallet found no row in user_progress to merge into: their"
                + " merged columns";
        assertTrue(notes(single).stream().anyMatch(n -> n.startsWith(unclaimed)), notes(single).toString());
        assertTrue(notes(r).stream().anyMatch(n -> n.startsWith(unclaimed)), notes(r).toString());
        assertEquals("2400 24000", dst.one("SELECT count(total_xp) || ' ' || max(total_xp) FROM user_progress"));

        VerifyReport oneVsSpark = Runs.verify(one, dst);
        assertEquals(Status.PASS, oneVsSpark.status(), oneVsSpark.toString());
        assertEquals(2, oneVsSpark.tables().size(), oneVsSpark.toString());
    }

    private static List<String> notes(MigrationResult r) {
        return r.tables().stream().map(TableResult::notes).flatMap(List::stream).toList();
    }
}
