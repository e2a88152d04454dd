package io.decant.core.run;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.ProgressListener;
import io.decant.core.api.TableResult;
import static io.decant.core.testing.Tables.rows;
import static io.decant.core.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.ErrorCode;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigratorTest {
    private static final Table USERS_SRC = table("users", List.of(Column.of("id", LogicalType.INT64),
            Column.of("approved", LogicalType.INT64), Column.of("balance", LogicalType.FLOAT64)));
    private static final Table USERS_DST = table("users", List.of(Column.of("id", LogicalType.INT64),
            Column.of("approved", LogicalType.BOOLEAN), Column.of("balance", LogicalType.decimal(10, 2))));
    private static final Table POSTS = table("posts", List.of(Column.of("id", LogicalType.INT64),
            Column.of("user_id", LogicalType.INT64)), "user_id->users.id");

    private static MigrationResult migrate(MemorySource src, RecordingTarget dst, MigrationOptions opts) {
        MigrationPlan plan = new Planner(opts).plan(src, dst);
        return new Migrator(opts, ProgressListener.NONE).run(plan, src, dst);
    }

    @Test
    void convertsEveryValueThroughThePlannedConversion() {
        MemorySource src = new MemorySource().add(USERS_SRC, rows(
                new Object[] {1L, 1L, 12.5}, new Object[] {2L, 0L, 0.30000000000000004}, new Object[] {3L, null, null}));
        RecordingTarget dst = new RecordingTarget().add(USERS_DST);
        MigrationResult r = migrate(src, dst, MigrationOptions.defaults());
        assertTrue(r.ok());
        List<Object[]> got = dst.rows("users");
        assertArrayEquals(new Object[] {1L, true, new BigDecimal("12.50")}, got.get(0));
        assertArrayEquals(new Object[] {2L, false, new BigDecimal("0.30")}, got.get(1));
        assertArrayEquals(new Object[] {3L, null, null}, got.get(2), "NULL stays NULL, never false");
    }

    @Test
    void aValueThatDoesNotConvertNamesTableRowKeyColumnValueAndRule() {
        MemorySource src = new MemorySource().add(USERS_SRC, rows(new Object[] {1L, 1L, 1.0}, new Object[] {887L, 2L, 1.0}));
        RecordingTarget dst = new RecordingTarget().add(USERS_DST);
        var e = assertThrows(Migrator.RunFailed.class, () -> migrate(src, dst, MigrationOptions.defaults()));
        assertEquals(ErrorCode.VALUE_INVALID, e.failure().code());
        assertEquals("[VALUE_INVALID] users.approved (row 2, id=887): integer 2 is not 0 or 1 (value '2')"
                + " [rule: boolean: 1/0, t/f, true/false (any case); NULL stays NULL]", e.failure().getMessage());
        assertTrue(dst.rows("users").isEmpty(), "nothing half-loaded");
        assertTrue(dst.events.contains("abort users"));
        assertEquals(3, e.failure().exitCode());
    }

    @Test
    void parentsLoadBeforeChildrenAndAFailureStopsTheRunLeavingEarlierTablesCommitted() {
        MemorySource src = new MemorySource()
                .add(POSTS, rows(new Object[] {10L, 1L}, new Object[] {11L, 1L}))
                .add(USERS_SRC, rows(new Object[] {1L, 1L, 1.0}));
        RecordingTarget dst = new RecordingTarget().add(USERS_DST).add(POSTS).failAt("posts", 2);
        var e = assertThrows(Migrator.RunFailed.class, () -> migrate(src, dst, MigrationOptions.defaults()));
        assertEquals(List.of("open users", "commit users", "open posts", "abort posts"), dst.events);
        assertEquals(1, dst.rows("users").size());
        assertTrue(dst.rows("posts").isEmpty());
        assertEquals("[CONSTRAINT_VIOLATION] posts.id (row 2, id=11): duplicate key", e.failure().getMessage());
        assertEquals(TableResult.Status.LOADED, e.result().tables().get(0).status());
        assertEquals(TableResult.Status.FAILED, e.result().tables().get(1).status());
    }

    @Test
    void manyTablesInParallelAllArrive() {
        MemorySource src = new MemorySource();
        RecordingTarget dst = new RecordingTarget();
        for (int t = 0; t < 50; t++) {
            Table tab = table("t" + t, List.of(Column.of("id", LogicalType.INT64), Column.of("v", LogicalType.TEXT)));
            List<Object[]> rs = new ArrayList<>();
            for (long i = 0; i < 2500; i++) {
                rs.add(new Object[] {i, "v" + i});
            }
            src.add(tab, rs);
            dst.add(tab);
        }
        MigrationResult r = migrate(src, dst, MigrationOptions.builder().jobs(4).build());
        assertTrue(r.ok());
        assertEquals(50 * 2500, r.rows());
        for (int t = 0; t < 50; t++) {
            assertEquals(2500, dst.rows("t" + t).size());
        }
    }

    @Test
    void aChildWaitsForItsParentEvenWithManyJobs() {
        MemorySource src = new MemorySource()
                .add(POSTS, rows(new Object[] {10L, 1L}))
                .add(USERS_SRC, rows(new Object[] {1L, 1L, 1.0}));
        RecordingTarget dst = new RecordingTarget().add(USERS_DST).add(POSTS);
        migrate(src, dst, MigrationOptions.builder().jobs(4).build());
        int parentCommitted = dst.events.indexOf("commit users");
        int childOpened = dst.events.indexOf("open posts");
        assertTrue(parentCommitted >= 0 && childOpened >= 0, "both tables loaded: " + dst.events);
        assertTrue(parentCommitted < childOpened, dst.events.toString());
    }

    @Test
    void createSchemaCreatesTablesFirstAndConstraintsAfterTheData() {
        MemorySource src = new MemorySource().add(POSTS, rows(new Object[] {10L, 1L}))
                .add(USERS_DST, rows(new Object[] {1L, true, new BigDecimal("1.00")}));
        RecordingTarget dst = new RecordingTarget();
        migrate(src, dst, MigrationOptions.builder().createSchema(true).build());
        assertEquals("create users", dst.events.get(0));
        assertEquals("create posts", dst.events.get(1));
        assertEquals("constraints 2", dst.events.get(dst.events.size() - 1));
    }

    @Test
    void theStepAfterTheDataIsReportedAsAPhaseWithItsTime() {
        MemorySource src = new MemorySource().add(POSTS, rows(new Object[] {10L, 1L}))
                .add(USERS_DST, rows(new Object[] {1L, true, new BigDecimal("1.00")}));
        RecordingTarget dst = new RecordingTarget();
        List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        MigrationOptions opts = MigrationOptions.builder().createSchema(true).build();
        new Migrator(opts, new ProgressListener() {
            @Override
            public void tableFinished(io.decant.core.api.TableTask table, TableResult result) {
                heard.add("finished " + table.name());
            }

            @Override
            public void message(String text) {
                heard.add("message " + text);
            }

            @Override
            public void phaseStarted(String what) {
                heard.add("start " + what + " (events " + dst.events.size() + ")");
            }

            @Override
            public void phaseFinished(String what, double seconds, boolean ok) {
                heard.add("end " + what + " " + ok + (seconds >= 0 ? "" : " negative") + " (events " + dst.events.size() + ")");
            }
        }).run(new Planner(opts).plan(src, dst), src, dst);
        int before = dst.events.indexOf("constraints 2");
        assertTrue(before > 0, dst.events.toString());
        String phase = "creating indexes and foreign keys";
        assertEquals(List.of("start " + phase + " (events " + before + ")", "end " + phase + " true (events " + (before + 1) + ")"),
                heard.subList(heard.size() - 2, heard.size()), heard.toString());
        assertTrue(heard.indexOf("finished users") < heard.size() - 2 && heard.indexOf("finished posts") < heard.size() - 2,
                "after every table's data: " + heard);
        assertFalse(heard.contains("message " + phase), "told once, as a phase: " + heard);
    }

    @Test
    void truncateFirstEmptiesChildrenFirst() {
        MemorySource src = new MemorySource().add(POSTS, rows()).add(USERS_SRC, rows());
        RecordingTarget dst = new RecordingTarget().add(USERS_DST).add(POSTS);
        migrate(src, dst, MigrationOptions.builder().truncateFirst(true).build());
        assertEquals("truncate [posts, users]", dst.events.get(0));
    }

    @Test
    void aFailedRunReportsEveryTable() {
        MemorySource src = new MemorySource().add(USERS_SRC, rows(new Object[] {1L, 5L, 1.0})).add(POSTS, rows());
        RecordingTarget dst = new RecordingTarget().add(USERS_DST).add(POSTS);
        var e = assertThrows(Migrator.RunFailed.class, () -> migrate(src, dst, MigrationOptions.defaults()));
        assertFalse(e.result().ok());
        assertEquals(TableResult.Status.CANCELLED, e.result().tables().get(1).status());
        assertFalse(dst.events.contains("open posts"));
    }
}
