package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import org.junit.jupiter.api.Test;

/**
 * Enums and domains over types decant models, PostgreSQL to PostgreSQL with {@code --create-schema}: a column keeps
 * its type where the target already has it (the application's migrations made it there too), and is created as text
 * or the domain's base type, noted with the way out, where the target lacks it or its enum could refuse a value.
 */
class PgOwnTypesIT {
    private static final String TYPES = """
            CREATE SCHEMA auth;
            CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn', 'phone');
            CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
            """;

    private static final String SCHEMA = TYPES + """
            CREATE TABLE auth.factor (id integer PRIMARY KEY, kind auth.factor_type NOT NULL, kinds auth.factor_type[],
                                      tries posint, scores posint[]);
            INSERT INTO auth.factor SELECT g, (ARRAY['totp', 'webauthn', 'phone'])[g % 3 + 1]::auth.factor_type,
                   ARRAY['phone', 'totp']::auth.factor_type[], g, ARRAY[g, g + 1]::posint[] FROM generate_series(1, 30) g;
            INSERT INTO auth.factor VALUES (31, 'phone', NULL, NULL, NULL);
            """;

    private static final String COLUMN_TYPES = "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', '"
            + " ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'auth.factor'::regclass AND attnum > 0";

    @Test
    void aTargetWithTheTypesGetsColumnsOfThem() {
        PgServer.TestDb src = PgServer.get().createDatabase("own_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("own_has");
        src.exec(SCHEMA);
        // The target's enum has a label added since (ALTER TYPE ... ADD VALUE): the source's are among them, in order.
        dst.exec(TYPES + "ALTER TYPE auth.factor_type ADD VALUE 'sms' AFTER 'webauthn';");

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema", "--schemas", "auth");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("-> auth.factor_type"), plan.out());
        assertTrue(plan.out().contains("-> auth.factor_type[]"), plan.out());
        assertTrue(plan.out().contains("-> posint"), plan.out());
        assertFalse(plan.out().contains("is created as"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema", "--schemas", "auth");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("id integer, kind auth.factor_type, kinds auth.factor_type[], tries posint, scores integer[]", dst.one(COLUMN_TYPES));
        String rows = "SELECT string_agg(id || ' ' || kind || ' ' || coalesce(kinds::text, '-') || ' '"
                + " || coalesce(tries::text, '-'), ';' ORDER BY id) FROM auth.factor";
        assertEquals(src.one(rows), dst.one(rows));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "auth");
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void aTargetWithoutTheTypesGetsTextAndTheBaseTypeWithNotes() {
        PgServer.TestDb src = PgServer.get().createDatabase("own_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("own_none");
        src.exec(SCHEMA);

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema", "--schemas", "auth");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("column kind is created as text, not auth.factor_type: the target database has no"
                + " enum auth.factor_type; create it on the target first (CREATE TYPE auth.factor_type AS ENUM ('totp',"
                + " 'webauthn', 'phone'), or the application's migrations) to keep it an enum"), plan.out());
        assertTrue(plan.out().contains("column kinds is created as text[], not auth.factor_type[]"), plan.out());
        assertTrue(plan.out().contains("column tries is created as integer, not posint: the target database has no domain"
                + " posint; create it on the target first (CREATE DOMAIN posint AS integer CHECK ((VALUE > 0)), or the"
                + " application's migrations) to keep it a domain, whose checks then apply as rows load"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema", "--schemas", "auth");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("id integer, kind text, kinds text[], tries integer, scores integer[]", dst.one(COLUMN_TYPES));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "auth");
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void anEnumWhoseLabelsDifferIsCreatedAsTextWithANote() {
        PgServer.TestDb src = PgServer.get().createDatabase("own_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("own_diff");
        src.exec(SCHEMA);
        // 'phone' missing, and the others in another order; the domain is over bigint.
        dst.exec("""
                CREATE SCHEMA auth;
                CREATE TYPE auth.factor_type AS ENUM ('webauthn', 'totp');
                CREATE DOMAIN posint AS bigint CHECK (VALUE > 0);
                """);

        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema", "--schemas", "auth");
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("column kind is created as text, not auth.factor_type: the target's enum"
                + " auth.factor_type has the labels webauthn, totp, which do not include the source's totp, webauthn,"
                + " phone in that order"), plan.out());
        assertTrue(plan.out().contains("column tries is created as integer, not posint: the target's domain posint is over"
                + " bigint, not integer as in the source; create it as the source has it (CREATE DOMAIN posint AS integer"
                + " CHECK ((VALUE > 0))) to keep it a domain"), plan.out());

        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema", "--schemas", "auth");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("id integer, kind text, kinds text[], tries integer, scores integer[]", dst.one(COLUMN_TYPES));
        assertEquals(0, Cli.run("verify", "--from", src.url(), "--to", dst.url(), "--schemas", "auth").exit());
    }

    /** A domain's CHECK applies as rows load into a column kept of it: a value it refuses is a row error. */
    @Test
    void aKeptDomainsCheckRefusesARow() {
        PgServer.TestDb src = PgServer.get().createDatabase("own_src");
        PgServer.TestDb dst = PgServer.get().createDatabase("own_check");
        src.exec(SCHEMA);
        dst.exec("""
                CREATE SCHEMA auth;
                CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn', 'phone');
                CREATE DOMAIN posint AS integer CHECK (VALUE > 5);
                """);
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema", "--schemas", "auth");
        assertTrue(r.exit() != 0, r.toString());
        assertTrue(r.toString().contains("posint"), r.toString());
    }
}
