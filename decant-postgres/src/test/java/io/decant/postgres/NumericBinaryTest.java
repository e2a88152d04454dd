package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigDecimal;
import java.util.Arrays;
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
}
