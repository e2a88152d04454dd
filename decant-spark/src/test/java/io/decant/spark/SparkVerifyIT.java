package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.core.verify.RowDiff;
import io.decant.core.verify.Status;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.PgServer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** verify on Spark gives one-machine verify's checksums and names the same changed, missing and extra rows. */
class SparkVerifyIT {
    @Test
    void namesTheSameRowsAsOneMachineVerify() {
        PgServer.TestDb src = SparkMigrateIT.seeded("spark_verify_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_verify_dst");
        Runs.oneMachine(src, dst);
        SparkRequest request = SparkRequest.of(src.url(), dst.url()).withSliceRows(1000);

        VerifyReport same = new SparkVerify(Runs.spark(), m -> { }).verify(request);
        assertEquals(Status.PASS, same.status(), same.toString());
        assertEquals(sums(Runs.verify(src, dst)), sums(same));

        dst.exec("UPDATE orders SET total = 0.01 WHERE id IN (7, 7777); DELETE FROM orders WHERE id = 12345;"
                + " INSERT INTO orders (id, customer_id, placed) VALUES (99999, 1, now());"
                + " UPDATE customers SET name = 'changed' WHERE id = 4000; UPDATE logs SET line = 'x' WHERE line = 'line 17'");
        VerifyReport spark = new SparkVerify(Runs.spark(), m -> { }).verify(request);
        VerifyReport single = Runs.verify(src, dst);
        assertEquals(Status.FAIL, spark.status());
        assertEquals(sums(single), sums(spark));
        assertEquals(named(single), named(spark));
        assertEquals(Set.of("changed id=7 [total]", "changed id=7777 [total]", "missing id=12345", "extra id=99999"),
                named(spark).get("orders"));
    }

    private static Map<String, String> sums(VerifyReport r) {
        Map<String, String> out = new TreeMap<>();
        for (TableCheck t : r.tables()) {
            out.put(t.table(), t.status() + " " + t.sourceRows() + "/" + t.targetRows() + " " + t.sourceChecksum() + "/"
                    + t.targetChecksum() + " differing " + t.differingRows());
        }
        return out;
    }

    private static Map<String, Set<String>> named(VerifyReport r) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (TableCheck t : r.tables()) {
            Set<String> rows = new TreeSet<>();
            for (RowDiff d : t.differences()) {
                rows.add(d.kind() + " " + d.key() + (d.columns().isEmpty() ? ""
                        : " " + d.columns().stream().map(RowDiff.ColumnDiff::column).toList()));
            }
            out.put(t.table(), rows);
        }
        return out;
    }
}
