package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast REAL-to-decimal path agrees with the general rule on every value, accepted or not. The
 * fast path alone ({@link Decimals#fastDoubleOnly}) is compared with the general rule
 * wherever it answers, and the test counts how often it answers: comparing the whole converter with
 * the general rule would compare the general rule with itself wherever the fast path declines.
 */
class DoubleToDecimalTest {
    private static Object general(double d, LogicalType to) {
        try {
            return Decimals.fit(Decimals.ofDouble(d), to);
        } catch (ConversionException e) {
            return e.code();
        }
    }

    private static Object converter(double d, LogicalType to) {
        try {
            return Conversions.utc().find(LogicalType.FLOAT64, to).converter().convert(d);
        } catch (ConversionException e) {
            return e.code();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 7L, 42L, 20261121L})
    void agreesWithTheGeneralRuleOnSeededRandomValues(long seed) {
        Random r = new Random(seed);
        LogicalType[] types = {LogicalType.decimal(10, 2), LogicalType.decimal(18, 4), LogicalType.decimal(12, 0),
            LogicalType.decimal(5, 3), LogicalType.decimal(0, 2), LogicalType.decimal(30, 9)};
        int accepted = 0;
        int fastAnswered = 0;
        for (int i = 0; i < 50_000; i++) {
            LogicalType to = types[i % types.length];
            double d = switch (i % 5) {
                case 0 -> Math.round(r.nextDouble() * 1e6) / 100.0;           // money
                case 1 -> (Math.round(r.nextDouble() * 1e4) / 100.0) * 3;     // money after arithmetic
                case 2 -> r.nextGaussian() * 1e3;                             // arbitrary
                case 3 -> (r.nextInt(2_000_000) - 1_000_000) / 1000.0;        // three decimals
                default -> Double.longBitsToDouble(r.nextLong());             // anything, NaN included
            };
            Object expected = general(d, to);
            BigDecimal fast = Decimals.fastDoubleOnly(to).apply(d);
            if (fast != null) {
                fastAnswered++;
                assertEquals(expected, fast, "fast path: " + d + " into " + to);
                assertEquals(((BigDecimal) expected).scale(), fast.scale(), "fast path: " + d + " into " + to);
            }
            Object got = converter(d, to);
            assertEquals(expected, got, d + " into " + to);
            if (expected instanceof BigDecimal b) {
                accepted++;
                assertEquals(b.scale(), ((BigDecimal) got).scale(), d + " into " + to);
            }
        }
        assertTrue(fastAnswered > accepted / 2, "the fast path answered " + fastAnswered + " of " + accepted + " accepted values");
    }

    @Test
    void moneyTakesTheFastPath() {
        for (double d : new double[] {12.5, 0.3, 7.0, -19.99, 1234567.89}) {
            BigDecimal fast = Decimals.fastDoubleOnly(LogicalType.decimal(10, 2)).apply(d);
            assertNotNull(fast, d + " into decimal(10,2)");
            assertEquals(new BigDecimal(Double.toString(d)).setScale(2), fast);
        }
    }
}
