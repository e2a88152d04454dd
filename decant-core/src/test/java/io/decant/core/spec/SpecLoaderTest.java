package io.decant.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
    static final Map<String, String> ENV = Map.of(
            "D1_URL", "sqlite:ignition.db",
            "DATABASE_URL", "postgres://app:s3cretpw@db:5432/ignition",
            "SUPABASE_DB_URL", "postgresql://postgres:pw123456@db.supabase.co:5432/postgres",
            "AUTH_TOKEN", "tok_live_abcdef");

    static String resource(String name) {
        try (InputStream in = SpecLoaderTest.class.getResourceAsStream("/spec/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problems(String yaml) {
        SpecResult r = SpecLoader.read(yaml, "decant.yaml", ENV);
        assertFalse(r.ok(), "expected problems");
        assertNull(r.spec());
        return r.problems().stream().map(SpecProblem::toString).toList();
    }

    private static String only(String yaml) {
        List<String> p = problems(yaml);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    @Test
    void ignitionSeedParses() {
        Spec spec = SpecLoader.parse(resource("ignition-d1-to-postgres.yaml"), "ignition.yaml", ENV);
        assertEquals("sqlite:ignition.db", spec.source());
        assertEquals(List.of("sessions"), spec.exclude());
        assertEquals(Naming.SNAKE_CASE, spec.naming());
        assertEquals(OrphanPolicy.REPORT, spec.orphans());
        TableSpec users = spec.table("users");
        assertEquals(LogicalType.BOOLEAN, users.column("approved").cast().outputType());
        assertEquals(TimeFormat.SQLITE, users.column("tos_accepted_at").cast().format());
        assertEquals("emailVerified == 1 ? created_at : null", users.column("emailVerified").value());
        TableSpec wallet = spec.table("user_wallet");
        assertTrue(wallet.isMerge());
        assertEquals("user_progress", wallet.into());
        assertEquals(List.of("user_id"), wallet.key());
        assertEquals("{}", spec.table("habits").column("settings").defaultValue());
        assertEquals(IdStrategy.UUID5, spec.ids().get("habit_logs").strategy());
        assertEquals(TableSpec.NONE, spec.table("goals"));
        assertFalse(spec.toString().contains("s3cretpw"), spec.toString());
    }

    @Test
    void permTrackerSeedParses() {
        Spec spec = SpecLoader.parse(resource("perm-tracker-postgres-to-convex.yaml"), "perm.yaml", ENV);
        assertEquals(Naming.CAMEL_CASE, spec.naming());
        TableSpec settings = spec.table("user_settings");
        assertEquals(List.of("user_id"), settings.key());
        assertEquals(List.of("id"), settings.keyTargets());
        assertEquals(Boolean.TRUE, settings.column("email_notifications").defaultValue());
        assertTrue(spec.table("auth.users").isRename());
        assertEquals(new CastSpec.Cents(), spec.table("cases").column("salary").cast().target());
        IdSpec ids = spec.ids().get("auth.users");
        assertEquals(new MatchSpec("users", "email", "email", true), ids.match());
        assertEquals(14, spec.mappingRetentionDays());
    }

    @Test
    void emptyFileIsTheEmptySpec() {
        assertEquals(Spec.empty(), SpecLoader.parse("# nothing yet\n", "decant.yaml", ENV));
    }

    @Test
    void unknownKeyAtDepthWithLineAndColumn() {
        String yaml = """
                tables:
                  users:
                    columns:
                      approved: { cast: boolean, too: is_approved }
                """;
        assertEquals("decant.yaml:4:34 tables.users.columns.approved.too: unknown key 'too'; did you mean 'to'?;"
                + " allowed here: as_text, cast, default, ref, skip, to, type, value, zero_date", only(yaml));
    }

    @Test
    void unknownTopLevelKeySuggests() {
        assertEquals("decant.yaml:1:1 tabels: unknown key 'tabels'; did you mean 'tables'?; allowed here: exclude, ids,"
                + " mapping_retention_days, naming, orphans, source, tables, target, zero_dates, zone", only("tabels: {}\n"));
    }

    @Test
    void wrongValueTypes() {
        assertEquals("decant.yaml:1:10 exclude: expected a list, got a mapping", only("exclude: {a: 1}\n"));
        assertEquals("decant.yaml:1:9 tables: expected a mapping, got a list", only("tables: [users]\n"));
        assertEquals("decant.yaml:1:34 tables.t.columns.c.skip: expected true or false, got 'maybe'",
                only("tables: {t: {columns: {c: {skip: maybe}}}}\n"));
        assertEquals("decant.yaml:1:25 mapping_retention_days: expected a whole number, got the quoted string '30'",
                only("mapping_retention_days: \"30\"\n"));
        assertEquals("decant.yaml:1:1: a spec is a mapping of keys such as tables, exclude, ids; got just text",
                only("just text\n"));
    }

    @Test
    void unknownNamingStrategyOrphans() {
        List<String> p = problems("naming: snake\norphans: ignore\nids: {users: {strategy: uuid7}}\n");
        assertEquals(List.of(
                "decant.yaml:1:9 naming: unknown naming 'snake'; did you mean 'snake_case'?; known: preserve, snake_case, camelCase",
                "decant.yaml:2:10 orphans: unknown orphans policy 'ignore'; known: fail, report, skip",
                "decant.yaml:3:25 ids.users.strategy: unknown id strategy 'uuid7'; did you mean 'uuid'?; known: keep, uuid,"
                        + " uuid5, file, match, http"), p);
    }

    @Test
    void unsetEnvironmentVariableIsNamed() {
        assertEquals("decant.yaml:1:9 source: environment variable NOPE is not set", only("source: ${NOPE}\n"));
        assertEquals("decant.yaml:1:9 source: unterminated ${ at character 1; write $${ for a literal ${", only("source: ${NOPE\n"));
    }

    @Test
    void environmentExpansionEscapesAndFallbacks() {
        Spec s = SpecLoader.parse("source: ${D1_URL}\ntarget: \"$${NOT_EXPANDED} ${MISSING:-fallback}\"\n", "d.yaml", ENV);
        assertEquals("sqlite:ignition.db", s.source());
        assertEquals("${NOT_EXPANDED} fallback", s.target());
    }

    @Test
    void badCastAndBadExpression() {
        String yaml = """
                tables:
                  users:
                    columns:
                      approved: { cast: bol }
                      verified: { value: "emailVerified == 1 ?" }
                      at: { cast: { type: uuid, format: iso } }
                """;
        List<String> p = problems(yaml);
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("decant.yaml:4:25 tables.users.columns.approved.cast: unknown cast 'bol'; did you mean"
                + " 'bool'?; known casts: boolean, bool, int16"), p.get(0));
        assertEquals("decant.yaml:5:26 tables.users.columns.verified.value: expression \"emailVerified == 1 ?\": parsing"
                + " error in '?'", p.get(1));
        assertEquals("decant.yaml:6:33 tables.users.columns.at.cast.format: format applies to casts to timestamptz,"
                + " timestamp, date, epoch_s and epoch_ms, not uuid", p.get(2));
    }

    @Test
    void sandboxViolationIsASpecError() {
        assertEquals("decant.yaml:1:21 tables.t.where: expression \"java.lang.System.exit(1)\": method call is not"
                + " allowed: '.exit(...)'", only("tables: {t: {where: \"java.lang.System.exit(1)\"}}\n"));
    }

    @Test
    void mergeCycleAndKeyWithoutInto() {
        String yaml = """
                tables:
                  a: { into: b, key: id }
                  b: { into: c, key: id }
                  c: { into: a, key: [id] }
                  d: { key: id }
                """;
        assertEquals(List.of(
                "decant.yaml:2:8 tables.a.into: merge cycle: a -> b -> c -> a",
                "decant.yaml:5:8 tables.d.key: key needs into: it names the columns that find the row of the table to merge into"),
                problems(yaml));
    }

    @Test
    void duplicateTargets() {
        String yaml = """
                exclude: [old]
                tables:
                  a: { into: x }
                  b: { into: x }
                  old: { into: y }
                  t:
                    columns:
                      p: { to: q }
                      q: {}
                """;
        assertEquals(List.of(
                "decant.yaml:4:8 tables.b.into: tables a and b are both renamed to x; to combine their rows, give one of"
                        + " them a key to merge on",
                "decant.yaml:5:3 tables.old: table old is excluded, so its settings would be ignored; remove one of the two",
                "decant.yaml:9:7 tables.t.columns.q: columns p and q both become q"), problems(yaml));
    }

    @Test
    void duplicateKeyAndYamlSyntax() {
        assertEquals("decant.yaml:2:1 naming: key 'naming' is given twice", only("naming: preserve\nnaming: snake_case\n"));
        assertEquals("decant.yaml:3:4: not valid YAML: could not find expected ':'", only("tables:\nusers\n  x: 1\n"));
    }

    @Test
    void skipExcludesEverythingElse() {
        assertEquals("decant.yaml:1:27 tables.t.columns.c: skip: true leaves the column out; it cannot also have cast",
                only("tables: {t: {columns: {c: {skip: true, cast: uuid}}}}\n"));
    }

    @Test
    void idsOptionsBelongToTheirStrategy() {
        String yaml = """
                ids:
                  users: { strategy: uuid, file: map.json }
                  accounts: { strategy: match }
                  logs: { strategy: http, http: { url: "https://auth.example/admin/users", id_pointer: /id,
                          headers: { Authorization: "Bearer ${AUTH_TOKEN}" }, body: '{"email": {{email}}' } }
                  tags: { strategy: keep, references: ["posts.tag_ids$.items[*].id", "bad"] }
                """;
        assertEquals(List.of(
                "decant.yaml:2:28 ids.users.file: file is only for strategy file, not uuid",
                "decant.yaml:3:25 ids.accounts.strategy: strategy match needs the key 'match'",
                "decant.yaml:6:70 ids.tags.references[1]: expected table.column or table.column$.json.path, got 'bad'"),
                problems(yaml));
    }

    @Test
    void httpSecretsNeverPrinted() {
        String yaml = """
                ids:
                  users:
                    strategy: http
                    http:
                      url: https://auth.example/admin/users
                      headers: { Authorization: "Bearer ${AUTH_TOKEN}", Content-Type: application/json }
                      body: '{"email": "{{email}}"}'
                      id_pointer: /user/id
                      rate_per_second: 2.5
                      retries: 5
                """;
        Spec spec = SpecLoader.parse(yaml, "d.yaml", ENV);
        HttpSpec http = spec.ids().get("users").http();
        assertEquals("Bearer tok_live_abcdef", http.headers().get("Authorization"));
        assertEquals(new BigDecimal("2.5"), http.ratePerSecond());
        assertEquals("POST", http.method());
        assertFalse(spec.toString().contains("tok_live_abcdef"));
        DecantException e = new DecantException(ErrorCode.DATABASE_ERROR, "server said: bad token tok_live_abcdef");
        assertFalse(e.getMessage().contains("tok_live_abcdef"), e.getMessage());
    }

    @Test
    void severalErrorsAtOnceInOneException() {
        String yaml = """
                naming: kebab
                tables:
                  users:
                    colums: {}
                zone: Mars/Base
                """;
        DecantException e = assertThrows(DecantException.class, () -> SpecLoader.parse(yaml, "decant.yaml", ENV));
        assertEquals(ErrorCode.SPEC_INVALID, e.code());
        assertEquals(2, e.exitCode());
        assertEquals("""
                [SPEC_INVALID] 3 problems in decant.yaml
                  decant.yaml:1:9 naming: unknown naming 'kebab'; known: preserve, snake_case, camelCase
                  decant.yaml:4:5 tables.users.colums: unknown key 'colums'; did you mean 'columns'?; allowed here: add, columns, into, keep, key, unique, where
                  decant.yaml:5:7 zone: unknown time zone 'Mars/Base'; use a region such as Europe/Berlin, or UTC, or an offset such as +02:00""",
                e.getMessage());
    }

    @Test
    void castMapFormAndZones() {
        Spec s = SpecLoader.parse("""
                zone: America/Sao_Paulo
                tables:
                  t:
                    columns:
                      at: { cast: { type: timestamptz, format: epoch_ms, zone: Europe/Berlin } }
                      d:  { cast: "numeric(10, 2)" }
                """, "d.yaml", ENV);
        assertEquals(ZoneId.of("America/Sao_Paulo"), s.zone());
        CastSpec at = s.table("t").column("at").cast();
        assertEquals(TimeFormat.EPOCH_MS, at.format());
        assertEquals(ZoneId.of("Europe/Berlin"), at.zone());
        assertEquals(LogicalType.decimal(10, 2), s.table("t").column("d").cast().outputType());
    }

    @Test
    void locateFallsBackToTheNearestWrittenParent() {
        Spec s = SpecLoader.parse("tables:\n  users:\n    columns:\n      id: { cast: uuid }\n", "d.yaml", ENV);
        assertEquals("d.yaml:4:7 tables.users.columns.id", s.locate("tables.users.columns.id").toString());
        assertEquals("d.yaml:3:5 tables.users.columns.nope", s.locate("tables.users.columns.nope").toString());
        assertEquals("d.yaml ids.x", s.locate("ids.x").toString());
    }

    @Test
    void loadFromFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("decant.yaml");
        Files.writeString(f, "exclude: [sessions]\n");
        assertEquals(List.of("sessions"), SpecLoader.load(f, ENV).exclude());
        DecantException e = assertThrows(DecantException.class, () -> SpecLoader.load(dir.resolve("none.yaml"), ENV));
        assertEquals(ErrorCode.USAGE, e.code());
        Files.writeString(f, "naming: snek\n");
        e = assertThrows(DecantException.class, () -> SpecLoader.load(f, ENV));
        assertTrue(e.getMessage().contains("decant.yaml:1:9 naming: unknown naming 'snek'"), e.getMessage());
    }
}
