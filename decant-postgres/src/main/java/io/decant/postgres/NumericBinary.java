package io.decant.postgres;

import io.decant.core.transform.ConversionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Writes a BigDecimal in PostgreSQL's binary numeric form: base-10000 digits with a weight (the
 * power of 10000 of the first digit), a sign word and the display scale. The display scale is the
 * BigDecimal's scale, so 1.50 stays 1.50 (a negative scale, as in 1E+3, becomes scale 0, which is
 * the same number). Leading and trailing zero digit groups are left out, as the server does.
 */
final class NumericBinary {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int PINF = 0xD000;
    private static final int NINF = 0xF000;
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L};

    private NumericBinary() {
    }

    static void write(BigDecimal value, CopyBuffer out) {
        int scale = value.scale();
        if (scale >= 0 && value.precision() <= 18) {
            // the unscaled value as a long without BigDecimal.unscaledValue(), which makes a BigInteger
            writeCompact(scale == 0 ? value.longValue() : value.scaleByPowerOfTen(scale).longValue(), scale, out);
            return;
        }
        writeGeneral(value, out);
    }

    /** The words from the digit string: any BigDecimal (and the reference the compact form is tested against). */
    static void writeGeneral(BigDecimal value, CopyBuffer out) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int scale = v.scale();
        String digits = v.unscaledValue().abs().toString();
        int len = digits.length();
        int intLen = len - scale;
        int intGroups = intLen > 0 ? (intLen + 3) / 4 : 0;
        int fracGroups = (scale + 3) / 4;
        int groups = intGroups + fracGroups;
        // The digit string sits in a virtual zero-padded string that starts at a group boundary.
        int offset = intGroups * 4 - intLen;
        int first = 0;
        while (first < groups && group(digits, offset, first) == 0) {
            first++;
        }
        int last = groups - 1;
        while (last >= first && group(digits, offset, last) == 0) {
            last--;
        }
        int start = out.beginLength();
        if (first > last) {
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(POSITIVE);
            out.writeShort(scale);
        } else {
            out.writeShort(last - first + 1);
            out.writeShort(intGroups - 1 - first);
            out.writeShort(v.signum() < 0 ? NEGATIVE : POSITIVE);
            out.writeShort(scale);
            for (int g = first; g <= last; g++) {
                out.writeShort(group(digits, offset, g));
            }
        }
        out.endLength(start);
    }

    /**
     * The same words from a long, without the digit string: the profile of a SQLite load showed
     * BigInteger.toString and the group loop as 40% of the sink's CPU. The value is {@code |unscaled|}
     * shifted left by {@code pad} digits to a group boundary; that product may not fit a long (up to
     * 18 digits plus 3), so the lowest group is taken before the shift and the rest are plain base-10000
     * digits of what is left. The groups are written into their place from the last one, so no array
     * is needed. For {@code |unscaled| < 10^18} and {@code scale >= 0}.
     */
    private static void writeCompact(long unscaled, int scale, CopyBuffer out) {
        int fracGroups = (scale + 3) >>> 2;
        int pad = fracGroups * 4 - scale; // 0..3
        long a = Math.abs(unscaled);
        long split = POW10[4 - pad];
        long low = a % split * POW10[pad]; // the lowest group of a * 10^pad
        long rest = a / split;             // the groups above it
        int zeros = 0;                     // trailing zero groups, left out
        while (low == 0 && rest != 0) {
            low = rest % 10_000;
            rest /= 10_000;
            zeros++;
        }
        int start = out.beginLength();
        if (low == 0) {
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(POSITIVE);
            out.writeShort(scale);
            out.endLength(start);
            return;
        }
        int n = 1;
        for (long r = rest; r != 0; r /= 10_000) {
            n++;
        }
        out.writeShort(n);
        out.writeShort(n + zeros - 1 - fracGroups);
        out.writeShort(unscaled < 0 ? NEGATIVE : POSITIVE);
        out.writeShort(scale);
        int at = out.skip(2 * n) + 2 * n;
        out.putShort(at -= 2, (int) low);
        for (; rest != 0; rest /= 10_000) {
            out.putShort(at -= 2, (int) (rest % 10_000));
        }
        out.endLength(start);
    }

    /**
     * Reads numeric_send's form back: the digit groups make an integer N with value
     * N * 10000^(weight - ndigits + 1), shown with the display scale (so 1.50 stays 1.50 and 0 in a
     * numeric(38,10) is 0E-10, as the text form parses). Up to four groups fit a long, which covers
     * the usual money and measurement values without a BigInteger. NaN and the infinities have no
     * BigDecimal and are data errors, as in the text reader.
     */
    static BigDecimal read(byte[] b, int off, int len) {
        if (len < 8) {
            throw ConversionException.invalid("PostgreSQL binary numeric", "numeric of " + len + " bytes");
        }
        int ndigits = u16(b, off);
        int weight = (short) u16(b, off + 2);
        int sign = u16(b, off + 4);
        int dscale = u16(b, off + 6);
        switch (sign) {
            case NAN -> throw ConversionException.invalid(BinaryDecoders.RULE_NUMERIC_NAN, "numeric value is NaN");
            case PINF -> throw ConversionException.range(BinaryDecoders.RULE_NUMERIC_INF, "numeric value is Infinity");
            case NINF -> throw ConversionException.range(BinaryDecoders.RULE_NUMERIC_INF, "numeric value is -Infinity");
            case POSITIVE, NEGATIVE -> { }
            default -> throw ConversionException.invalid("PostgreSQL binary numeric", "bad numeric sign word " + sign);
        }
        if (len != 8 + 2 * ndigits) {
            throw ConversionException.invalid("PostgreSQL binary numeric", "numeric of " + len + " bytes for " + ndigits + " digits");
        }
        if (ndigits == 0) {
            return BigDecimal.valueOf(0, dscale);
        }
        // value = N * 10^exp10, wanted as unscaled * 10^-dscale
        int exp10 = 4 * (weight - ndigits + 1);
        int shift = exp10 + dscale;
        if (ndigits <= 4 && shift >= -17 && shift <= 2) {
            long n = 0;
            for (int k = 0; k < ndigits; k++) {
                n = n * 10_000 + u16(b, off + 8 + 2 * k);
            }
            long unscaled;
            if (shift >= 0) {
                unscaled = n * POW10[shift]; // n < 10^16, shift <= 2: fits
            } else {
                long p = POW10[-shift];
                unscaled = n / p;
                if (unscaled * p != n) {
                    return slow(b, off, ndigits, exp10, dscale, sign);
                }
            }
            return BigDecimal.valueOf(sign == NEGATIVE ? -unscaled : unscaled, dscale);
        }
        return slow(b, off, ndigits, exp10, dscale, sign);
    }

    private static BigDecimal slow(byte[] b, int off, int ndigits, int exp10, int dscale, int sign) {
        StringBuilder sb = new StringBuilder(ndigits * 4 + 1);
        if (sign == NEGATIVE) {
            sb.append('-');
        }
        for (int k = 0; k < ndigits; k++) {
            int d = u16(b, off + 8 + 2 * k);
            String s = Integer.toString(d);
            for (int pad = s.length(); pad < 4 && k > 0; pad++) {
                sb.append('0');
            }
            sb.append(s);
        }
        BigDecimal v = new BigDecimal(new BigInteger(sb.toString()), -exp10);
        // Digits past the display scale are zeros padding the last group: dropping them is exact.
        return v.setScale(dscale, RoundingMode.UNNECESSARY);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static int group(String digits, int offset, int g) {
        int v = 0;
        for (int k = g * 4; k < g * 4 + 4; k++) {
            int at = k - offset;
            v = v * 10 + (at >= 0 && at < digits.length() ? digits.charAt(at) - '0' : 0);
        }
        return v;
    }
}
