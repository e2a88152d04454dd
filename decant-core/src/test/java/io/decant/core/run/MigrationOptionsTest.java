package io.decant.core.run;

import io.decant.core.api.MigrationOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationOptionsTest {
    @Test
    void theDefaultsAreWhatTheCommandLineDoesWithoutOptions() {
        MigrationOptions d = MigrationOptions.defaults();
        assertEquals(List.of(), d.tables());
        assertEquals(List.of(), d.exclude());
        assertFalse(d.createSchema());
        assertFalse(d.truncateFirst());
        assertFalse(d.disableFk());
        assertEquals(1, d.jobs());
        assertEquals(1000, d.batchSize());
        assertEquals(ZoneOffset.UTC, d.naiveZone());
        assertFalse(d.replaceTables());
        assertFalse(d.resume());
        assertNull(d.rejects());
        assertEquals(MigrationOptions.DEFAULT_COMMIT_EVERY, d.commitEvery());
        assertTrue(d.sourceCollation());
        assertTrue(d.passThrough());
    }

    @Test
    void eachSetterSetsItsOptionAndToBuilderKeepsTheRest() {
        MigrationOptions o = MigrationOptions.builder().tables(List.of("a")).exclude(List.of("b")).createSchema(true)
                .truncateFirst(true).disableFk(true).jobs(3).batchSize(7).naiveZone(ZoneId.of("Europe/Paris"))
                .replaceTables(true).resume(true).commitEvery(0).sourceCollation(false).passThrough(false).build();
        assertEquals(List.of("a"), o.tables());
        assertEquals(List.of("b"), o.exclude());
        assertTrue(o.createSchema() && o.truncateFirst() && o.disableFk() && o.replaceTables() && o.resume());
        assertEquals(3, o.jobs());
        assertEquals(7, o.batchSize());
        assertEquals(ZoneId.of("Europe/Paris"), o.naiveZone());
        assertEquals(0, o.commitEvery());
        assertFalse(o.sourceCollation() || o.passThrough());
        assertEquals(o, o.toBuilder().build());
        MigrationOptions changed = o.toBuilder().jobs(1).build();
        assertEquals(1, changed.jobs());
        assertEquals(o.naiveZone(), changed.naiveZone());
    }

    @Test
    void buildChecksTheNumbers() {
        assertThrows(IllegalArgumentException.class, () -> MigrationOptions.builder().jobs(0).build());
        assertThrows(IllegalArgumentException.class, () -> MigrationOptions.builder().commitEvery(-1).build());
        assertThrows(IllegalArgumentException.class, () -> MigrationOptions.builder().batchSize(0).build());
    }
}
