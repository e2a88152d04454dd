package io.decant.core.verify;

import static io.decant.core.testing.Tables.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.MigrationOptions;
import io.decant.core.error.DecantException;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.Planner;
import io.decant.core.plan.TargetView;
import io.decant.core.schema.Column;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.SpecLoader;
import io.decant.core.testing.MemorySource;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys the spec declares unique ({@code unique: [lower(email)]}), checked on the target by verify. */
class DeclaredUniqueTest {
    private static final Table USERS = new Table(TableId.of("users"), List.of(Column.of("id", LogicalType.TEXT),
            Column.of("org", LogicalType.INT64), Column.of("email", LogicalType.TEXT), Column.of("api_token", LogicalType.TEXT)),
            List.of("id"), List.of(new Index("users_email", List.of("email"), true, true)), List.of(), -1);

    /** A faithful copy: source and target hold the same rows, so only the integrity checks can fail. */
    private static VerifyReport verify(String spec, List<Object[]> rows) {
        MemorySource source = new MemorySource().add(USERS, rows);
        MemorySource target = new MemorySource().add(USERS, rows);
        MigrationPlan plan = new Planner(MigrationOptions.defaults(), SpecLoader.parse(spec, "decant.yaml", Map.of()))
                .plan(source, TargetView.readBack(target));
        return new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, source, target);
    }

    private static List<IntegrityCheck> declared(VerifyReport r) {
        return r.integrity().stream().filter(c -> c.subject().endsWith("per spec")).toList();
    }

    @Test
    void emailsThatDifferOnlyByCaseAreDuplicatesOfLowerEmail() {
        String spec = "tables:\n  users:\n    unique: [lower(email)]\n";
        VerifyReport ok = verify(spec, rows(new Object[] {"u1", 1L, "Alice@x.com", null}, new Object[] {"u2", 1L, "bob@x.com", null}));
        assertEquals(Status.PASS, ok.status());
        assertEquals(1, declared(ok).size());

        VerifyReport r = verify(spec, rows(new Object[] {"u1", 1L, "Alice@x.com", null}, new Object[] {"u2", 1L, "bob@x.com", null},
                new Object[] {"u3", 2L, "alice@x.com", null}));
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.tables().stream().allMatch(t -> t.status() == Status.PASS), "the copy itself is faithful");
        IntegrityCheck c = declared(r).get(0);
        assertEquals("duplicates", c.kind());
        assertEquals("users (lower(email)) unique per spec", c.subject());
        assertEquals(Status.FAIL, c.status());
        assertEquals(1, c.count());
        assertEquals(List.of("lower(email)=alice@x.com: 2 rows: id=u1; id=u3"), c.examples());
        assertEquals("SELECT lower(\"email\"), count(*) FROM \"users\" WHERE \"email\" IS NOT NULL GROUP BY lower(\"email\")"
                + " HAVING count(*) > 1", c.sql());
        IntegrityCheck constraint = r.integrity().stream().filter(i -> i.subject().equals("users (email) unique"))
                .findFirst().orElseThrow();
        assertEquals(Status.PASS, constraint.status(), "the case-sensitive constraint holds");
    }

    @Test
    void keysWithANullPartAreNotDuplicates() {
        String spec = "tables:\n  users:\n    unique: [lower(email), [org, trim(email)]]\n";
        VerifyReport r = verify(spec, rows(new Object[] {"u1", null, null, null}, new Object[] {"u2", null, null, null},
                new Object[] {"u3", null, "a@x.com", null}, new Object[] {"u4", null, "a@x.com ", null}));
        assertEquals(List.of(Status.PASS, Status.PASS), declared(r).stream().map(IntegrityCheck::status).toList());

        VerifyReport dup = verify(spec, rows(new Object[] {"u3", 7L, "a@x.com", null}, new Object[] {"u4", 7L, "a@x.com  ", null},
                new Object[] {"u5", 7L, "  a@x.com", null}, new Object[] {"u6", 8L, "a@x.com", null}));
        IntegrityCheck c = declared(dup).get(1);
        assertEquals("users (org, trim(email)) unique per spec", c.subject());
        assertEquals(2, c.count());
        assertEquals(List.of("org=7, trim(email)=a@x.com: 3 rows: id=u3; id=u4; id=u5"), c.examples());
        assertEquals("SELECT \"org\", trim(\"email\"), count(*) FROM \"users\" WHERE \"org\" IS NOT NULL AND \"email\" IS NOT NULL"
                + " GROUP BY \"org\", trim(\"email\") HAVING count(*) > 1", c.sql());
    }

    @Test
    void secretValuesAreRedactedAndLongOnesTruncated() {
        String spec = "tables:\n  users:\n    unique: [upper(api_token), lower(email)]\n";
        String longMail = "x".repeat(120) + "@x.com";
        VerifyReport r = verify(spec, rows(new Object[] {"u1", 1L, longMail, "tok_ABC"}, new Object[] {"u2", 1L,
                longMail.toUpperCase(java.util.Locale.ROOT), "tok_abc"}));
        List<IntegrityCheck> c = declared(r);
        assertEquals(List.of("upper(api_token)=<redacted>: 2 rows: id=u1; id=u2"), c.get(0).examples());
        String mail = c.get(1).examples().get(0);
        assertTrue(mail.startsWith("lower(email)='xxxx") && mail.contains("... (126 chars)") && mail.length() < 160, mail);
    }

    @Test
    void aPlainKeyThatAConstraintCoversIsCheckedOnce() {
        VerifyReport r = verify("tables:\n  users:\n    unique: [email, [org, email]]\n",
                rows(new Object[] {"u1", 1L, "a@x.com", null}));
        assertEquals(List.of("users (id) unique", "users (email) unique", "users (org, email) unique per spec"),
                r.integrity().stream().filter(i -> i.kind().equals("duplicates")).map(IntegrityCheck::subject).toList());
    }

    @Test
    void aDuplicatedPrimaryKeyIsNamedOnceWithoutRepeatingItself() {
        List<Object[]> rows = rows(new Object[] {"u1", 1L, "a@x.com", null}, new Object[] {"u1", 1L, "b@x.com", null});
        IntegrityCheck pk = verify("tables: {}\n", rows).integrity().stream().filter(i -> i.subject().equals("users (id) unique"))
                .findFirst().orElseThrow();
        assertEquals(List.of("id=u1: 2 rows"), pk.examples());
    }

    @Test
    void namesAreTheTargetsAndAFunctionNeedsText() {
        Table camel = new Table(TableId.of("Users"), List.of(Column.of("id", LogicalType.TEXT),
                Column.of("eMail", LogicalType.TEXT), Column.of("orgId", LogicalType.INT64)), List.of("id"), List.of(), List.of(), -1);
        MemorySource source = new MemorySource().add(camel, rows(new Object[] {"u1", "A@x.com", 1L},
                new Object[] {"u2", "a@X.com", 1L}));
        String spec = "naming: snake_case\ntables:\n  Users:\n    unique: [lower(e_mail)]\n";
        MemorySource target = new MemorySource().add(new Table(TableId.of("users"), List.of(Column.of("id", LogicalType.TEXT),
                Column.of("e_mail", LogicalType.TEXT), Column.of("org_id", LogicalType.INT64)), List.of("id"), List.of(),
                List.of(), -1), rows(new Object[] {"u1", "A@x.com", 1L}, new Object[] {"u2", "a@X.com", 1L}));
        MigrationPlan plan = new Planner(MigrationOptions.defaults(), SpecLoader.parse(spec, "decant.yaml", Map.of()))
                .plan(source, TargetView.readBack(target));
        assertEquals("lower(e_mail)", plan.uniquesOf(TableId.of("users")).get(0).toString());
        VerifyReport r = new Verifier(VerifyOptions.defaults(), m -> { }).verify(plan, source, target);
        assertEquals(List.of("lower(e_mail)=a@x.com: 2 rows: id=u1; id=u2"), declared(r).get(0).examples());

        DecantException e = assertThrows(DecantException.class, () -> new Planner(MigrationOptions.defaults(),
                SpecLoader.parse("naming: snake_case\ntables:\n  Users:\n    unique: [lower(eMail), trim(org_id)]\n",
                        "decant.yaml", Map.of())).plan(source, TargetView.readBack(target)));
        assertEquals("[SPEC_INVALID] 2 problems in decant.yaml\n"
                + "  decant.yaml:4:14 tables.Users.unique[0]: the target of Users has no column eMail; the source column eMail"
                + " is written as e_mail; its columns: id, e_mail, org_id\n"
                + "  decant.yaml:4:28 tables.Users.unique[1]: trim(org_id): trim applies to text, and org_id is int64",
                e.getMessage());
    }
}
