package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Expected words taken from PostgreSQL's numeric_send for the same values. */
class NumericBinaryTest {
    private static int[] words(String value) {
        CopyBuffer b = new CopyBuffer();
        NumericBinary.write(new BigDecimal(value), b);
        byte[] a = Arrays.copyOf(b.array(), b.position());
        int[] out = new int[(a.length - 4) / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((a[4 + 2 * i] & 0xff) << 8 | a[5 + 2 * i] & 0xff);
        }
        return out;
    }

    @Test
    void encodesLikeTheServer() {
        // ndigits, weight, sign, dscale, digits...
        assertArrayEquals(new int[] {0, 0, 0, 2}, words("0.00"));
        assertArrayEquals(new int[] {2, 0, 0, 2, 12, 3400}, words("12.34"));
        assertArrayEquals(new int[] {1, -1, 0x4000, 4, 1}, words("-0.0001"));
        assertArrayEquals(new int[] {1, -2, 0, 5, 1000}, words("0.00001"));
        assertArrayEquals(new int[] {1, 1, 0, 0, 1}, words("10000"));
        assertArrayEquals(new int[] {1, 1, 0, 0, 1}, words("1E+4"));
        assertArrayEquals(new int[] {3, 2, 0, 1, 1, 2345, 6789}, words("123456789.0"));
    }

    private static BigDecimal roundTrip(BigDecimal v) {
        CopyBuffer b = new CopyBuffer();
        NumericBinary.write(v, b);
        return NumericBinary.read(b.array(), 4, b.position() - 4);
    }

    @Test
    void readsBackWhatItWritesWithTheScale() {
        for (String s : new String[] {"0", "0.00", "0E-10", "12.34", "-0.0001", "0.00001", "10000", "123456789.0",
            "9999999999999999", "99999999999999999999", "-1.5", "1E-30", "123456789012345678901234567890.1234567890123"}) {
            BigDecimal v = new BigDecimal(s);
            BigDecimal expected = v.scale() < 0 ? v.setScale(0) : v;
            BigDecimal back = roundTrip(v);
            assertEquals(expected, back, s);
            assertEquals(expected.scale(), back.scale(), s);
        }
    }

    @Test
    void seededRandomDecimalsRoundTrip() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            BigInteger unscaled = new BigInteger(1 + r.nextInt(120), new java.util.Random(r.nextLong()));
            BigDecimal v = new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), r.nextInt(40));
            BigDecimal back = roundTrip(v);
            assertEquals(v, back, v.toPlainString());
        }
    }
}
