package io.decant.core.verify;

import static io.decant.core.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.MigrationOptions;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.plan.TargetView;
import io.decant.core.schema.Column;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.testing.MemorySource;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private static final Table USERS = new Table(TableId.of("users"), List.of(Column.of("id", LogicalType.INT64),
            Column.of("email", LogicalType.TEXT), Column.of("balance", LogicalType.decimal(10, 2)),
            Column.of("seen_at", LogicalType.TIMESTAMPTZ)), List.of("id"),
            List.of(new Index("users_email", List.of("email"), true, true)), List.of(), -1);
    private static final Table POSTS = table("posts", List.of(Column.of("id", LogicalType.INT64),
            Column.of("user_id", LogicalType.INT64)), "user_id->users.id");

    private static List<Object[]> users() {
        List<Object[]> rows = new ArrayList<>();
        for (long i = 1; i <= 2000; i++) {
            rows.add(new Object[] {i, "u" + i + "@example.com", new BigDecimal(i + ".25"),
                Instant.parse("2024-03-10T08:00:00.000001Z").plusSeconds(i)});
        }
        return rows;
    }

    private static List<Object[]> posts() {
        List<Object[]> rows = new ArrayList<>();
        for (long i = 1; i <= 500; i++) {
            rows.add(new Object[] {i, (i % 2000) + 1});
        }
        return rows;
    }

    private static VerifyReport verify(Consumer<List<Object[]>> breakUsers, Consumer<List<Object[]>> breakPosts) {
        MemorySource source = new MemorySource().add(USERS, users()).add(POSTS, posts());
        List<Object[]> u = users();
        List<Object[]> p = posts();
        breakUsers.accept(u);
        breakPosts.accept(p);
        MemorySource target = new MemorySource().add(USERS, u).add(POSTS, p);
        MigrationPlan plan = new Planner(MigrationOptions.defaults()).plan(source, TargetView.readBack(target));
        return new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, source, target);
    }

    private static TableCheck usersCheck(VerifyReport r) {
        return r.tables().stream().filter(t -> t.table().equals("users")).findFirst().orElseThrow();
    }

    @Test
    void aFaithfulCopyPasses() {
        VerifyReport r = verify(u -> { }, p -> { });
        assertEquals(Status.PASS, r.status());
        assertEquals(2000, usersCheck(r).targetRows());
    }

    @Test
    void aDeletedRowIsNamed() {
        TableCheck c = usersCheck(verify(u -> u.remove(41), p -> { }));
        assertEquals(Status.FAIL, c.status());
        assertEquals(List.of(new RowDiff("missing", "id=42", List.of())), c.differences());
    }

    @Test
    void anExtraRowIsNamed() {
        TableCheck c = usersCheck(verify(u -> u.add(new Object[] {9999L, "x@example.com", BigDecimal.ONE, null}), p -> { }));
        assertEquals(List.of(new RowDiff("extra", "id=9999", List.of())), c.differences());
    }

    @Test
    void aTimestampOffByOneMicrosecondIsFoundThoughCountsMatch() {
        TableCheck c = usersCheck(verify(u -> u.get(99)[3] = ((Instant) u.get(99)[3]).plusNanos(1000), p -> { }));
        assertEquals(Status.PASS, c.count());
        assertEquals(Status.FAIL, c.checksum());
        RowDiff d = c.differences().get(0);
        assertEquals("changed", d.kind());
        assertEquals("id=100", d.key());
        assertEquals(List.of(new RowDiff.ColumnDiff("seen_at", "'2024-03-10T08:01:40.000001Z'", "'2024-03-10T08:01:40.000002Z'")),
                d.columns());
    }

    @Test
    void aDecimalOffByOneCentIsFound() {
        TableCheck c = usersCheck(verify(u -> u.get(9)[2] = new BigDecimal("10.26"), p -> { }));
        assertEquals(List.of(new RowDiff.ColumnDiff("balance", "'10.25'", "'10.26'")), c.differences().get(0).columns());
    }

    @Test
    void orphansAndDuplicatesInTheTargetFail() {
        VerifyReport r = verify(u -> u.get(5)[1] = u.get(6)[1], p -> p.add(new Object[] {501L, 77777L}));
        IntegrityCheck dup = r.integrity().stream().filter(i -> i.kind().equals("duplicates") && i.subject().contains("email"))
                .findFirst().orElseThrow();
        assertEquals(Status.FAIL, dup.status());
        assertEquals(List.of("email=u7@example.com: 2 rows: id=6; id=7"), dup.examples());
        IntegrityCheck orphans = r.integrity().stream().filter(i -> i.kind().equals("orphans")).findFirst().orElseThrow();
        assertEquals(1, orphans.count());
        assertEquals(List.of("user_id=77777"), orphans.examples());
        assertEquals("SELECT count(*) FROM \"posts\" c WHERE c.\"user_id\" IS NOT NULL AND NOT EXISTS "
                + "(SELECT 1 FROM \"users\" p WHERE p.\"id\" = c.\"user_id\")", orphans.sql());
        assertEquals(Status.FAIL, r.status());
    }

    @Test
    void countsOnlyPassAChangedValueButChecksumsDoNot() {
        MemorySource source = new MemorySource().add(USERS, users());
        List<Object[]> u = users();
        u.get(3)[1] = "changed@example.com";
        MemorySource target = new MemorySource().add(USERS, u);
        MigrationPlan plan = new Planner(MigrationOptions.defaults()).plan(source, TargetView.readBack(target));
        VerifyReport counts = new Verifier(VerifyOptions.defaults().withChecksums(false), m -> { }).verify(plan, source, target);
        assertEquals(Status.PASS, counts.tables().get(0).status());
        VerifyReport sums = new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, source, target);
        assertEquals(Status.FAIL, sums.tables().get(0).status());
    }

    /** A target that counts its reads per table. */
    @Test
    void aNotNullTheTargetEnforcesIsItsOwnProofAndReadsNoValue() {
        Table table = new Table(TableId.of("notes"), List.of(Column.of("id", LogicalType.INT64),
                new Column("body", null, LogicalType.TEXT, false, null)), List.of("id"), List.of(), List.of(), -1);
        MemorySource from = new MemorySource().add(table, List.of(new Object[] {1L, "x"}, new Object[] {2L, "y"}));
        // a target that refuses NULL in a NOT NULL column itself (as every database does; memory is told so)
        MemorySource target = new MemorySource() {
            @Override
            public boolean enforcesNotNull() {
                return true;
            }
        }.add(table, List.of(new Object[] {1L, "x"}, new Object[] {2L, "y"}));
        MigrationPlan plan = new Planner(MigrationOptions.defaults()).plan(from, TargetView.readBack(target));
        VerifyReport r = new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, from, target);
        IntegrityCheck body = r.integrity().stream()
                .filter(i -> i.subject().equals("notes.body NOT NULL, enforced by the target's NOT NULL constraint"))
                .findFirst().orElseThrow(() -> new AssertionError(r.integrity().toString()));
        assertEquals(Status.PASS, body.status());
        assertEquals(0, body.count());
        assertEquals(Status.PASS, r.status());
    }

    private static final class CountingSource extends MemorySource {
        final java.util.Map<String, Integer> reads = new java.util.TreeMap<>();

        @Override
        public io.decant.core.spi.RowStream read(Table table, List<Column> columns) {
            reads.merge(table.id().display(), 1, Integer::sum);
            return super.read(table, columns);
        }
    }

    @Test
    void theIntegrityChecksRideAlongTheChecksumPass() {
        MemorySource source = new MemorySource().add(USERS, users()).add(POSTS, posts());
        CountingSource target = new CountingSource();
        target.add(USERS, users()).add(POSTS, posts());
        MigrationPlan plan = new Planner(MigrationOptions.defaults()).plan(source, TargetView.readBack(target));
        VerifyReport r = new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, source, target);
        assertEquals(Status.PASS, r.status());
        assertEquals(java.util.Map.of("posts", 1, "users", 1), target.reads, "one read of each target table");
        List<String> order = r.integrity().stream().map(IntegrityCheck::table).toList();
        assertTrue(order.contains("users") && order.contains("posts"), "both tables checked: " + order);
        assertTrue(order.lastIndexOf("users") < order.indexOf("posts"), "parents first: " + order);
    }

    @Test
    void alongTheChecksumPassOrOnTheirOwnTheIntegrityChecksFindTheSame() {
        for (boolean pkFirst : new boolean[] {true, false}) {
            MemorySource source = new MemorySource().add(USERS, users()).add(POSTS, posts());
            List<Object[]> u = users();
            u.get(5)[1] = u.get(6)[1];                                              // duplicate email
            u.add(pkFirst ? 0 : u.size(), new Object[] {42L, "again@example.com", BigDecimal.TEN, null}); // duplicate id
            u.add(new Object[] {null, "nokey@example.com", BigDecimal.TEN, null});  // NULL in the key
            for (long id = 100; id < 160; id++) {                                    // more than 50 duplicated keys
                u.add(pkFirst ? 1 : u.size(), new Object[] {id, "dup" + id + "@example.com", BigDecimal.ONE, null});
            }
            List<Object[]> p = posts();
            p.add(new Object[] {501L, 77777L});                                      // orphan
            p.add(new Object[] {502L, null});
            MemorySource target = new MemorySource().add(USERS, u).add(POSTS, p);
            MigrationPlan plan = new Planner(MigrationOptions.defaults()).plan(source, TargetView.readBack(target));
            VerifyReport alone = new Verifier(VerifyOptions.defaults().withChecksums(false), m -> { }).verify(plan, source, target);
            VerifyReport along = new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, source, target);
            assertEquals(alone.integrity(), along.integrity());
            IntegrityCheck pk = along.integrity().stream().filter(i -> i.subject().equals("users (id) unique")).findFirst()
                    .orElseThrow();
            assertEquals(61, pk.count());
            assertEquals(50, pk.examples().size());
            assertTrue(pk.examples().contains("id=42: 2 rows"), pk.examples().toString());
            assertEquals(1, along.integrity().stream().filter(i -> i.kind().equals("orphans")).findFirst().orElseThrow().count());
        }
    }

    @Test
    void checksNeedingAColumnTheChecksumDoesNotReadReadTheTargetOnTheirOwn() {
        Table source = new Table(TableId.of("notes"), List.of(Column.of("id", LogicalType.INT64)), List.of("id"), List.of(),
                List.of(), -1);
        Table targetTable = new Table(TableId.of("notes"), List.of(Column.of("id", LogicalType.INT64),
                new Column("body", null, LogicalType.TEXT, false, null)), List.of("id"), List.of(), List.of(), -1);
        CountingSource target = new CountingSource();
        target.add(targetTable, List.of(new Object[] {1L, "x"}, new Object[] {2L, null}));
        MemorySource from = new MemorySource().add(source, List.of(new Object[] {1L}, new Object[] {2L}));
        MigrationPlan plan = new Planner(MigrationOptions.defaults()).plan(from, TargetView.readBack(target));
        VerifyReport r = new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, from, target);
        assertEquals(2, target.reads.get("notes"));
        IntegrityCheck body = r.integrity().stream().filter(i -> i.subject().equals("notes.body NOT NULL")).findFirst().orElseThrow();
        assertEquals(1, body.count());
        assertEquals(Status.PASS, r.tables().get(0).status());
    }
}
