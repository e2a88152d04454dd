package io.decant.core.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.Reference;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceFinderTest {
    static ForeignKey fk(String name, List<String> cols, String ref, List<String> refCols) {
        return new ForeignKey(name, cols, TableId.of(ref), refCols);
    }

    static final Table USERS = MemoryDb.schema("users", List.of(), "id", LogicalType.TEXT, "invited_by", LogicalType.TEXT);
    static final Table USERS_SELF = MemoryDb.schema("users", List.of(fk("fk_inv", List.of("invited_by"), "users", List.of("id"))),
            "id", LogicalType.TEXT, "invited_by", LogicalType.TEXT);
    static final Table HABITS = MemoryDb.schema("habits", List.of(fk("fk_h_user", List.of("user_id"), "users", List.of("id"))),
            "id", LogicalType.INT64, "user_id", LogicalType.TEXT);
    static final Table HABIT_LOGS = MemoryDb.schema("habit_logs",
            List.of(fk("fk_log_habit", List.of("habit_id", "user_id"), "habits", List.of("id", "user_id"))),
            "id", LogicalType.INT64, "habit_id", LogicalType.INT64, "user_id", LogicalType.TEXT, "meta", LogicalType.JSON);
    static final Table PROFILES = MemoryDb.schema("profiles", List.of(fk("fk_p_user", List.of("user_id"), "users", List.of("id"))),
            "user_id", LogicalType.TEXT);
    static final Table X = MemoryDb.schema("x", List.of(fk("fk_x_profile", List.of("profile_id"), "profiles", List.of("user_id"))),
            "id", LogicalType.INT64, "profile_id", LogicalType.TEXT);
    static final Table NOTES = MemoryDb.schema("notes", List.of(), "id", LogicalType.INT64, "author", LogicalType.TEXT);
    static final Table REPLIES = MemoryDb.schema("replies", List.of(fk("fk_r_author", List.of("author"), "notes", List.of("author"))),
            "id", LogicalType.INT64, "author", LogicalType.TEXT);

    private static final IdSpec USERS_UUID = new IdSpec(IdStrategy.UUID, null, null, null, null, null,
            List.of(Reference.parse("notes.author"), Reference.parse("habit_logs.meta$.members[*].id")));

    @Test
    void followsForeignKeysTransitivelyAndSpecReferences() {
        List<RemappedColumn> found = ReferenceFinder.find(List.of(USERS_SELF, HABITS, HABIT_LOGS, PROFILES, X, NOTES, REPLIES),
                Map.of("users", USERS_UUID));
        List<String> shown = found.stream().map(c -> c.display() + " <" + c.map() + "> " + c.why()).toList();
        assertEquals(List.of(
                "habit_logs.meta$.members[*].id <users> named in spec at ids.users.references[1]",
                "habit_logs.user_id <users> users.id (the key of users, remapped by ids.users) <- habits.user_id (fk_h_user) <- habit_logs.user_id (fk_log_habit)",
                "habits.user_id <users> users.id (the key of users, remapped by ids.users) <- habits.user_id (fk_h_user)",
                "notes.author <users> named in spec at ids.users.references[0]",
                "profiles.user_id <users> users.id (the key of users, remapped by ids.users) <- profiles.user_id (fk_p_user)",
                "replies.author <users> notes.author (named in spec at ids.users.references[0]) <- replies.author (fk_r_author)",
                "users.id <users> the key of users, remapped by ids.users",
                "users.invited_by <users> users.id (the key of users, remapped by ids.users) <- users.invited_by (fk_inv)",
                "x.profile_id <users> users.id (the key of users, remapped by ids.users) <- profiles.user_id (fk_p_user) <- x.profile_id (fk_x_profile)"),
                shown);
    }

    @Test
    void aColumnReachedFromTwoMapsIsASpecError() {
        Table orgs = MemoryDb.schema("orgs", List.of(), "id", LogicalType.TEXT);
        Table both = MemoryDb.schema("owners", List.of(fk("fk_u", List.of("owner"), "users", List.of("id")),
                fk("fk_o", List.of("owner"), "orgs", List.of("id"))), "id", LogicalType.INT64, "owner", LogicalType.TEXT);
        IdSpec plain = new IdSpec(IdStrategy.UUID, null, null, null, null, null, List.of());
        Map<String, IdSpec> ids = new java.util.LinkedHashMap<>();
        ids.put("users", plain);
        ids.put("orgs", plain);
        DecantException e = assertThrows(DecantException.class, () -> ReferenceFinder.find(List.of(USERS, orgs, both), ids));
        assertEquals(ErrorCode.SPEC_INVALID, e.code());
        assertTrue(e.getMessage().contains("owners.owner would hold ids of both users"), e.getMessage());
    }

    @Test
    void unknownReferenceColumnIsNamed() {
        IdSpec bad = new IdSpec(IdStrategy.UUID, null, null, null, null, null, List.of(Reference.parse("notes.nope")));
        DecantException e = assertThrows(DecantException.class, () -> ReferenceFinder.find(List.of(USERS, NOTES), Map.of("users", bad)));
        assertEquals(ErrorCode.UNKNOWN_COLUMN, e.code());
        assertTrue(e.getMessage().contains("ids.users.references[0]"), e.getMessage());
    }
}
