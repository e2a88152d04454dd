package io.decant.core.schema;

import static io.decant.core.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.core.type.LogicalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOrderTest {
    private static List<Column> cols(String... names) {
        return java.util.Arrays.stream(names).map(n -> Column.of(n, LogicalType.INT64)).toList();
    }

    @Test
    void parentsComeFirstAndTiesAreBrokenByName() {
        var logs = table("habit_logs", cols("id", "habit_id"), "habit_id->habits.id");
        var habits = table("habits", cols("id", "user_id"), "user_id->users.id");
        var users = table("users", cols("id", "manager_id"), "manager_id->users.id");
        var cats = table("categories", cols("id"));
        var order = LoadOrder.of(List.of(logs, habits, users, cats));
        assertEquals(List.of("categories", "users", "habits", "habit_logs"),
                order.tables().stream().map(Table::name).toList());
        assertEquals(List.of(), order.cycles(), "a self-reference is not a cycle");
    }

    @Test
    void cyclesAreGroupedTogether() {
        var a = table("a", cols("id", "b_id"), "b_id->b.id");
        var b = table("b", cols("id", "a_id"), "a_id->a.id");
        var c = table("c", cols("id", "a_id"), "a_id->a.id");
        var order = LoadOrder.of(List.of(c, b, a));
        assertEquals(2, order.groups().size());
        assertEquals(List.of("a", "b"), order.groups().get(0).stream().map(Table::name).toList());
        assertEquals(List.of("c"), order.groups().get(1).stream().map(Table::name).toList());
    }
}
