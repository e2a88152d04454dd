package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.spi.TableSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlicerTest {
    @Test
    void aTableGetsFourSlicesPerCoreAndNoneLargerThanAsked() {
        assertEquals(1, Slicer.count(500, 1_000_000, 8), "a small table is one slice");
        assertEquals(32, Slicer.count(100_000, 1_000_000, 8), "four per core");
        assertEquals(10, Slicer.count(10_000, 1_000_000, 8), "but no slice under a thousand rows");
        assertEquals(100, Slicer.count(100_000_000, 1_000_000, 8), "and none over the size asked for");
    }

    @Test
    void quantilesMakeRangesThatCoverEverything() {
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sample.add(String.valueOf(i));
        }
        List<TableSlice> s = Slicer.byQuantiles("id", sample, 4);
        assertEquals(4, s.size());
        assertNull(s.get(0).low());
        assertEquals("250", s.get(0).high());
        assertEquals("250", s.get(1).low());
        assertNull(s.get(3).high());
        assertEquals("id in [250, 500)", s.get(1).describe());
    }

    @Test
    void aSampleWithFewValuesGivesFewerSlices() {
        assertEquals(2, Slicer.byQuantiles("id", List.of("1", "2"), 8).size());
        assertEquals(1, Slicer.byQuantiles("id", List.of(), 8).size());
    }

    @Test
    void uuidsAreSplitByValueSpaceOnlyWhenRandom() {
        Random r = new Random(18);
        List<String> random = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            random.add(new UUID(r.nextLong(), r.nextLong()).toString());
        }
        random.sort((a, b) -> new java.math.BigInteger(a.replace("-", ""), 16).compareTo(new java.math.BigInteger(b.replace("-", ""), 16)));
        assertTrue(Slicer.uniform(random));
        List<String> timeOrdered = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            timeOrdered.add(String.format("01900000-0000-7000-8000-%012x", i));
        }
        assertFalse(Slicer.uniform(timeOrdered));
        List<TableSlice> s = Slicer.byUuidSpace("id", 4);
        assertEquals("40000000-0000-0000-0000-000000000000", s.get(0).high());
        assertEquals("c0000000-0000-0000-0000-000000000000", s.get(3).low());
    }

    @Test
    void blocksAreSplitEvenly() {
        List<TableSlice> s = Slicer.byBlocks(10, 3);
        assertEquals("blocks [, 3)", s.get(0).describe());
        assertEquals("blocks [3, 6)", s.get(1).describe());
        assertEquals("blocks [6, )", s.get(2).describe());
    }

    @Test
    void theConnectionCapSetsTasksPerExecutor() {
        assertEquals(2, SparkMigration.tasksPerExecutor(SparkRequest.of("a", "b"), 2), "no more than the cores");
        assertEquals(1, SparkMigration.tasksPerExecutor(SparkRequest.of("a", "b").withMaxConnections(5), 4));
        assertEquals(6, SparkMigration.tasksPerExecutor(SparkRequest.of("a", "b").withMaxConnections(30).withExecutors(2), 16));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.decant.core.error.DecantException.class,
                () -> SparkMigration.tasksPerExecutor(SparkRequest.of("a", "b").withMaxConnections(3), 2));
        assertTrue(e.getMessage().contains("allow at least 4"), e.getMessage());
    }
}
