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

    private static byte[] bytes(BigDecimal v, boolean general) {
        CopyBuffer b = new CopyBuffer();
        if (general) {
            NumericBinary.writeGeneral(v, b);
        } else {
            NumericBinary.write(v, b);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** The long-based form (up to 18 digits) writes the same bytes as the digit-string form. */
    @Test
    void compactFormWritesWhatTheDigitStringFormWrites() {
        SplittableRandom r = new SplittableRandom(7);
        java.util.List<BigDecimal> values = new java.util.ArrayList<>();
        for (String s : new String[] {"0", "0.00", "0E-10", "0E+3", "1", "-1", "9999", "10000", "0.0001", "-0.0001",
            "0.00001", "12.34", "1E+4", "1.50", "999999999999999999", "-999999999999999999", "99999999999999999.9",
            "0.999999999999999999", "100000000000000000", "1E-1000", "-5E-16383", "123456789012345678E-30"}) {
            values.add(new BigDecimal(s));
        }
        for (int i = 0; i < 30_000; i++) {
            int digits = 1 + r.nextInt(18);
            long unscaled = r.nextLong(POW10[digits - 1], POW10[digits]);
            if (r.nextInt(4) == 0) {
                unscaled -= unscaled % POW10[r.nextInt(digits)]; // trailing zeros, so zero groups
            }
            int scale = r.nextInt(8) == 0 ? r.nextInt(-8, 200) : r.nextInt(0, 24);
            BigDecimal v = BigDecimal.valueOf(r.nextBoolean() ? unscaled : -unscaled, scale);
            values.add(v);
            values.add(new BigDecimal(v.unscaledValue(), scale)); // built from a BigInteger
            values.add(v.setScale(Math.max(scale, 0) + r.nextInt(3)));
        }
        for (BigDecimal v : values) {
            assertArrayEquals(bytes(v, true), bytes(v, false), v.toString());
        }
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
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
