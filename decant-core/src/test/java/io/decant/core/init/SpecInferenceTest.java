package io.decant.core.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import io.decant.core.spec.SpecSchemaTest;
import io.decant.core.spec.TimeFormat;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.testing.Tables;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Init on sources and targets held in memory: what it proposes for each kind of difference, that its spec
 * reads back and satisfies the editor schema, and that the bytes depend on the schemas and rows only (not
 * on the order a database lists its tables in).
 */
class SpecInferenceTest {
    private static Column col(String name, LogicalType type) {
        return Column.of(name, type);
    }

    private static Column notNull(String name, LogicalType type) {
        return Column.of(name, type).withNullable(false);
    }

    private static List<Table> sourceTables() {
        return List.of(
                Tables.table("Members", List.of(col("MemberID", LogicalType.TEXT), col("eMail", LogicalType.TEXT),
                        col("isBanned", LogicalType.INT64), col("joinedAt", LogicalType.INT64),
                        col("verified", LogicalType.INT64), col("Notes", LogicalType.TEXT))),
                Tables.table("Posts", List.of(col("id", LogicalType.INT64), col("MemberID", LogicalType.TEXT),
                        col("Body", LogicalType.TEXT)), "MemberID->Members.MemberID"),
                Tables.table("audit_trail", List.of(col("id", LogicalType.INT64), col("what", LogicalType.TEXT))));
    }

    private static MemorySource source(List<Table> order) {
        MemorySource s = new MemorySource();
        for (Table t : order) {
            switch (t.name()) {
                case "Members" -> s.add(t, Tables.rows(
                        new Object[] {"m-1", "a@x.org", 0L, 1700000000L, 1L, null},
                        new Object[] {"m-2", "b@x.org", 1L, 1600000000L, 0L, "hi"}));
                case "Posts" -> s.add(t, Tables.rows(new Object[] {1L, "m-1", "first"}));
                default -> s.add(t, Tables.rows(new Object[] {1L, "login"}));
            }
        }
        return s;
    }

    private static RecordingTarget target() {
        return new RecordingTarget()
                .add(Tables.table("member", List.of(notNull("member_id", LogicalType.UUID), col("email", LogicalType.TEXT),
                        col("is_banned", LogicalType.BOOLEAN), col("joined_at", LogicalType.TIMESTAMPTZ),
                        col("verified_at", LogicalType.TIMESTAMPTZ), col("legacy_id", LogicalType.TEXT),
                        notNull("plan", LogicalType.TEXT))))
                .add(Tables.table("post", List.of(notNull("id", LogicalType.INT64), col("member_id", LogicalType.UUID),
                        col("body", LogicalType.TEXT)), "member_id->member.member_id"));
    }

    private static String infer(List<Table> order) {
        return new SpecInference(source(order), target(), 100).infer("../docs/decant.schema.json").spec();
    }

    @Test
    void proposesRenamesCastsIdsAndTodosThatTheSpecParserAndTheEditorSchemaAccept() throws Exception {
        String text = infer(sourceTables());
        assertTrue(text.startsWith("# yaml-language-server: $schema=../docs/decant.schema.json\n"), text);
        assertEquals(Set.of(), SpecSchemaTest.validate(text), text);
        Spec spec = SpecLoader.parse(text, "decant.yaml");
        assertEquals("snake_case", spec.naming().spelling(), text);
        assertEquals("member", spec.table("Members").into(), text);
        assertEquals("post", spec.table("Posts").into(), text);
        var members = spec.table("Members");
        assertEquals("boolean", members.column("isBanned").cast().spelling(), text);
        assertNull(members.column("joinedAt").to(), "snake_case names it: " + text);
        assertEquals(TimeFormat.EPOCH_S, members.column("joinedAt").cast().format(), text);
        assertNull(members.column("MemberID").cast(), "the key gets an id strategy, not a cast: " + text);
        assertEquals("uuid5", spec.idsOf("Members").orElseThrow().strategy().name().toLowerCase(java.util.Locale.ROOT));
        assertEquals("legacy_id", spec.idsOf("Members").orElseThrow().legacyColumn(), text);
        // 0/1 into a time with no creation time to take: a decision, and a working choice meanwhile
        assertTrue(members.column("verified").skip(), text);
        assertTrue(text.contains("# TODO: holds 0/1 but target verified_at is a timestamptz: say which time a 1 stands"
                + " for"), text);
        assertTrue(members.column("Notes").skip(), text);
        assertTrue(text.contains("target column member.plan is NOT NULL and no source column feeds it"), text);
        assertNull(spec.table("Posts").column("MemberID").cast(), "a reference follows its key's id mapping: " + text);
        assertEquals(List.of("audit_trail"), spec.exclude(), text);
    }

    @Test
    void withoutTargetTablesItProposesCastsTheValuesShowAndOffersToFoldOneToOneTables() throws Exception {
        Table users = Tables.table("users", List.of(col("id", LogicalType.TEXT), col("created", LogicalType.TEXT),
                col("is_admin", LogicalType.INT64), col("count", LogicalType.INT64)));
        Table settings = Tables.table("user_settings", List.of(col("user_id", LogicalType.TEXT), col("prefs", LogicalType.TEXT)),
                "user_id->users.id");
        MemorySource source = new MemorySource()
                .add(users, Tables.rows(new Object[] {"0b5c3d7e-2f43-4a0e-9d53-6f1f6a1c2b11", "2024-01-02 03:04:05", 1L, 1L},
                        new Object[] {"1c6d4e8f-3a54-4b1f-8e64-7a2a7b2d3c22", "2024-01-03T00:00:00Z", 0L, 0L}))
                .add(settings, Tables.rows(new Object[] {"0b5c3d7e-2f43-4a0e-9d53-6f1f6a1c2b11", "{\"dark\": true}"}));
        InitResult r = new SpecInference(source, null, 10).infer("s.json");
        String text = r.spec();
        assertTrue(r.createSchema(), text);
        assertEquals(Set.of(), SpecSchemaTest.validate(text), text);
        Spec spec = SpecLoader.parse(text, "decant.yaml");
        assertEquals("uuid", spec.table("users").column("id").cast().spelling(), text);
        assertEquals("timestamptz", spec.table("users").column("created").cast().spelling(), text);
        assertEquals("boolean", spec.table("users").column("is_admin").cast().spelling(), text);
        assertNull(spec.table("users").column("count").cast(), "0/1 in a column not named as a flag stays: " + text);
        assertNull(spec.table("user_settings").column("user_id").cast(), "a reference follows its key: " + text);
        assertEquals("jsonb", spec.table("user_settings").column("prefs").cast().spelling(), text);
        assertTrue(text.contains("# TODO: user_settings has at most one row per row of users (user_id is unique and"
                + " references users.id); to fold its columns into the rows of users"), text);
        assertTrue(text.contains("into: users, key: {user_id: id}"), text);
    }

    @Test
    void theSameSchemasAndRowsGiveTheSameBytesInWhateverOrderTheTablesAreListed() {
        String first = infer(sourceTables());
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            List<Table> shuffled = new ArrayList<>(sourceTables());
            Collections.shuffle(shuffled, random);
            assertEquals(first, infer(shuffled));
        }
    }

    @Test
    void decisionsNameTheLinesOfTheEntriesTheyConcern() {
        InitResult r = new SpecInference(source(sourceTables()), target(), 100).infer("s.json");
        String[] lines = r.spec().split("\n", -1);
        assertTrue(r.decisions().size() >= 4, r.decisions().toString());
        for (InitResult.Decision d : r.decisions()) {
            String line = lines[d.line() - 1];
            String last = d.path().substring(d.path().lastIndexOf('.') + 1);
            assertTrue(d.path().equals("ids") || line.contains(last) || line.startsWith("naming"),
                    "line " + d.line() + " '" + line + "' is the entry of " + d.path());
            assertTrue(lines[d.line() - 2].strip().startsWith("#"), "its TODO is right above: " + d);
        }
    }
}
