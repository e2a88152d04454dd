package io.decant.core.plan;

import static io.decant.core.testing.Tables.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.MigrationOptions;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.type.LogicalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Index and constraint names of created tables are unique per target schema; long names are refused. */
class CreatedNamesTest {
    private static final MigrationOptions CREATE = MigrationOptions.builder().createSchema(true).build();

    /** A MySQL-style table: the same index name as on the other tables (MySQL scopes it to the table). */
    private static Table child(String name) {
        return new Table(TableId.of(name), List.of(Column.of("id", LogicalType.INT64), Column.of("user_id", LogicalType.INT64)),
                List.of("id"), List.of(new Index("idx_fk_user_id", List.of("user_id"), false, false)),
                List.of(new ForeignKey("fk_user", List.of("user_id"), TableId.of("users"), List.of("id"))), -1);
    }

    private static Table users() {
        return new Table(TableId.of("users"), List.of(Column.of("id", LogicalType.INT64), Column.of("email", LogicalType.TEXT)),
                List.of("id"), List.of(new Index("email_unique", List.of("email"), true, true)), List.of(), -1);
    }

    private static List<String> names(MigrationPlan plan) {
        List<String> out = new ArrayList<>();
        for (TablePlan tp : plan.tables()) {
            tp.target().indexes().forEach(i -> out.add(tp.name() + ":" + i.name()));
            tp.target().foreignKeys().forEach(f -> out.add(tp.name() + ":" + f.name()));
        }
        return out;
    }

    @Test
    void aNameReusedOnSeveralTablesIsPrefixedWithEachTableAndAUniqueOneIsKept() {
        MemorySource src = new MemorySource().add(users(), rows()).add(child("payment"), rows()).add(child("rental"), rows())
                .add(child("customer"), rows());
        MigrationPlan plan = new Planner(CREATE).plan(src, new RecordingTarget());
        List<String> names = names(plan);
        assertEquals(List.of("users:email_unique",
                "payment:payment_idx_fk_user_id", "payment:payment_fk_user",
                "rental:rental_idx_fk_user_id", "rental:rental_fk_user",
                "customer:customer_idx_fk_user_id", "customer:customer_fk_user").stream().sorted().toList(),
                names.stream().sorted().toList());
        TablePlan payment = plan.tables().stream().filter(t -> t.name().equals("payment")).findFirst().orElseThrow();
        assertTrue(payment.notes().contains("index idx_fk_user_id is created as payment_idx_fk_user_id: 3 tables use"
                + " this name, and the target wants it once per schema"), payment.notes().toString());
    }

    @Test
    void theNamesAreTheSameOnEveryRun() {
        MemorySource a = new MemorySource().add(users(), rows()).add(child("payment"), rows()).add(child("rental"), rows());
        MemorySource b = new MemorySource().add(users(), rows()).add(child("payment"), rows()).add(child("rental"), rows());
        assertEquals(names(new Planner(CREATE).plan(a, new RecordingTarget())),
                names(new Planner(CREATE).plan(b, new RecordingTarget())));
    }

    @Test
    void aNameTakenInTheTargetSchemaIsPrefixed() {
        Table other = new Table(TableId.of("other"), List.of(Column.of("id", LogicalType.INT64)), List.of("id"),
                List.of(new Index("email_unique", List.of("id"), true, true)), List.of(), -1);
        MemorySource src = new MemorySource().add(users(), rows());
        MigrationPlan plan = new Planner(CREATE).plan(src, new RecordingTarget().add(other));
        assertEquals(List.of("users:users_email_unique"), names(plan));
    }

    @Test
    void aPrefixedNameTooLongIsCutWithAHashAndStaysUnique() {
        String t1 = "a_table_with_quite_a_long_name_for_its_payments_1";
        String t2 = "a_table_with_quite_a_long_name_for_its_payments_2";
        MemorySource src = new MemorySource().add(users(), rows()).add(child(t1), rows()).add(child(t2), rows());
        MigrationPlan plan = new Planner(CREATE).plan(src, new RecordingTarget().identifierLimit(63));
        Set<String> seen = new HashSet<>();
        for (String n : names(plan)) {
            String name = n.substring(n.indexOf(':') + 1);
            assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 63, name);
            assertTrue(seen.add(name), "unique: " + n);
        }
        assertTrue(names(plan).contains(t1 + ":" + t1 + "_idx__0b9f7b51"), "the head that fits, _ and 8 hex digits of"
                + " the whole name's SHA-256: " + names(plan));
    }

    @Test
    void anUnnamedIndexOrForeignKeyGetsAConventionalNameUniqueLikeTheOthers() {
        Table posts = new Table(TableId.of("posts"), List.of(Column.of("id", LogicalType.INT64),
                Column.of("user_id", LogicalType.INT64)), List.of("id"), List.of(new Index(null, List.of("user_id"), false, false)),
                List.of(new ForeignKey(null, List.of("user_id"), TableId.of("users"), List.of("id"))), -1);
        MigrationPlan plan = new Planner(CREATE).plan(new MemorySource().add(users(), rows()).add(posts, rows()),
                new RecordingTarget());
        assertEquals(List.of("posts:posts_user_id_fkey", "posts:posts_user_id_idx", "users:email_unique"),
                names(plan).stream().sorted().toList());
    }

    @Test
    void aColumnNameLongerThanTheTargetKeepsIsRefusedByPlanNamingTableAndColumn() {
        String longName = "x".repeat(64);
        Table t = new Table(TableId.of("events"), List.of(Column.of("id", LogicalType.INT64), Column.of(longName, LogicalType.TEXT)),
                List.of("id"), List.of(), List.of(), -1);
        var e = assertThrows(DecantException.class, () -> new Planner(CREATE).plan(new MemorySource().add(t, rows()),
                new RecordingTarget().identifierLimit(63)));
        assertEquals(ErrorCode.SCHEMA_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("target column events." + longName + " has a name 64 long;"), e.getMessage());
        assertTrue(e.getMessage().contains("tables.events.columns." + longName + ".to"), e.getMessage());
    }

    @Test
    void twoColumnsThatCollideOnceCutAreRefusedNamingBoth() {
        String a = "y".repeat(63) + "_a";
        String b = "y".repeat(63) + "_b";
        Table t = new Table(TableId.of("events"), List.of(Column.of("id", LogicalType.INT64), Column.of(a, LogicalType.TEXT),
                Column.of(b, LogicalType.TEXT)), List.of("id"), List.of(), List.of(), -1);
        var e = assertThrows(DecantException.class, () -> new Planner(CREATE).plan(new MemorySource().add(t, rows()),
                new RecordingTarget().identifierLimit(63)));
        assertTrue(e.getMessage().contains("target columns events." + a + " and events." + b
                + " are the same name once cut"), e.getMessage());
    }

    @Test
    void aTableNameLongerThanTheTargetKeepsIsRefused() {
        String longName = "t".repeat(70);
        Table t = new Table(TableId.of(longName), List.of(Column.of("id", LogicalType.INT64)), List.of("id"), List.of(),
                List.of(), -1);
        var e = assertThrows(DecantException.class, () -> new Planner(CREATE).plan(new MemorySource().add(t, rows()),
                new RecordingTarget().identifierLimit(63)));
        assertTrue(e.getMessage().contains("target table name " + longName + " is 70 long"), e.getMessage());
    }
}
