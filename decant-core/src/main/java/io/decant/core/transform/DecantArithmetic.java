package io.decant.core.transform;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL's strict arithmetic, with one change: {@code +} with a string on either side is always
 * concatenation. JEXL would otherwise add {@code '1' + 2} as numbers, and a column's text that
 * happens to look like a number would change what an expression means row by row. Values are
 * spelled as decant writes them (decimals without exponent, local times in ISO).
 */
final class DecantArithmetic extends JexlArithmetic {
    DecantArithmetic() {
        super(true);
    }

    @Override
    public Object add(Object left, Object right) {
        if (left != null && right != null && (left instanceof String || right instanceof String)) {
            return text(left) + text(right);
        }
        return super.add(left, right);
    }

    static String text(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof LocalDateTime t) {
            return Texts.iso(t);
        }
        return v.toString();
    }
}
