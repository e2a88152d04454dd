package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.ErrorCode;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.Conversions;
import io.decant.core.transform.Converter;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule of a created SQLite NUMERIC column ({@link ValueBinder#asNumber}), over seeded random
 * decimals: every decimal of up to 15 significant digits is stored as a number that the SQLite
 * source reads back as the same decimal; one of 16 to 20 digits is either stored so, or refused as
 * PRECISION_LOSS, never changed.
 */
class DecimalAsNumberTest {
    private static final Conversions CONVERSIONS = Conversions.utc();

    @ParameterizedTest
    @ValueSource(strings = {"decimal(10,2)", "decimal(15,4)", "decimal(18,6)", "decimal(30,10)", "decimal(38,15)", "decimal"})
    void fifteenDigitsSurviveAndMoreAreKeptOrRefusedNeverChanged(String spelled) {
        LogicalType type = LogicalType.parse(spelled);
        Converter readBack = CONVERSIONS.find(LogicalType.FLOAT64, type).converter();
        Converter fromInteger = CONVERSIONS.find(LogicalType.INT64, type).converter();
        int maxScale = type.scale() >= 0 ? type.scale() : 20;
        int maxDigits = type.precision() > 0 ? Math.min(type.precision(), 20) : 20;
        Random random = new Random(15L * spelled.hashCode());
        int refused = 0;
        for (int n = 0; n < 50_000; n++) {
            int digits = 1 + random.nextInt(maxDigits);
            int scale = Math.min(random.nextInt(maxScale + 1), digits);
            if (type.scale() >= 0 && digits - scale > type.precision() - type.scale()) {
                scale = digits - (type.precision() - type.scale());
            }
            BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
            BigDecimal d = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
            if (type.scale() >= 0) {
                d = d.setScale(type.scale());
            }
            try {
                Number stored = ValueBinder.asNumber(d, readBack);
                Object back = stored instanceof Long l ? fromInteger.convert(l) : readBack.convert(stored);
                assertEquals(0, ((BigDecimal) back).compareTo(d), d + " stored as " + stored + " reads back as " + back);
            } catch (ConversionException e) {
                assertEquals(ErrorCode.PRECISION_LOSS, e.code(), d.toPlainString());
                assertTrue(d.stripTrailingZeros().precision() > 15, d.toPlainString() + " has at most 15 significant digits: " + e.getMessage());
                refused++;
            }
        }
        assertTrue(maxDigits <= 15 || refused > 0, "no decimal of more than 15 digits was tried");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "13.86", "-99999999.99", "0.000000001", "1E+300", "123456789012345"})
    void examples(String value) {
        BigDecimal d = new BigDecimal(value);
        Converter readBack = CONVERSIONS.find(LogicalType.FLOAT64, LogicalType.DECIMAL).converter();
        Number n = ValueBinder.asNumber(d, readBack);
        assertEquals(0, new BigDecimal(n.toString()).compareTo(d), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901.123456", "0.1234567890123456789", "18446744073709551615"})
    void refused(String value) {
        Converter readBack = CONVERSIONS.find(LogicalType.FLOAT64, LogicalType.DECIMAL).converter();
        ConversionException e = assertThrows(ConversionException.class, () -> ValueBinder.asNumber(new BigDecimal(value), readBack));
        assertTrue(e.getMessage().startsWith(value + " would read back as "), e.getMessage());
    }
}
