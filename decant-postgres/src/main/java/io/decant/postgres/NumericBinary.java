package io.decant.postgres;

import java.math.BigDecimal;

/**
 * Writes a BigDecimal in PostgreSQL's binary numeric form: base-10000 digits with a weight (the
 * power of 10000 of the first digit), a sign word and the display scale. The display scale is the
 * BigDecimal's scale, so 1.50 stays 1.50 (a negative scale, as in 1E+3, becomes scale 0, which is
 * the same number). Leading and trailing zero digit groups are left out, as the server does.
 */
final class NumericBinary {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;

    private NumericBinary() {
    }

    static void write(BigDecimal value, CopyBuffer out) {
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

    private static int group(String digits, int offset, int g) {
        int v = 0;
        for (int k = g * 4; k < g * 4 + 4; k++) {
            int at = k - offset;
            v = v * 10 + (at >= 0 && at < digits.length() ? digits.charAt(at) - '0' : 0);
        }
        return v;
    }
}
