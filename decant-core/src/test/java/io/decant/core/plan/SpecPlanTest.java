package io.decant.core.plan;

import io.decant.core.api.SkippedTable;
import static io.decant.core.testing.Tables.rows;
import static io.decant.core.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.ProgressListener;
import io.decant.core.error.DecantException;
import io.decant.core.run.Migrator;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.type.LogicalType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The spec's shaping, end to end through planner and migrator, on an in-memory D1-like source. */
class SpecPlanTest {
    private static final Table USERS = table("users", List.of(Column.of("id", LogicalType.TEXT),
            Column.of("emailVerified", LogicalType.INT64), Column.of("approved", LogicalType.INT64),
            Column.of("created_at", LogicalType.TEXT), Column.of("nickName", LogicalType.TEXT)));
    private static final Table WALLET = table("user_wallet", List.of(Column.of("user_id", LogicalType.TEXT),
            Column.of("xp", LogicalType.INT64), Column.of("level", LogicalType.INT64)), "user_id->users.id");
    private static final Table SESSIONS = table("sessions", List.of(Column.of("id", LogicalType.TEXT)));

    private static final String U1 = "123e4567-e89b-12d3-a456-426614174000";
    private static final String U2 = "223e4567-e89b-12d3-a456-426614174000";

    private static final String SPEC = """
            exclude: [sessions]
            naming: snake_case
            tables:
              users:
                where: "approved != 2"
                columns:
                  id: { cast: uuid }
                  approved: { cast: boolean }
                  created_at: { cast: timestamptz }
                  emailVerified: { cast: timestamptz, value: "emailVerified == 1 ? created_at : null" }
                  nickName: { default: "anonymous" }
              user_wallet:
                into: users
                key: { user_id: id }
                columns:
                  xp: { to: total_xp }
            """;

    private static MemorySource source() {
        return new MemorySource()
                .add(USERS, rows(new Object[] {U1, 1L, 1L, "2024-01-02 03:04:05", null},
                        new Object[] {U2, 0L, 0L, "2024-02-03T04:05:06Z", "bo"},
                        new Object[] {"ignored", 0L, 2L, "2024-01-01", null}))
                .add(WALLET, rows(new Object[] {U1, 120L, 3L}, new Object[] {"nobody", 5L, 1L}))
                .add(SESSIONS, rows(new Object[] {"s1"}));
    }

    @Test
    void theSpecShapesEveryRow() {
        Spec spec = SpecLoader.parse(SPEC, "decant.yaml", Map.of());
        MigrationOptions opts = MigrationOptions.builder().createSchema(true).build();
        MemorySource src = source();
        RecordingTarget dst = new RecordingTarget();
        MigrationPlan plan = new Planner(opts, spec).plan(src, dst);
        assertEquals(List.of("users"), plan.tables().stream().map(TablePlan::name).toList());
        assertEquals(List.of("sessions", "user_wallet"), plan.skipped().stream().map(SkippedTable::table).sorted().toList());
        Table created = plan.tables().get(0).target();
        assertEquals(List.of("id", "email_verified", "approved", "created_at", "nick_name", "total_xp", "level"),
                created.columnNames());
        assertEquals(LogicalType.TIMESTAMPTZ, created.column("email_verified").type());
        MigrationResult r = new Migrator(opts, ProgressListener.NONE).run(plan, src, dst);
        List<Object[]> got = dst.rows("users");
        assertEquals(2, got.size(), "the where filter drops the third row");
        assertArrayEquals(new Object[] {UUID.fromString(U1), Instant.parse("2024-01-02T03:04:05Z"), true,
            Instant.parse("2024-01-02T03:04:05Z"), "anonymous", 120L, 3L}, got.get(0));
        assertArrayEquals(new Object[] {UUID.fromString(U2), null, false, Instant.parse("2024-02-03T04:05:06Z"), "bo",
            null, null}, got.get(1));
        assertEquals(List.of("1 rows of user_wallet found no row in users to merge into: they were not migrated"),
                r.tables().get(0).notes());
    }

    @Test
    void aColumnFedTwiceIsAPlanError() {
        Spec spec = SpecLoader.parse("""
                tables:
                  user_wallet:
                    into: users
                    key: { user_id: id }
                    columns:
                      xp: { to: approved }
                """, "decant.yaml", Map.of());
        var e = assertThrows(DecantException.class, () -> new Planner(MigrationOptions.builder().createSchema(true).build(), spec)
                .plan(source(), new RecordingTarget()));
        assertTrue(e.getMessage().contains("target column approved would get two values: column approved and merged from user_wallet.xp"),
                e.getMessage());
    }

    @Test
    void keepSplitsATableBetweenItsOwnTargetAndAMerge() {
        Table wallet = table("user_wallet", List.of(Column.of("user_id", LogicalType.TEXT), Column.of("xp", LogicalType.INT64),
                Column.of("coins", LogicalType.INT64)), "user_id->users.id");
        Table users = table("users", List.of(Column.of("id", LogicalType.TEXT), Column.of("name", LogicalType.TEXT)));
        Spec spec = SpecLoader.parse("""
                tables:
                  user_wallet:
                    into: users
                    key: { user_id: id }
                    keep: [coins]
                    columns:
                      xp: { to: total_xp }
                """, "decant.yaml", Map.of());
        MemorySource src = new MemorySource().add(users, rows(new Object[] {"u1", "Ada"}))
                .add(wallet, rows(new Object[] {"u1", 120L, 7L}));
        RecordingTarget dst = new RecordingTarget();
        MigrationOptions opts = MigrationOptions.builder().createSchema(true).build();
        MigrationPlan plan = new Planner(opts, spec).plan(src, dst);
        assertEquals(List.of("users", "user_wallet"), plan.tables().stream().map(TablePlan::name).toList());
        assertEquals(List.of("id", "name", "total_xp"), plan.tables().get(0).target().columnNames());
        assertEquals(List.of("user_id", "coins"), plan.tables().get(1).target().columnNames());
        new Migrator(opts, ProgressListener.NONE).run(plan, src, dst);
        assertArrayEquals(new Object[] {"u1", "Ada", 120L}, dst.rows("users").get(0));
        assertArrayEquals(new Object[] {"u1", 7L}, dst.rows("user_wallet").get(0));
    }
}
