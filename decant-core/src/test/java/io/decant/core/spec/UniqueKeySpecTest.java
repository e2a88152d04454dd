package io.decant.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammar of {@code unique:} and its check against the target's columns as the spec shapes them. */
class UniqueKeySpecTest {

    private static List<String> problems(String yaml) {
        SpecResult r = SpecLoader.read(yaml, "decant.yaml", SpecLoaderTest.ENV);
        assertFalse(r.ok(), "expected problems");
        return r.problems().stream().map(SpecProblem::toString).toList();
    }

    private static Spec spec(String yaml) {
        return SpecLoader.parse(yaml, "decant.yaml", SpecLoaderTest.ENV);
    }

    private static List<String> check(String yaml, List<Table> tables) {
        return SpecCheck.against(spec(yaml), tables).stream().map(SpecProblem::toString).toList();
    }

    private static final List<Table> SCHEMA = List.of(
            new Table(TableId.of("users"), List.of(Column.of("id", LogicalType.TEXT), Column.of("orgId", LogicalType.INT64),
                    Column.of("email", LogicalType.TEXT), Column.of("name", LogicalType.TEXT),
                    Column.of("login", LogicalType.TEXT)), List.of("id"), List.of(), List.of(), -1),
            new Table(TableId.of("user_profile"), List.of(Column.of("user_id", LogicalType.TEXT),
                    Column.of("handle", LogicalType.TEXT), Column.of("bio", LogicalType.TEXT)), List.of("user_id"), List.of(),
                    List.of(), -1));

    @Test
    void keysAreTermsOrListsOfTerms() {
        Spec s = spec("""
                tables:
                  users:
                    unique:
                      - lower(email)
                      - [orgId, lower(trim(name))]
                      - login
                      - " upper ( login ) "
                """);
        List<UniqueKey> keys = s.table("users").unique();
        assertEquals(List.of("lower(email)", "orgId, lower(trim(name))", "login", "upper(login)"),
                keys.stream().map(UniqueKey::toString).toList());
        assertEquals(List.of(UniqueKey.Function.LOWER, UniqueKey.Function.TRIM), keys.get(1).terms().get(1).functions());
        assertEquals("tables.users.unique[1][1]", keys.get(1).terms().get(1).path());
        assertTrue(keys.get(2).isPlain());
        assertFalse(keys.get(0).isPlain());
        assertEquals(List.of("lower(email)"), spec("tables: { users: { unique: lower(email) } }\n").table("users").unique()
                .stream().map(UniqueKey::toString).toList(), "one key may be written without the list");
    }

    @Test
    void termsApplyTheirFunctionsInsideOutAndKeepNull() {
        UniqueKey.Term t = UniqueKey.parseTerm("lower(trim(email))", "p");
        assertEquals("alice@x.com", t.apply("  Alice@X.com "));
        assertEquals(null, t.apply(null));
        assertEquals("lower(trim(\"email\"))", t.sql("\"email\""));
        assertEquals("\tA", UniqueKey.parseTerm("trim(c)", "p").apply(" \tA  "), "trim removes spaces only, as SQL's trim");
        assertEquals("STRASSE", UniqueKey.parseTerm("upper(c)", "p").apply("straße"));
        assertEquals("i", UniqueKey.parseTerm("lower(c)", "p").apply("I"), "no locale: not the Turkish dotless i");
    }

    @Test
    void everyGrammarMistakeIsReportedWithItsPlace() {
        assertEquals(List.of(
                "decant.yaml:4:9 tables.users.unique[0]: 'lowr(email)': unknown function 'lowr'; did you mean 'lower'?;"
                        + " known: lower, upper, trim",
                "decant.yaml:5:9 tables.users.unique[1]: 'LOWER(email)': unknown function 'LOWER'; did you mean 'lower'?;"
                        + " known: lower, upper, trim",
                "decant.yaml:6:9 tables.users.unique[2]: 'lower()': lower() needs a column, as in lower(email)",
                "decant.yaml:7:9 tables.users.unique[3]: 'lower(email': missing ')'",
                "decant.yaml:8:9 tables.users.unique[4]: 'lower(email) desc': unexpected 'desc' after ')'",
                "decant.yaml:9:9 tables.users.unique[5]: 'lower(a, b)': lower takes one column",
                "decant.yaml:10:9 tables.users.unique[6]: 'orgId, email': one column per term; write a key of several"
                        + " columns as a list, as in [org_id, lower(name)]",
                "decant.yaml:11:9 tables.users.unique[7]: a key needs at least one column",
                "decant.yaml:12:9 tables.users.unique[8]: expected a key: a column, lower(column), upper(column),"
                        + " trim(column), or a list of them; got a mapping",
                "decant.yaml:13:10 tables.users.unique[9][0]: expected a column, or lower(column), upper(column) or"
                        + " trim(column); got a list",
                "decant.yaml:14:17 tables.users.unique[10][1]: 'email' is listed twice in this key",
                "decant.yaml:16:9 tables.users.unique[12]: key lower(email) is listed twice",
                "decant.yaml:17:9 tables.users.unique[13]: '(email)': a parenthesis needs a function before it: lower,"
                        + " upper or trim",
                "decant.yaml:18:9 tables.users.unique[14]: 'email)': unbalanced ')'",
                "decant.yaml:19:8 tables.users.unique[15]: expected a key: a column, lower(column), upper(column),"
                        + " trim(column), or a list of them; got nothing"),
                problems("""
                        tables:
                          users:
                            unique:
                              - lowr(email)
                              - LOWER(email)
                              - lower()
                              - lower(email
                              - lower(email) desc
                              - lower(a, b)
                              - orgId, email
                              - []
                              - { lower: email }
                              - [[orgId]]
                              - [email, email]
                              - lower(email)
                              - "lower(email)"
                              - (email)
                              - email)
                              -
                        """));
    }

    @Test
    void wrongYamlTypesAndEmptyLists() {
        assertEquals(List.of("decant.yaml:3:13 tables.users.unique: expected a list, got a mapping"),
                problems("tables:\n  users:\n    unique: { email: true }\n"));
        assertEquals(List.of("decant.yaml:3:13 tables.users.unique: unique needs at least one key, such as [lower(email)];"
                + " remove it if there is none"), problems("tables:\n  users:\n    unique: []\n"));
        assertEquals(List.of("decant.yaml:3:12 tables.users.unique: unique needs at least one key, such as [lower(email)];"
                + " remove it if there is none"), problems("tables:\n  users:\n    unique:\n"));
        assertEquals(List.of("decant.yaml:3:5 tables.users.uniq: unknown key 'uniq'; did you mean 'unique'?; allowed here:"
                + " add, columns, into, keep, key, unique, where"), problems("tables:\n  users:\n    uniq: [email]\n"));
        assertEquals(List.of("decant.yaml:3:5 tables.w.unique: w merges into users and has no target table of its own;"
                + " declare unique under the source table that becomes users"),
                problems("tables:\n  w:\n    unique: [lower(email)]\n    into: users\n    key: id\n"));
    }

    @Test
    void columnsAreTheTargetsAfterNamingAndRenames() {
        String yaml = """
                naming: snake_case
                tables:
                  users:
                    columns:
                      login: { to: username }
                    add:
                      display: { value: "name + ' <' + email + '>'" }
                    unique:
                      - lower(email)
                      - [org_id, lower(display)]
                      - lower(username)
                      - orgId
                      - emial
                      - login
                      - lower(org_id)
                """;
        assertEquals(List.of(
                "decant.yaml:12:9 tables.users.unique[3]: the target of users has no column orgId; the source column orgId"
                        + " is written as org_id; its columns: id, org_id, email, name, username, display",
                "decant.yaml:13:9 tables.users.unique[4]: the target of users has no column emial; did you mean 'email'?;"
                        + " its columns: id, org_id, email, name, username, display",
                "decant.yaml:14:9 tables.users.unique[5]: the target of users has no column login; the source column login"
                        + " is written as username; its columns: id, org_id, email, name, username, display",
                "decant.yaml:15:9 tables.users.unique[6]: lower(org_id): lower applies to text, and org_id is int64"),
                check(yaml, SCHEMA));
    }

    @Test
    void mergedColumnsBelongToTheTableTheyMergeInto() {
        String yaml = """
                tables:
                  user_profile:
                    into: users
                    key: { user_id: id }
                    columns:
                      bio: { skip: true }
                  users:
                    unique: [lower(handle), bio, user_id]
                """;
        assertEquals(List.of(
                "decant.yaml:8:29 tables.users.unique[1]: the target of users has no column bio; its columns: id, orgId,"
                        + " email, name, login, handle",
                "decant.yaml:8:34 tables.users.unique[2]: the target of users has no column user_id; its columns: id, orgId,"
                        + " email, name, login, handle"),
                check(yaml, SCHEMA));
    }

    @Test
    void aSplitTableKeepsItsKeyAndKeptColumns() {
        String yaml = """
                tables:
                  user_profile:
                    into: users
                    key: { user_id: id }
                    keep: [handle]
                    unique: [lower(handle), bio]
                """;
        assertEquals(List.of("decant.yaml:6:29 tables.user_profile.unique[1]: the target of user_profile has no column bio;"
                + " its columns: user_id, handle"), check(yaml, SCHEMA));
    }
}
