package io.decant.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The integer key check counts and names what a check row by row counts and names (the rows whose
 * value came before; the first values in the order of their second occurrence), in every order of
 * arrival: sorted (with and without repeats), in interleaved runs, at random, descending.
 */
class IntegerKeysTest {
    private static long[] values(int shape, int n) {
        Random r = new Random(shape);
        long[] v = new long[n];
        long next = -50;
        for (int i = 0; i < n; i++) {
            v[i] = switch (shape) {
                case 0 -> next++;                                                     // ascending, no repeats
                case 1 -> r.nextInt(200) == 0 ? next - 1 - r.nextInt(100) : next++;   // ascending, some late repeats
                case 2 -> (i / 1000 % 2 == 0 ? 0 : 1_000_000) + (i / 2000) * 1000 + i % 1000 - (i % 5000 == 7 ? 3 : 0);
                case 3 -> r.nextInt(3 * n) - 1000;                                    // random
                case 4 -> n - next++;                                                 // descending
                case 5 -> r.nextInt(7);                                               // few values, many repeats
                case 7 -> r.nextInt(3) == 0 ? next : ++next;                          // ascending, repeats side by side
                default -> r.nextBoolean() ? Long.MIN_VALUE + r.nextInt(3) : Long.MAX_VALUE - r.nextInt(3);
            };
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void countsAndNamesAsARowByRowCheck(int shape) {
        for (int n : new int[] {0, 1, 2, 1000, 100_000}) {
            long[] v = values(shape, n);
            IntegerKeys keys = new IntegerKeys();
            Set<Long> seen = new HashSet<>();
            List<Long> named = new ArrayList<>();
            long repeats = 0;
            for (long x : v) {
                keys.add(x);
                if (!seen.add(x)) {
                    repeats++;
                    if (named.size() < 50 && !named.contains(x)) {
                        named.add(x);
                    }
                }
            }
            keys.count(50);
            assertEquals(repeats, keys.repeats(), "shape " + shape + ", " + n + " values");
            assertEquals(named, keys.named(), "shape " + shape + ", " + n + " values");
        }
    }
}
