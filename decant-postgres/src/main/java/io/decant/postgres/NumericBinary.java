package io.decant.postgres;

import io.decant.core.convert.ConversionException;
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
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int scale = v.scale();
        if (v.precision() <= 15) {
            writeCompact(v.unscaledValue().longValue(), scale, out);
            return;
        }
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
     * BigInteger.toString and the group loop as 40% of the sink's CPU. Up to 15 digits, so that the
     * value shifted to a group boundary (times 10^0..3) still fits a long.
     */
    private static void writeCompact(long unscaled, int scale, CopyBuffer out) {
        int fracGroups = (scale + 3) / 4;
        long a = Math.abs(unscaled) * POW10[fracGroups * 4 - scale];
        int[] g = new int[5]; // least significant first; 10^18 needs 5 groups
        int n = 0;
        while (a != 0) {
            g[n++] = (int) (a % 10_000);
            a /= 10_000;
        }
        int low = 0;
        while (low < n && g[low] == 0) {
            low++;
        }
        int start = out.beginLength();
        out.writeShort(n - low);
        out.writeShort(n == 0 ? 0 : n - 1 - fracGroups);
        out.writeShort(unscaled < 0 ? NEGATIVE : POSITIVE);
        out.writeShort(scale);
        for (int k = n - 1; k >= low; k--) {
            out.writeShort(g[k]);
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
            case NAN -> throw ConversionException.invalid(PgTextValues.RULE_NUMERIC_NAN, "numeric value is NaN");
            case PINF -> throw ConversionException.range(PgTextValues.RULE_NUMERIC_INF, "numeric value is Infinity");
            case NINF -> throw ConversionException.range(PgTextValues.RULE_NUMERIC_INF, "numeric value is -Infinity");
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
                if (n % p != 0) {
                    return slow(b, off, ndigits, exp10, dscale, sign);
                }
                unscaled = n / p;
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
