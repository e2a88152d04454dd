package io.decant.core.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalTest {
    @Test
    void theSameNumberHashesTheSameWhateverItsKindOrScale() {
        RowHasher ints = new RowHasher(List.of(LogicalType.INT64));
        RowHasher decs = new RowHasher(List.of(LogicalType.decimal(10, 2)));
        assertArrayEquals(ints.canonical(new Object[] {5L}), decs.canonical(new Object[] {new BigDecimal("5.00")}));
    }

    @Test
    void jsonIsComparedByValueAsJsonbStoresIt() {
        assertEquals(Canonical.json("{\"b\":1,\"a\":[1.0,\"\\u00e9\"]}"), Canonical.json("{ \"a\": [1, \"é\"], \"b\": 1 }"));
        RowHasher h = new RowHasher(List.of(LogicalType.JSON));
        assertArrayEquals(h.canonical(new Object[] {JsonText.trusted("{\"x\":1,\"y\":2}")}),
                h.canonical(new Object[] {JsonText.trusted("{\"y\":2, \"x\":1}")}));
    }

    @Test
    void nullEmptyAndNegativeZeroAreAllDistinct() {
        RowHasher t = new RowHasher(List.of(LogicalType.TEXT, LogicalType.TEXT));
        assertFalse(java.util.Arrays.equals(t.canonical(new Object[] {null, "x"}), t.canonical(new Object[] {"", "x"})));
        assertFalse(java.util.Arrays.equals(t.canonical(new Object[] {"a", "bc"}), t.canonical(new Object[] {"ab", "c"})),
                "field boundaries cannot collide");
        RowHasher f = new RowHasher(List.of(LogicalType.FLOAT64));
        assertFalse(java.util.Arrays.equals(f.canonical(new Object[] {0.0}), f.canonical(new Object[] {-0.0})));
    }

    @Test
    void theTableChecksumDoesNotDependOnRowOrderButOnEveryRow() {
        Random random = new Random(42);
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            rows.add(new Object[] {i, "name-" + random.nextInt()});
        }
        RowHasher h = new RowHasher(List.of(LogicalType.INT64, LogicalType.TEXT));
        TableChecksum a = sum(h, rows);
        Collections.shuffle(rows, random);
        TableChecksum b = sum(h, rows);
        assertTrue(a.sameAs(b));
        rows.set(500, new Object[] {rows.get(500)[0], rows.get(500)[1] + "!"});
        assertNotEquals(a.hex(), sum(h, rows).hex());
    }

    private static TableChecksum sum(RowHasher h, List<Object[]> rows) {
        TableChecksum c = new TableChecksum();
        long[] out = new long[2];
        for (Object[] r : rows) {
            h.hash(r, out);
            c.add(out);
        }
        return c;
    }
}
