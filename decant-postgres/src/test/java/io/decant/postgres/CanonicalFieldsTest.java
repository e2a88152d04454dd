package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.checksum.CanonicalBuffer;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The checksum fields verify writes straight from binary COPY ({@link CanonicalFields#forType}) against
 * the general path (decode the value, encode it): on seeded random and edge send forms of every type,
 * well-formed or not, the same bytes or the same error.
 */
class CanonicalFieldsTest {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int FIRST_AD_DAY = -730_119;
    private static final long FIRST_AD_MICROS = FIRST_AD_DAY * MICROS_PER_DAY;

    private final SplittableRandom rnd = new SplittableRandom(20_261_206L);

    /** What one path made of a send form: the field's bytes, or the error's class and message. */
    private static String outcome(CanonicalFields.Writer w, byte[] b) {
        // an offset inside a larger array, as in a COPY frame
        byte[] frame = new byte[b.length + 7];
        System.arraycopy(b, 0, frame, 3, b.length);
        CanonicalBuffer out = new CanonicalBuffer();
        out.putByte(42); // a field before this one
        try {
            w.write(frame, 3, b.length, out);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
        return Arrays.toString(Arrays.copyOfRange(out.array(), 0, out.size()));
    }

    private int compare(LogicalType type, List<byte[]> forms) {
        CanonicalFields.Writer fast = CanonicalFields.forType(type);
        CanonicalFields.Writer general = CanonicalFields.general(type);
        int errors = 0;
        for (byte[] b : forms) {
            String expected = outcome(general, b);
            assertEquals(expected, outcome(fast, b), () -> type + " " + Arrays.toString(b));
            if (expected.contains("Exception")) {
                errors++;
            }
        }
        return errors;
    }

    private static byte[] i16(long v) {
        return ByteBuffer.allocate(2).putShort((short) v).array();
    }

    private static byte[] i32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    private static byte[] i64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private byte[] randomBytes(int max) {
        byte[] b = new byte[rnd.nextInt(max + 1)];
        rnd.nextBytes(b);
        return b;
    }

    /** Random longs, biased to edges and to numbers with trailing zeros. */
    private long someLong() {
        return switch (rnd.nextInt(6)) {
            case 0 -> new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Short.MIN_VALUE, Short.MAX_VALUE, 10, -100, 1_000_000_000_000L}[rnd.nextInt(12)];
            case 1 -> rnd.nextLong(-1000, 1000) * (long) Math.pow(10, rnd.nextInt(10));
            case 2 -> rnd.nextInt();
            default -> rnd.nextLong();
        };
    }

    /** Wrong widths: the decoder's error, from both paths. */
    private void wrongWidths(List<byte[]> forms, int width) {
        for (int len : new int[] {0, width - 1, width + 1, 3}) {
            if (len >= 0 && len != width) {
                byte[] b = new byte[len];
                rnd.nextBytes(b);
                forms.add(b);
            }
        }
    }

    @Test
    void integersFloatsAndBooleans() {
        List<byte[]> i2 = new ArrayList<>();
        List<byte[]> i4 = new ArrayList<>();
        List<byte[]> i8 = new ArrayList<>();
        List<byte[]> f4 = new ArrayList<>();
        List<byte[]> f8 = new ArrayList<>();
        List<byte[]> bool = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long v = someLong();
            i2.add(i16(v));
            i4.add(i32(v));
            i8.add(i64(v));
            f4.add(i32(rnd.nextBoolean() ? Float.floatToRawIntBits((float) v / 7) : rnd.nextInt()));
            f8.add(i64(rnd.nextBoolean() ? Double.doubleToRawLongBits((double) v / 7) : rnd.nextLong()));
        }
        for (float f : new float[] {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE}) {
            f4.add(i32(Float.floatToRawIntBits(f)));
        }
        f4.add(i32(0x7fc00001)); // a NaN with a payload: one NaN, as in the general path
        f4.add(i32(0xffc00000));
        for (double d : new double[] {0d, -0d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE}) {
            f8.add(i64(Double.doubleToRawLongBits(d)));
        }
        f8.add(i64(0x7ff0000000000001L));
        f8.add(i64(0xfff8000000000abcL));
        for (int v = 0; v < 256; v++) {
            bool.add(new byte[] {(byte) v});
        }
        wrongWidths(i2, 2);
        wrongWidths(i4, 4);
        wrongWidths(i8, 8);
        wrongWidths(f4, 4);
        wrongWidths(f8, 8);
        wrongWidths(bool, 1);
        assertEquals(4, compare(LogicalType.INT16, i2));
        assertEquals(4, compare(LogicalType.INT32, i4));
        assertEquals(4, compare(LogicalType.INT64, i8));
        assertEquals(4, compare(LogicalType.FLOAT32, f4));
        assertEquals(4, compare(LogicalType.FLOAT64, f8));
        assertEquals(4, compare(LogicalType.BOOLEAN, bool));
    }

    @Test
    void numerics() {
        List<byte[]> forms = new ArrayList<>();
        // well-formed, from decimals of every size and scale, as the server would send them
        for (int i = 0; i < 20_000; i++) {
            BigInteger unscaled = new BigInteger(1 + rnd.nextInt(rnd.nextBoolean() ? 60 : 200), new java.util.Random(rnd.nextLong()));
            if (rnd.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            if (rnd.nextInt(4) == 0) {
                unscaled = unscaled.multiply(BigInteger.TEN.pow(rnd.nextInt(12)));
            }
            BigDecimal d = new BigDecimal(unscaled, rnd.nextInt(-8, 30));
            CopyBuffer b = new CopyBuffer();
            NumericBinary.write(d, b);
            forms.add(Arrays.copyOfRange(b.array(), 4, b.position()));
        }
        for (String s : new String[] {"0", "0.00", "-0.0001", "10000", "1E+4", "99999999999999.99", "-12.30",
            "1234567890123456", "12345678901234567", "0.0000000000000000001", "1E+200", "1E-200"}) {
            CopyBuffer b = new CopyBuffer();
            NumericBinary.write(new BigDecimal(s), b);
            forms.add(Arrays.copyOfRange(b.array(), 4, b.position()));
        }
        // random words: NaN and the infinities, bad signs, digits over 9999, a display scale that cuts digits,
        // lengths that disagree with the digit count
        int[] signs = {0, 0, 0, 0x4000, 0x4000, 0xC000, 0xD000, 0xF000, 0x1234};
        for (int i = 0; i < 20_000; i++) {
            int ndigits = rnd.nextInt(7);
            ByteBuffer bb = ByteBuffer.allocate(8 + 2 * ndigits);
            bb.putShort((short) ndigits).putShort((short) rnd.nextInt(-12, 12)).putShort((short) signs[rnd.nextInt(signs.length)])
                    .putShort((short) rnd.nextInt(0, 24));
            for (int k = 0; k < ndigits; k++) {
                bb.putShort((short) (rnd.nextInt(10) == 0 ? rnd.nextInt(10_000, 65_536) : rnd.nextInt(10_000)));
            }
            byte[] b = bb.array();
            if (rnd.nextInt(20) == 0) {
                b = Arrays.copyOf(b, Math.max(0, b.length + rnd.nextInt(-3, 3)));
            }
            forms.add(b);
        }
        int errors = compare(LogicalType.decimal(38, 10), forms);
        assertTrue(errors > 1_000, "the random words include refused values: " + errors);
    }

    @Test
    void textBytesAndUuids() {
        List<byte[]> text = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        List<byte[]> uuids = new ArrayList<>();
        int[][] ranges = {{0x20, 0x7f}, {0x80, 0x800}, {0x800, 0xd800}, {0xe000, 0x10000}, {0x10000, 0x110000}};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(20);
            for (int k = 0; k < n; k++) {
                int[] r = ranges[rnd.nextInt(rnd.nextBoolean() ? 1 : ranges.length)];
                sb.appendCodePoint(rnd.nextInt(r[0], r[1]));
            }
            text.add(sb.toString().getBytes(StandardCharsets.UTF_8));
            text.add(randomBytes(12)); // mostly not UTF-8
            bytes.add(randomBytes(40));
            byte[] u = new byte[rnd.nextInt(10) == 0 ? rnd.nextInt(20) : 16];
            rnd.nextBytes(u);
            uuids.add(u);
        }
        int[][] edges = {{0xc0, 0x80}, {0xc1, 0xbf}, {0xc2, 0x80}, {0xdf, 0xbf}, {0xe0, 0x80, 0x80}, {0xe0, 0xa0, 0x80},
            {0xed, 0x9f, 0xbf}, {0xed, 0xa0, 0x80}, {0xed, 0xbf, 0xbf}, {0xee, 0x80, 0x80}, {0xef, 0xbf, 0xbf},
            {0xf0, 0x8f, 0xbf, 0xbf}, {0xf0, 0x90, 0x80, 0x80}, {0xf4, 0x8f, 0xbf, 0xbf}, {0xf4, 0x90, 0x80, 0x80},
            {0xf5, 0x80, 0x80, 0x80}, {0xff}, {0x80}, {0xbf}, {0xe2, 0x82}, {0xf0, 0x9f, 0x98}, {0x61, 0xc3}, {0}};
        for (int[] e : edges) {
            byte[] b = new byte[e.length];
            for (int k = 0; k < e.length; k++) {
                b[k] = (byte) e[k];
            }
            text.add(b);
        }
        assertEquals(0, compare(LogicalType.TEXT, text));
        assertEquals(0, compare(LogicalType.BYTES, bytes));
        assertTrue(compare(LogicalType.UUID, uuids) > 1_000);
    }

    @Test
    void datesTimesAndTimestamps() {
        List<byte[]> dates = new ArrayList<>();
        List<byte[]> times = new ArrayList<>();
        List<byte[]> stamps = new ArrayList<>();
        for (int d : new int[] {0, FIRST_AD_DAY, FIRST_AD_DAY - 1, FIRST_AD_DAY + 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, 2_900_000, -1}) {
            dates.add(i32(d));
        }
        for (long t : new long[] {0, -1, 1, MICROS_PER_DAY, MICROS_PER_DAY - 1, MICROS_PER_DAY + 1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            times.add(i64(t));
        }
        for (long t : new long[] {0, -1, FIRST_AD_MICROS, FIRST_AD_MICROS - 1, FIRST_AD_MICROS + 1, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 9_224_318_015_999_999L}) {
            stamps.add(i64(t));
        }
        for (int i = 0; i < 20_000; i++) {
            dates.add(i32(rnd.nextBoolean() ? rnd.nextInt(-800_000, 3_000_000) : rnd.nextInt()));
            times.add(i64(rnd.nextBoolean() ? rnd.nextLong(-5, MICROS_PER_DAY + 5) : rnd.nextLong()));
            stamps.add(i64(rnd.nextBoolean() ? rnd.nextLong(FIRST_AD_MICROS - 5 * MICROS_PER_DAY, 300L * 365 * MICROS_PER_DAY)
                    : rnd.nextLong()));
        }
        wrongWidths(dates, 4);
        wrongWidths(times, 8);
        wrongWidths(stamps, 8);
        assertTrue(compare(LogicalType.DATE, dates) > 4);
        assertTrue(compare(LogicalType.TIME, times) > 4);
        assertTrue(compare(LogicalType.TIMESTAMP, stamps) > 4);
        assertTrue(compare(LogicalType.TIMESTAMPTZ, stamps) > 4);
    }

    @Test
    void wellFormedUtf8IsWhatARoundTripKeeps() {
        for (int i = 0; i < 50_000; i++) {
            byte[] b = randomBytes(8);
            if (rnd.nextBoolean()) {
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) (0x80 | b[k] & 0x7f | (rnd.nextInt(4) == 0 ? 0x40 : 0)); // lead and continuation bytes
                }
            }
            byte[] back = new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            assertEquals(Arrays.equals(b, back), io.decant.core.checksum.Canonical.isWellFormedUtf8(b, 0, b.length),
                    () -> Arrays.toString(b));
        }
        byte[] ok = "aé€😀".getBytes(StandardCharsets.UTF_8);
        assertTrue(io.decant.core.checksum.Canonical.isWellFormedUtf8(ok, 0, ok.length));
        assertArrayEquals(ok, new String(ok, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }
}
