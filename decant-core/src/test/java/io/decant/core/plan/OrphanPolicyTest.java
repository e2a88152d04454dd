package io.decant.core.plan;

import static io.decant.core.testing.Tables.rows;
import static io.decant.core.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.ProgressListener;
import io.decant.core.api.TableResult;
import io.decant.core.error.ErrorCode;
import io.decant.core.run.Migrator;
import io.decant.core.run.RowIssues;
import io.decant.core.run.RunIds;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the orphans policy does with a reference whose parent row is missing. */
class OrphanPolicyTest {
    private static final Table USERS = table("users", List.of(Column.of("id", LogicalType.TEXT)));
    private static final Table POSTS = table("posts", List.of(Column.of("id", LogicalType.INT64),
            Column.of("user_id", LogicalType.TEXT)), "user_id->users.id");
    private static final Table POSTS_REQUIRED = new Table(POSTS.id(), List.of(Column.of("id", LogicalType.INT64),
            new Column("user_id", null, LogicalType.TEXT, false, null)), List.of("id"), List.of(), POSTS.foreignKeys(), -1);

    private static MigrationResult run(String policy, Table posts) {
        Spec spec = SpecLoader.parse("orphans: " + policy + "\nids:\n  users: { strategy: uuid5 }\n", "decant.yaml", Map.of());
        MemorySource src = new MemorySource().add(USERS, rows(new Object[] {"u1"}, new Object[] {"u2"}))
                .add(posts, rows(new Object[] {1L, "u1"}, new Object[] {2L, "gone"}, new Object[] {3L, "u2"}));
        RecordingTarget dst = new RecordingTarget();
        MigrationOptions opts = MigrationOptions.builder().createSchema(true).build();
        RunIds ids = RunIds.load(spec, src, null);
        MigrationPlan plan = new Planner(opts, spec, ids).plan(src, dst);
        MigrationResult r = new Migrator(opts, ProgressListener.NONE).run(plan, src, dst);
        assertEquals(3, dst.rows("posts").size() + r.tables().get(1).orphans().stream()
                .filter(o -> o.action().startsWith("row skipped")).count());
        return r;
    }

    @Test
    void failStopsNamingTheRowColumnAndValue() {
        var e = assertThrows(Migrator.RunFailed.class, () -> run("fail", POSTS));
        assertEquals(ErrorCode.ORPHAN, e.failure().code());
        assertTrue(e.failure().getMessage().startsWith("[ORPHAN] posts.user_id (row 2, id=2): no mapping for posts.user_id"
                + " -> users.id"), e.failure().getMessage());
        assertTrue(e.failure().getMessage().contains("(value 'gone')"), e.failure().getMessage());
    }

    @Test
    void skipDropsTheRowAndListsIt() {
        MigrationResult r = run("skip", POSTS);
        TableResult posts = r.tables().get(1);
        assertEquals(2, posts.rows());
        assertEquals(List.of(new RowIssues.RowIssue("posts", "id=2", "posts.user_id -> users.id", "'gone'", "row skipped")),
                posts.orphans());
        assertTrue(posts.notes().contains("orphans: 1 rows skipped, 0 references set to NULL (listed in the report)"),
                posts.notes().toString());
    }

    @Test
    void reportKeepsTheRowWithNullWhereAllowedAndSkipsItWhereNot() {
        TableResult nullable = run("report", POSTS).tables().get(1);
        assertEquals(3, nullable.rows());
        assertEquals("reference set to NULL", nullable.orphans().get(0).action());
        TableResult required = run("report", POSTS_REQUIRED).tables().get(1);
        assertEquals(2, required.rows());
        assertEquals("row skipped (user_id is NOT NULL)", required.orphans().get(0).action());
    }

    @Test
    void mappedReferencesGetTheParentsNewId() {
        Spec spec = SpecLoader.parse("orphans: skip\nids:\n  users: { strategy: uuid5 }\n", "decant.yaml", Map.of());
        MemorySource src = new MemorySource().add(USERS, rows(new Object[] {"u1"}, new Object[] {"u2"}))
                .add(POSTS, rows(new Object[] {1L, "u1"}, new Object[] {3L, "u2"}));
        RecordingTarget dst = new RecordingTarget();
        MigrationOptions opts = MigrationOptions.builder().createSchema(true).build();
        RunIds ids = RunIds.load(spec, src, null);
        new Migrator(opts, ProgressListener.NONE).run(new Planner(opts, spec, ids).plan(src, dst), src, dst);
        Object newU1 = ids.maps().get("users").lookup("u1");
        assertTrue(newU1 instanceof UUID, String.valueOf(newU1));
        assertEquals(newU1, dst.rows("users").get(0)[0]);
        assertEquals(newU1, dst.rows("posts").get(0)[1], "the reference carries the parent's new id");
        assertEquals(ids.maps().get("users").lookup("u2"), dst.rows("posts").get(1)[1]);
    }

    @Test
    void withoutAWrittenPolicyAnOrphanOfAGeneratedMappingIsReported() {
        Spec spec = SpecLoader.parse("ids:\n  users: { strategy: uuid5 }\n", "decant.yaml", Map.of());
        MemorySource src = new MemorySource().add(USERS, rows(new Object[] {"u1"}))
                .add(POSTS, rows(new Object[] {1L, "u1"}, new Object[] {2L, "gone"}));
        RecordingTarget dst = new RecordingTarget();
        MigrationOptions opts = MigrationOptions.builder().createSchema(true).build();
        RunIds ids = RunIds.load(spec, src, null);
        MigrationResult r = new Migrator(opts, ProgressListener.NONE).run(new Planner(opts, spec, ids).plan(src, dst), src, dst);
        assertEquals(2, r.tables().get(1).rows());
        assertEquals("reference set to NULL", r.tables().get(1).orphans().get(0).action());
    }

    /** An integer column referencing a uuid key cannot hold its ids: the refusal names the skip line, which plans. */
    @Test
    void aReferenceThatCannotHoldTheKeysIdsNamesSkipAndSkipPlans() {
        Table users = table("users", List.of(Column.of("id", LogicalType.UUID)));
        Table posts = table("posts", List.of(Column.of("id", LogicalType.INT64), Column.of("user_id", LogicalType.INT64)),
                "user_id->users.id");
        MemorySource src = new MemorySource().add(users, rows(new Object[] {UUID.randomUUID()}))
                .add(posts, rows(new Object[] {1L, 7L}));
        MigrationOptions opts = MigrationOptions.builder().createSchema(true).build();
        Spec spec = SpecLoader.parse("ids:\n  users: { strategy: uuid5 }\n", "decant.yaml", Map.of());
        var e = assertThrows(io.decant.core.error.DecantException.class,
                () -> new Planner(opts, spec, RunIds.load(spec, src, null)).plan(src, new RecordingTarget()));
        assertEquals(ErrorCode.NO_CONVERSION, e.code());
        assertTrue(e.getMessage().contains("posts.user_id") && e.getMessage().contains("a int64 column cannot hold ids of"
                + " users.id (uuid); leave the column out with tables.posts.columns.user_id: { skip: true }"), e.getMessage());

        Spec skipped = SpecLoader.parse("ids:\n  users: { strategy: uuid5 }\ntables:\n  posts:\n    columns:\n"
                + "      user_id: { skip: true }\n", "decant.yaml", Map.of());
        RecordingTarget dst = new RecordingTarget();
        MigrationPlan plan = new Planner(opts, skipped, RunIds.load(skipped, src, null)).plan(src, dst);
        new Migrator(opts, ProgressListener.NONE).run(plan, src, dst);
        assertEquals(1, dst.rows("posts").size());
    }
}
