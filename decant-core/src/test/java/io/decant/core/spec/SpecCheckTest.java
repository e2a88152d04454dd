package io.decant.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecCheckTest {

    private static Table table(String schema, String name, List<String> pk, Column... columns) {
        return new Table(new TableId(schema, name), List.of(columns), pk, List.of(), List.of(), -1);
    }

    /** The Ignition D1 schema as SQLite reports it: mostly TEXT and INTEGER. */
    static List<Table> ignition() {
        return List.of(
                table(null, "users", List.of("id"),
                        Column.of("id", LogicalType.TEXT), Column.of("name", LogicalType.TEXT), Column.of("email", LogicalType.TEXT),
                        Column.of("emailVerified", LogicalType.INT64), Column.of("approved", LogicalType.INT64),
                        Column.of("age_verified", LogicalType.INT64), Column.of("tos_accepted", LogicalType.INT64),
                        Column.of("tos_accepted_at", LogicalType.TEXT), Column.of("last_activity_at", LogicalType.TEXT),
                        Column.of("created_at", LogicalType.TEXT), Column.of("updated_at", LogicalType.TEXT)),
                table(null, "accounts", List.of("id"), Column.of("id", LogicalType.TEXT), Column.of("userId", LogicalType.TEXT),
                        Column.of("providerAccountId", LogicalType.TEXT), Column.of("expires_at", LogicalType.INT64)),
                table(null, "sessions", List.of("id"), Column.of("id", LogicalType.TEXT)),
                table(null, "user_progress", List.of("user_id"), Column.of("user_id", LogicalType.TEXT),
                        Column.of("total_xp", LogicalType.INT64), Column.of("current_level", LogicalType.INT64),
                        Column.of("total_skill_stars", LogicalType.INT64)),
                table(null, "user_wallet", List.of("user_id"), Column.of("user_id", LogicalType.TEXT),
                        Column.of("xp", LogicalType.INT64), Column.of("level", LogicalType.INT64),
                        Column.of("total_skill_stars", LogicalType.INT64), Column.of("coins", LogicalType.INT64)),
                table(null, "habits", List.of("id"), Column.of("id", LogicalType.TEXT), Column.of("user_id", LogicalType.TEXT),
                        Column.of("is_active", LogicalType.INT64), Column.of("settings", LogicalType.TEXT)),
                table(null, "habit_logs", List.of("id"), Column.of("id", LogicalType.TEXT),
                        Column.of("habit_id", LogicalType.TEXT), Column.of("logged_at", LogicalType.TEXT)));
    }

    static List<Table> permTracker() {
        return List.of(
                table("auth", "users", List.of("id"), Column.of("id", LogicalType.UUID), Column.of("email", LogicalType.TEXT),
                        Column.of("encrypted_password", LogicalType.TEXT),
                        Column.of("created_at", LogicalType.TIMESTAMPTZ), Column.of("updated_at", LogicalType.TIMESTAMPTZ)),
                table(null, "user_settings", List.of("id"), Column.of("id", LogicalType.UUID),
                        Column.of("user_id", LogicalType.UUID), Column.of("email_notifications", LogicalType.BOOLEAN),
                        Column.of("created_at", LogicalType.TIMESTAMPTZ), Column.of("updated_at", LogicalType.TIMESTAMPTZ)),
                table(null, "user_preferences", List.of("id"), Column.of("id", LogicalType.UUID),
                        Column.of("user_id", LogicalType.UUID), Column.of("theme", LogicalType.TEXT)),
                table(null, "cases", List.of("id"), Column.of("id", LogicalType.UUID), Column.of("user_id", LogicalType.UUID),
                        Column.of("salary", LogicalType.decimal(10, 2)), Column.of("filed_on", LogicalType.DATE),
                        Column.of("priority_date", LogicalType.DATE), Column.of("tags", LogicalType.JSON),
                        Column.of("is_favorite", LogicalType.BOOLEAN),
                        Column.of("created_at", LogicalType.TIMESTAMPTZ), Column.of("updated_at", LogicalType.TIMESTAMPTZ)),
                table(null, "notifications", List.of("id"), Column.of("id", LogicalType.UUID)),
                table(null, "conversations", List.of("id"), Column.of("id", LogicalType.UUID)));
    }

    private static Spec spec(String yaml) {
        return SpecLoader.parse(yaml, "decant.yaml", SpecLoaderTest.ENV);
    }

    private static List<String> check(String yaml, List<Table> tables) {
        return SpecCheck.against(spec(yaml), tables).stream().map(SpecProblem::toString).toList();
    }

    @Test
    void seedSpecsFitTheirSchemas() {
        assertEquals(List.of(), SpecCheck.against(spec(SpecLoaderTest.resource("ignition-d1-to-postgres.yaml")), ignition()));
        assertEquals(List.of(), SpecCheck.against(spec(SpecLoaderTest.resource("perm-tracker-postgres-to-convex.yaml")),
                permTracker()));
    }

    @Test
    void unknownTablesAndColumnsSuggest() {
        String yaml = """
                exclude: [session]
                tables:
                  user:
                    columns: { id: { cast: uuid } }
                  accounts:
                    columns:
                      userid: { cast: uuid }
                """;
        assertEquals(List.of(
                "decant.yaml:1:11 exclude[0]: the source has no table session; did you mean 'sessions'?",
                "decant.yaml:3:3 tables.user: the source has no table user; did you mean 'users'?",
                "decant.yaml:7:7 tables.accounts.columns.userid: table accounts has no column userid; did you mean 'userId'?"),
                check(yaml, ignition()));
    }

    @Test
    void zeroDateIsForDateAndTimeColumnsAndEncodingsForTextAndBytes() {
        String yaml = """
                tables:
                  cases:
                    columns:
                      filed_on: { zero_date: null }
                      created_at: { zero_date: 1970-01-01 }
                      salary: { zero_date: null }
                      tags: { cast: { type: bytes, encoding: base64 } }
                """;
        assertEquals(List.of(
                "decant.yaml:6:17 tables.cases.columns.salary.zero_date: zero_date applies to date and time columns"
                        + " (MySQL zero dates); salary is decimal(10,2)",
                "decant.yaml:7:15 tables.cases.columns.tags.cast: cast bytes cannot apply to a json column; encoding"
                        + " relates text and bytes: it needs a text or bytes value"),
                check(yaml, permTracker()));
    }

    @Test
    void expressionsAndCastsMeetRealTypes() {
        String yaml = """
                tables:
                  users:
                    where: "approved"
                    columns:
                      emailVerified: { value: "emailVerified == 1 ? created : null", cast: timestamptz }
                      approved: { cast: uuid }
                      age_verified: { cast: boolean, default: "maybe" }
                """;
        assertEquals(List.of(
                "decant.yaml:3:5 tables.users.where: expression \"approved\": a condition must give true or false, not int64",
                "decant.yaml:5:24 tables.users.columns.emailVerified.value: expression \"emailVerified == 1 ? created : null\":"
                        + " unknown column 'created'; did you mean 'created_at'?; columns: id, name, email, emailVerified,"
                        + " approved, age_verified, tos_accepted, tos_accepted_at, last_activity_at, created_at, updated_at",
                "decant.yaml:6:19 tables.users.columns.approved.cast: cast uuid cannot apply to a int64 column; no cast makes a"
                        + " int64 value a uuid: change the cast, or leave the column out with skip: true",
                "decant.yaml:7:38 tables.users.columns.age_verified.default: the constant 'maybe' is not a valid boolean: not a boolean"),
                check(yaml, ignition()));
    }

    @Test
    void namingCollisions() {
        List<Table> tables = List.of(table(null, "t", List.of("userId"), Column.of("userId", LogicalType.TEXT),
                Column.of("user_id", LogicalType.TEXT)));
        assertEquals(List.of("decant.yaml:1:9 tables.t.columns.user_id: columns userId and user_id both become user_id;"
                + " rename one with to"), check("naming: snake_case\n", tables).stream()
                .map(s -> s.replace("decant.yaml tables", "decant.yaml:1:9 tables")).toList());
        assertEquals(List.of(), check("naming: snake_case\ntables: {t: {columns: {userId: {to: legacy_user_id}}}}\n", tables));
    }

    @Test
    void unsupportedColumnsNeedAnOptIn() {
        List<Table> tables = List.of(table(null, "places", List.of("id"), Column.of("id", LogicalType.INT64),
                Column.unsupported("shape", "geometry", true, "PostGIS type")));
        // Without an opt-in the planner stops on the column (it knows which tables --tables/--exclude select).
        assertEquals(List.of(), check("source: x\n", tables));
        assertEquals(List.of(), check("tables: {places: {columns: {shape: {as_text: true}}}}\n", tables));
        assertEquals(List.of("decant.yaml:1:34 tables.places.columns.id.as_text: as_text is for unsupported types; id is"
                + " int64, write cast: text to make it text"), check("tables: {places: {columns: {id: {as_text: true},"
                + " shape: {skip: true}}}}\n", tables));
    }

    @Test
    void idsNeedAOneColumnKeyAndKnownReferences() {
        List<Table> tables = List.of(
                table(null, "tags", List.of(), Column.of("name", LogicalType.TEXT)),
                table(null, "users", List.of("id"), Column.of("id", LogicalType.TEXT), Column.of("legacy_id", LogicalType.TEXT)));
        String yaml = """
                ids:
                  tags: { strategy: uuid }
                  users: { strategy: uuid, legacy_column: legacy_id, references: [posts.author_id] }
                """;
        assertEquals(List.of(
                "decant.yaml:2:3 ids.tags: remapping ids needs a one-column primary key; tags has none",
                "decant.yaml:3:28 ids.users.legacy_column: legacy column legacy_id is already a column of users",
                "decant.yaml:3:67 ids.users.references[0]: the source has no table posts"),
                check(yaml, tables));
    }

    @Test
    void mergeTargetMustExist() {
        assertEquals(List.of("decant.yaml:1:24 tables.user_wallet.into: merge target progress is neither a source table"
                + " nor the new name of one"), check("tables: {user_wallet: {into: progress, key: user_id}}\n", ignition()));
    }

    @Test
    void orThrowListsEverything() {
        DecantException e = assertThrows(DecantException.class,
                () -> SpecCheck.orThrow(spec("exclude: [a, b]\n"), ignition()));
        assertEquals(ErrorCode.SPEC_INVALID, e.code());
        assertTrue(e.getMessage().startsWith("[SPEC_INVALID] 2 problems in decant.yaml\n  decant.yaml:1:11 exclude[0]"),
                e.getMessage());
    }
}
