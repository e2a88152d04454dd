package io.decant.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.MigrationOptions;
import io.decant.core.error.DecantException;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.plan.TablePlan;
import io.decant.core.plan.TargetView;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.testing.MemorySource;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The source side mapped and hashed on worker threads gives what the single-threaded loop gives. */
class MappedScanTest {
    private static final Table SOURCE = new Table(TableId.of("events"), List.of(Column.of("id", LogicalType.INT64),
            Column.of("at", LogicalType.TEXT)), List.of("id"), List.of(), List.of(), -1);
    private static final Table TARGET = new Table(TableId.of("events"), List.of(Column.of("id", LogicalType.INT64),
            Column.of("at", LogicalType.TIMESTAMPTZ)), List.of("id"), List.of(), List.of(), -1);

    private static List<Object[]> rows(int n, long... bad) {
        List<Object[]> rows = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            rows.add(new Object[] {i, "2024-03-10T08:00:" + String.format(java.util.Locale.ROOT, "%02d", i % 60) + "Z"});
        }
        for (long b : bad) {
            rows.get((int) b - 1)[1] = "not a time " + b;
        }
        return rows;
    }

    private static SideScan scan(List<Object[]> rows, int threads) {
        MemorySource source = new MemorySource().add(SOURCE, rows);
        MemorySource target = new MemorySource().add(TARGET, List.of());
        MigrationPlan plan = new Planner(MigrationOptions.defaults()).plan(source, TargetView.readBack(target));
        TablePlan tp = plan.tables().get(0);
        List<LogicalType> types = tp.columns().stream().map(c -> c.target().type()).toList();
        assertEquals(LogicalType.TIMESTAMPTZ, types.get(1), "the plan converts text to timestamptz");
        return MappedScan.run(tp, () -> new io.decant.core.run.RowMapper(tp), source, types, new int[] {0}, 64, threads, false);
    }

    @Test
    void everyThreadCountGivesTheSameChecksums() {
        List<Object[]> rows = rows(10_007);
        SideScan one = scan(rows, 0);
        assertEquals(10_007, one.total.rows());
        for (int threads : new int[] {1, 2, 5}) {
            SideScan many = scan(rows, threads);
            assertTrue(one.total.sameAs(many.total), threads + " threads");
            for (int b = 0; b < 64; b++) {
                assertTrue(one.buckets[b].sameAs(many.buckets[b]), threads + " threads, bucket " + b);
            }
        }
    }

    @Test
    void aFailureNamesTheFirstBadRowAsTheSequentialLoopDoes() {
        List<Object[]> rows = rows(20_000, 7_000, 7_001, 12_345, 19_999);
        String expected = assertThrows(DecantException.class, () -> scan(rows, 0)).getMessage();
        assertTrue(expected.contains("7000"), expected);
        for (int i = 0; i < 5; i++) {
            assertEquals(expected, assertThrows(DecantException.class, () -> scan(rows, 2)).getMessage());
        }
    }
}
