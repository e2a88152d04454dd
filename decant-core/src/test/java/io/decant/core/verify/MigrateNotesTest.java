package io.decant.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.spi.JournalEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of migrate's notes verify reads from a journal, and which differences they explain. */
class MigrateNotesTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static JournalEntry done(String run, String table) {
        return new JournalEntry(run, "plan", JournalEntry.TABLE_DONE, table, 0, AT);
    }

    private static JournalEntry note(String run, String table, String kind, long rows, String where) {
        return JournalEntry.note(run, "plan", table, kind, rows, where, AT);
    }

    /** A failed checksum comparison: source and target rows, and how many rows differ. */
    private static TableCheck failed(String table, long source, long target, long differing) {
        return new TableCheck(table, table, Status.FAIL, source, target, source == target ? Status.PASS : Status.FAIL,
                Status.FAIL, "s", "t", differing, List.of(), List.of());
    }

    @Test
    void theNotesAreThoseOfTheRunThatLastCommittedTheTable() {
        MigrateNotes notes = MigrateNotes.of(List.of(
                new JournalEntry("r1", "plan", JournalEntry.RUN_START, null, 0, AT),
                done("r1", "orders"), note("r1", "orders", JournalEntry.NOTE_REJECTED, 5, "/old/orders.jsonl"),
                done("r1", "users"), note("r1", "users", JournalEntry.NOTE_FILTERED, 2, null),
                done("r2", "orders"), note("r2", "orders", JournalEntry.NOTE_REJECTED, 1, "/r/orders.jsonl"),
                note("r2", "orders", JournalEntry.NOTE_ORPHANS_SKIPPED, 4, null),
                note("r2", "orders", JournalEntry.NOTE_REJECTED, 2, null),
                note("r2", "orders", JournalEntry.NOTE_MERGED_UNMATCHED, 7, "order_notes"),
                note("r2", "orders", JournalEntry.NOTE_MERGED_UNMATCHED, 1, "order_tags")));
        List<MigrateNote> orders = notes.of("orders");
        assertEquals(4, orders.size(), orders.toString());
        assertEquals(new MigrateNote("rejected", 3, "r2", "/r/orders.jsonl",
                "3 rejected (--on-error reject) by migrate: run r2, rejects file /r/orders.jsonl"), orders.get(0));
        assertEquals("4 skipped as orphans by migrate: run r2", orders.get(1).text());
        assertEquals("7 rows of order_notes found no row here to merge into, by migrate: run r2", orders.get(2).text());
        assertEquals("1 rows of order_tags found no row here to merge into, by migrate: run r2", orders.get(3).text());
        assertEquals("2 left out by the spec's where: by migrate: run r1", notes.of("users").get(0).text());
        assertEquals(List.of(), notes.of("items"));
    }

    @Test
    void aShortfallOfExactlyTheRefusedRejectsIsAWarningWithItsCounts() {
        MigrateNotes notes = MigrateNotes.of(List.of(done("r", "t"), note("r", "t", JournalEntry.NOTE_REJECTED, 3, null)));
        // 3 rejected: 1 does not convert (verify leaves it out too), 2 the target refused
        TableCheck c = notes.explain(failed("t", 10, 8, 2), 1);
        assertEquals(Status.WARN, c.status());
        assertEquals(Status.WARN, c.count());
        assertEquals(10, c.sourceRows());
        assertEquals(8, c.targetRows());
        assertTrue(c.notes().contains("the 2 rows the target lacks are among those migrate rejected"), c.notes().toString());
        assertTrue(c.notes().contains("1 source rows do not convert and are not counted, as migrate rejected them"));
        assertEquals(1, c.migrate().size());
    }

    @Test
    void anyOtherDifferenceStillFails() {
        MigrateNotes notes = MigrateNotes.of(List.of(done("r", "t"), note("r", "t", JournalEntry.NOTE_REJECTED, 3, null)));
        TableCheck oneMore = notes.explain(failed("t", 10, 7, 3), 1);
        assertEquals(Status.FAIL, oneMore.status());
        assertTrue(oneMore.notes().contains("migrate's notes do not explain this difference: the target has 3 rows fewer"
                + " than the source's 10, and 2 rejected rows were left for it to lack"), oneMore.notes().toString());
        // as many rows short, but one row changed as well
        assertEquals(Status.FAIL, notes.explain(failed("t", 10, 8, 3), 1).status());
        // counts equal, a row changed
        assertEquals(Status.FAIL, notes.explain(failed("t", 10, 10, 1), 3).status());
        // more rows in the target than in the source
        assertEquals(Status.FAIL, notes.explain(failed("t", 10, 11, 1), 1).status());
        // orphans and filtered rows are left out of verify's source count: they explain no shortfall
        MigrateNotes others = MigrateNotes.of(List.of(done("r", "t"), note("r", "t", JournalEntry.NOTE_ORPHANS_SKIPPED, 2, null),
                note("r", "t", JournalEntry.NOTE_FILTERED, 2, null)));
        assertEquals(Status.FAIL, others.explain(failed("t", 10, 8, 2), 0).status());
    }

    @Test
    void withoutNotesTheCheckIsUnchanged() {
        TableCheck c = failed("t", 10, 8, 2);
        assertSame(c, MigrateNotes.NONE.explain(c, 0));
    }
}
