package io.decant.files.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.core.util.Jackson;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decimals and doubles as the export writes them: the same text as BigDecimal.toPlainString, doubles that read back. */
class DecimalTextTest {
    private static String plain(long unscaled, int scale) {
        char[] buf = new char[21];
        int n = ValueEncoders.plainDigits(unscaled, scale, buf);
        return new String(buf, buf.length - n, n);
    }

    @Test
    void sameTextAsToPlainStringForEveryScaleAndWidth() {
        Random rnd = new Random(8);
        long[] edges = {0, 1, -1, 9, -9, 10, 99, 100, 999_999_999_999_999_999L, -999_999_999_999_999_999L, 5, -50};
        for (int scale = 0; scale <= 18; scale++) {
            for (long u : edges) {
                assertEquals(BigDecimal.valueOf(u, scale).toPlainString(), plain(u, scale), u + " scale " + scale);
            }
            for (int i = 0; i < 2000; i++) {
                long u = rnd.nextLong() % (long) Math.pow(10, 1 + rnd.nextInt(18));
                assertEquals(BigDecimal.valueOf(u, scale).toPlainString(), plain(u, scale), u + " scale " + scale);
            }
        }
    }

    private static String written(Object value, io.decant.core.type.LogicalType type) throws Exception {
        StringWriter out = new StringWriter();
        try (var g = Jackson.DATA.createGenerator(out)) {
            ValueEncoders.forType(type, false).write(g, value);
        }
        return out.toString();
    }

    @Test
    void decimalsOfEveryShapeAreWrittenAsTheirPlainString() throws Exception {
        var type = io.decant.core.type.LogicalType.decimal(38, 10);
        for (BigDecimal d : new BigDecimal[] {new BigDecimal("0.00"), new BigDecimal("-12.34"), new BigDecimal("1E+5"),
            new BigDecimal("123456789012345678901234567890.5"), new BigDecimal("-0.000000000000000001"),
            new BigDecimal(new BigInteger("-999999999999999999"), 18), new BigDecimal("0.0000000000000000000000001")}) {
            assertEquals("\"" + d.toPlainString() + "\"", written(d, type));
        }
    }

    @Test
    void doublesAndFloatsReadBackAsTheSameBits() throws Exception {
        Random rnd = new Random(3);
        double[] edges = {0.0, -0.0, 0.1, 1e23, 2e23, 4.9e-324, Double.MAX_VALUE, 1.0E7, 9999999.999, 0.001, 1e-3, 12.5};
        for (int i = 0; i < 20_000 + edges.length; i++) {
            double d = i < edges.length ? edges[i] : Double.longBitsToDouble(rnd.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String text = written(d, io.decant.core.type.LogicalType.FLOAT64);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
            float f = (float) d;
            if (!Float.isInfinite(f)) {
                String ft = written(f, io.decant.core.type.LogicalType.FLOAT32);
                assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(Float.parseFloat(ft)), ft);
            }
        }
        assertEquals("-0.0", written(-0.0, io.decant.core.type.LogicalType.FLOAT64));
    }
}
