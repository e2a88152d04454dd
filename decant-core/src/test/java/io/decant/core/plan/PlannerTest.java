package io.decant.core.plan;

import io.decant.core.api.SkippedTable;
import static io.decant.core.testing.Tables.rows;
import static io.decant.core.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.MigrationOptions;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.type.LogicalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final Table A = table("a", List.of(Column.of("id", LogicalType.INT64), Column.of("b_id", LogicalType.INT64)),
            "b_id->b.id");
    private static final Table B = table("b", List.of(Column.of("id", LogicalType.INT64), Column.of("a_id", LogicalType.INT64)),
            "a_id->a.id");

    @Test
    void everyProblemIsReportedAtOnce() {
        Table users = table("users", List.of(Column.of("id", LogicalType.INT64),
                Column.unsupported("loc", "point", true, "geometric type"), Column.of("extra", LogicalType.TEXT)));
        Table orders = table("orders", List.of(Column.of("id", LogicalType.BYTES)));
        MemorySource src = new MemorySource().add(users, rows()).add(orders, rows());
        RecordingTarget dst = new RecordingTarget().add(table("users", List.of(Column.of("id", LogicalType.INT64))));
        var e = assertThrows(DecantException.class,
                () -> new Planner(MigrationOptions.defaults()).plan(src, dst));
        String m = e.getMessage();
        assertTrue(m.startsWith("[UNSUPPORTED_TYPE] 3 problems:"), m);
        assertTrue(m.contains("[UNSUPPORTED_TYPE] users.loc: type point is not supported (geometric type)"), m);
        assertTrue(m.contains("[SCHEMA_MISMATCH] users.extra: target table users has no column extra; it has [id]"), m);
        assertTrue(m.contains("[UNKNOWN_TABLE] orders: target has no table orders"), m);
        assertEquals(2, e.exitCode());
    }

    @Test
    void aCycleNeedsDisabledForeignKeys() {
        MemorySource src = new MemorySource().add(A, rows()).add(B, rows());
        RecordingTarget dst = new RecordingTarget().add(A).add(B);
        var e = assertThrows(DecantException.class, () -> new Planner(MigrationOptions.defaults()).plan(src, dst));
        assertEquals(ErrorCode.FK_CYCLE, e.code());
        MigrationPlan plan = new Planner(MigrationOptions.builder().disableFk(true).build()).plan(src, dst);
        assertEquals(1, plan.groups().size());
        assertEquals(2, plan.groups().get(0).size());
        assertTrue(plan.notes().get(0).contains("foreign-key cycle between a, b"), plan.notes().toString());
    }

    @Test
    void aComparisonPlanIsNotStoppedByACycleNorByAComputedColumn() {
        Table c = table("c", List.of(Column.of("id", LogicalType.INT64), Column.of("total", LogicalType.INT64)));
        Table computed = new Table(c.id(), List.of(Column.of("id", LogicalType.INT64),
                new Column("total", "bigint", LogicalType.INT64, true, Column.Identity.COMPUTED)), c.primaryKey(),
                List.of(), List.of(), -1);
        MemorySource src = new MemorySource().add(A, rows()).add(B, rows()).add(c, rows());
        MemorySource dst = new MemorySource().add(A, rows()).add(B, rows()).add(computed, rows());
        var e = assertThrows(DecantException.class, () -> new Planner(MigrationOptions.defaults())
                .plan(src, TargetView.readBack(dst)));
        assertTrue(e.getMessage().contains("computed by the target"), e.getMessage());
        MemorySource cycleOnly = new MemorySource().add(A, rows()).add(B, rows());
        assertEquals(ErrorCode.FK_CYCLE, assertThrows(DecantException.class, () -> new Planner(MigrationOptions.defaults())
                .plan(cycleOnly, TargetView.readBack(cycleOnly))).code());
        MigrationPlan plan = new Planner(MigrationOptions.defaults()).planComparison(src, dst);
        assertEquals(List.of("a", "b", "c"), plan.tables().stream().map(TablePlan::name).sorted().toList());
        assertTrue(plan.notes().stream().noneMatch(n -> n.contains("--disable-fk")), plan.notes().toString());
    }

    @Test
    void aComparisonNamesAWayOutThatVerifyHasForAMissingTable() {
        MemorySource src = new MemorySource().add(table("users", List.of(Column.of("id", LogicalType.INT64))), rows());
        var e = assertThrows(DecantException.class, () -> new Planner(MigrationOptions.defaults())
                .planComparison(src, new MemorySource()));
        assertEquals("[UNKNOWN_TABLE] users: target has no table users; migrate it first, or leave it out of the"
                + " comparison with --exclude users", e.getMessage());
    }

    @Test
    void unknownTableNamesInSelectionsAreErrors() {
        MemorySource src = new MemorySource().add(A, rows());
        var e = assertThrows(DecantException.class, () -> new Planner(MigrationOptions.builder().tables(List.of("nope")).exclude(List.of()).build()).plan(src));
        assertEquals("[UNKNOWN_TABLE] nope: --tables names nope, which the source does not have; it has [a]", e.getMessage());
    }

    @Test
    void excludedTablesAreListedWithTheReason() {
        MemorySource src = new MemorySource().add(table("sessions", List.of(Column.of("id", LogicalType.TEXT))), rows())
                .add(table("users", List.of(Column.of("id", LogicalType.TEXT))), rows());
        MigrationPlan plan = new Planner(MigrationOptions.builder().tables(List.of()).exclude(List.of("sessions")).build())
                .plan(src);
        assertEquals(List.of(new SkippedTable("sessions", "excluded")), plan.skipped());
        assertEquals(List.of("users"), plan.tables().stream().map(TablePlan::name).toList());
    }
}
