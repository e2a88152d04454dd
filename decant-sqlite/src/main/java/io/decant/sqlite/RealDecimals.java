package io.decant.sqlite;

import io.decant.core.convert.ConversionException;
import io.decant.core.convert.Conversions;
import io.decant.core.convert.Converter;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * REAL money in a {@code NUMERIC(p,s)} column: the rule, written down.
 *
 * <ol>
 *   <li>The double's shortest decimal ({@code 12.5}) is brought to scale s by core's
 *       {@link Conversions.Decimals#fit} ({@code 12.50}).</li>
 *   <li>If that would drop digits, the double is taken as SQLite itself prints it, at 15 significant
 *       digits ({@code printf("%!.15g")}, what {@code SELECT amount} shows in the sqlite3 shell and
 *       the D1 console), and that must fit scale s exactly. So {@code 0.1 + 0.2}, stored as
 *       0.30000000000000004, is 0.30: binary arithmetic noise below the 15th digit, which no
 *       user ever saw.</li>
 *   <li>Otherwise the value has real digits beyond the scale ({@code 0.123} in scale 2) and it is a
 *       PRECISION_LOSS error: nothing is rounded away that SQLite would have shown.</li>
 * </ol>
 *
 * Step 2 exists because core's fit accepts the rounding only when the rounded decimal is the very
 * same double, and 0.30000000000000004 is not the double nearest 0.3.
 */
final class RealDecimals {
    private static final MathContext SQLITE_PRINT = new MathContext(15);

    private RealDecimals() {
    }

    static Converter toFixedScale(Converter core, LogicalType to) {
        return v -> {
            try {
                return core.convert(v);
            } catch (ConversionException e) {
                if (e.code() != ErrorCode.PRECISION_LOSS) {
                    throw e;
                }
                BigDecimal printed = new BigDecimal((Double) v).round(SQLITE_PRINT).stripTrailingZeros();
                if (printed.scale() > to.scale()) {
                    throw e;
                }
                return Conversions.Decimals.fit(printed, to);
            }
        };
    }
}
