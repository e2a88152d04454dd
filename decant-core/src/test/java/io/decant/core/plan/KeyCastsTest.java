package io.decant.core.plan;

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
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14: a cast on a referenced key follows it to every column that references it. */
class KeyCastsTest {
    private static final Table USERS = table("users", List.of(Column.of("id", LogicalType.TEXT), Column.of("name", LogicalType.TEXT)));
    private static final Table ACCOUNTS = table("accounts", List.of(Column.of("id", LogicalType.TEXT),
            Column.of("user_id", LogicalType.TEXT)), "user_id->users.id");
    /** References accounts.id, which references nothing: only accounts.user_id is on the chain from users.id. */
    private static final Table PROFILES = table("profiles", List.of(Column.of("user_id", LogicalType.TEXT),
            Column.of("bio", LogicalType.TEXT)), "user_id->accounts.user_id");
    private static final Table NOTES = table("notes", List.of(Column.of("id", LogicalType.INT64),
            Column.of("author", LogicalType.TEXT)));
    private static final MigrationOptions CREATE = MigrationOptions.builder().createSchema(true).build();

    private static Spec spec(String yaml) {
        return SpecLoader.parse(yaml, "decant.yaml", Map.of());
    }

    private static MemorySource source() {
        return new MemorySource().add(USERS, rows()).add(ACCOUNTS, rows()).add(PROFILES, rows()).add(NOTES, rows());
    }

    private static TablePlan planned(MigrationPlan plan, String name) {
        return plan.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static LogicalType targetType(MigrationPlan plan, String table, String column) {
        return planned(plan, table).target().column(column).type();
    }

    @Test
    void aCastOnAKeyFollowsItThroughForeignKeysTransitivelyAndPlanShowsTheChain() {
        MigrationPlan plan = new Planner(CREATE, spec("tables:\n  users:\n    columns:\n      id: { cast: uuid }\n"))
                .plan(source(), new RecordingTarget());
        assertEquals(LogicalType.UUID, targetType(plan, "users", "id"));
        assertEquals(LogicalType.UUID, targetType(plan, "accounts", "user_id"));
        assertEquals(LogicalType.UUID, targetType(plan, "profiles", "user_id"));
        assertEquals(LogicalType.TEXT, targetType(plan, "accounts", "id"));
        assertTrue(planned(plan, "profiles").notes().contains("column user_id: cast uuid follows the key it references:"
                + " users.id (cast: uuid in the spec) <- accounts.user_id (foreign key fk_accounts_user_id)"
                + " <- profiles.user_id (foreign key fk_profiles_user_id)"), planned(plan, "profiles").notes().toString());
    }

    @Test
    void aCastOnAKeyFollowsItToTheSpecsReferences() {
        MigrationPlan plan = new Planner(CREATE, spec("""
                tables:
                  users:
                    columns:
                      id: { cast: uuid }
                ids:
                  users:
                    strategy: keep
                    references: [notes.author]
                """)).plan(source(), new RecordingTarget());
        assertEquals(LogicalType.UUID, targetType(plan, "notes", "author"));
        assertTrue(planned(plan, "notes").notes().stream().anyMatch(n -> n.contains("users.id (cast: uuid in the spec)"
                + " <- notes.author (ids.users.references[0])")), planned(plan, "notes").notes().toString());
    }

    @Test
    void theSameCastWrittenOnTheReferencingColumnIsAccepted() {
        MigrationPlan plan = new Planner(CREATE, spec("tables:\n  users:\n    columns:\n      id: { cast: uuid }\n"
                + "  accounts:\n    columns:\n      user_id: { cast: uuid }\n")).plan(source(), new RecordingTarget());
        assertEquals(LogicalType.UUID, targetType(plan, "profiles", "user_id"));
    }

    @Test
    void aConflictingCastOnAReferencingColumnIsRefusedNamingBoth() {
        var e = assertThrows(DecantException.class, () -> new Planner(CREATE, spec("tables:\n  users:\n    columns:\n"
                + "      id: { cast: uuid }\n  accounts:\n    columns:\n      user_id: { cast: json }\n"))
                .plan(source(), new RecordingTarget()));
        assertEquals(ErrorCode.SPEC_INVALID, e.code());
        assertTrue(e.getMessage().contains("accounts.user_id is cast to json, but it references users.id, which is cast to"
                + " uuid"), e.getMessage());
        assertTrue(e.getMessage().contains("make both uuid or drop the cast on accounts.user_id"), e.getMessage());
    }
}
