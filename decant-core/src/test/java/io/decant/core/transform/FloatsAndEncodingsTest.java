package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.decant.core.error.ErrorCode;
import io.decant.core.type.Bytes;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The float32 rule (strict about loss, not about representation) and the text/bytes encodings. */
class FloatsAndEncodingsTest {
    private final Conversions utc = Conversions.utc();

    private Object convert(LogicalType from, LogicalType to, Object v) {
        return utc.find(from, to).converter().convert(v);
    }

    @ParameterizedTest
    @CsvSource({"32.38", "0.05", "19.99", "0.1", "-7.25", "1234.5", "3.4028235E38", "1.0E-45", "0"})
    void aDecimalWhoseFloat32PrintsTheSameLoads(String decimal) {
        float expected = Float.parseFloat(decimal);
        assertEquals(expected, convert(LogicalType.DECIMAL, LogicalType.FLOAT32, new BigDecimal(decimal)));
        assertEquals(expected, convert(LogicalType.FLOAT64, LogicalType.FLOAT32, Double.parseDouble(decimal)));
        assertEquals(expected, convert(LogicalType.TEXT, LogicalType.FLOAT32, decimal));
        assertEquals(decimal.equals("0") ? "0.0" : Float.toString(expected), Float.toString((Float) convert(
                LogicalType.DECIMAL, LogicalType.FLOAT32, new BigDecimal(decimal))));
    }

    @ParameterizedTest
    @CsvSource({"123.456789,123.45679", "16777217,16777216", "0.1000000001,0.1", "32.380001,32.38"})
    void aValueThatWouldPrintDifferentlyIsRefusedAndRoundSaysSo(String decimal, String becomes) {
        ConversionException e = assertThrows(ConversionException.class,
                () -> convert(LogicalType.DECIMAL, LogicalType.FLOAT32, new BigDecimal(decimal)));
        assertEquals(ErrorCode.PRECISION_LOSS, e.code());
        assertEquals(decimal + " would become " + becomes + " as a float32", e.getMessage());
        assertEquals("float32: only values whose float32 prints as the same decimal; cast: {type: real, round: true}"
                + " rounds to the nearest float32", e.rule());
        assertThrows(ConversionException.class,
                () -> convert(LogicalType.FLOAT64, LogicalType.FLOAT32, Double.parseDouble(decimal)));
        Conversion rounding = utc.findRounding(LogicalType.DECIMAL, LogicalType.FLOAT32);
        assertEquals("decimal -> float32 (rounds to the nearest float32)", rounding.rule());
        assertEquals(Float.parseFloat(becomes), rounding.converter().convert(new BigDecimal(decimal)));
    }

    @Test
    void beyondTheRangeOfAFloat32IsARangeErrorEvenWhenRounding() {
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, assertThrows(ConversionException.class,
                () -> convert(LogicalType.DECIMAL, LogicalType.FLOAT32, new BigDecimal("1e39"))).code());
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, assertThrows(ConversionException.class,
                () -> utc.findRounding(LogicalType.FLOAT64, LogicalType.FLOAT32).converter().convert(1e39)).code());
        assertEquals(Float.NaN, convert(LogicalType.FLOAT64, LogicalType.FLOAT32, Double.NaN));
        assertEquals(Float.NEGATIVE_INFINITY, convert(LogicalType.FLOAT64, LogicalType.FLOAT32, Double.NEGATIVE_INFINITY));
    }

    @Test
    void roundingToADecimalScaleIsHalfEvenAndStillRangeChecked() {
        Conversion r = utc.findRounding(LogicalType.DECIMAL, LogicalType.decimal(6, 2));
        assertEquals(new BigDecimal("12.34"), r.converter().convert(new BigDecimal("12.345")));
        assertEquals(new BigDecimal("12.36"), r.converter().convert(new BigDecimal("12.355")));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, assertThrows(ConversionException.class,
                () -> r.converter().convert(new BigDecimal("12345.6"))).code());
        assertEquals(ErrorCode.PRECISION_LOSS, assertThrows(ConversionException.class,
                () -> convert(LogicalType.DECIMAL, LogicalType.decimal(6, 2), new BigDecimal("12.345"))).code());
    }

    /**
     * The accepted set is exactly the shortest-decimal rule (or the float32's exact value): a seeded
     * differential check, with Float.toString as a second opinion.
     */
    @Test
    void acceptsExactlyTheDecimalsThatAFloat32PrintsAs() {
        SplittableRandom r = new SplittableRandom(20261206);
        for (int i = 0; i < 20_000; i++) {
            int scale = r.nextInt(0, 8);
            BigDecimal d = BigDecimal.valueOf(r.nextLong(-100_000_000L, 100_000_000L), scale);
            float f = d.floatValue();
            boolean prints = new BigDecimal(Float.toString(f)).compareTo(d) == 0;
            boolean shortest = Floats.shortest(f).compareTo(d) == 0 || new BigDecimal(f).compareTo(d) == 0;
            boolean accepted;
            try {
                convert(LogicalType.DECIMAL, LogicalType.FLOAT32, d);
                accepted = true;
            } catch (ConversionException e) {
                accepted = false;
            }
            assertEquals(shortest, accepted, d.toPlainString());
            if (prints) {
                // Float.toString is never shorter than the shortest form, so what it prints is accepted
                assertEquals(true, accepted, d.toPlainString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ByteEncoding.class)
    void everyEncodingRoundTripsItsOwnText(ByteEncoding e) {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] data = e == ByteEncoding.UTF8 ? "zoë 🐘 \u0000 中".getBytes(StandardCharsets.UTF_8) : all;
        Object text = e.encoder().convert(Bytes.wrap(data));
        assertArrayEquals(data, ((Bytes) e.decoder().convert(text)).unsafeArray());
    }

    @Test
    void eachEncodingReadsTheTextApplicationsStore() {
        assertEquals("hi", ByteEncoding.UTF8.encoder().convert(Bytes.wrap(new byte[] {'h', 'i'})));
        assertArrayEquals(new byte[] {'h', 'i'}, ((Bytes) ByteEncoding.BASE64.decoder().convert("aGk=")).unsafeArray());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, ((Bytes) ByteEncoding.HEX.decoder().convert("00FF10")).unsafeArray());
        assertEquals("00ff10", ByteEncoding.HEX.encoder().convert(Bytes.wrap(new byte[] {0, (byte) 0xff, 0x10})));
        assertEquals("é", ByteEncoding.LATIN1.encoder().convert(Bytes.wrap(new byte[] {(byte) 0xe9})));
    }

    @Test
    void eachEncodingRefusesWhatItCannotRead() {
        assertEquals("not base64", assertThrows(ConversionException.class,
                () -> ByteEncoding.BASE64.decoder().convert("aGk")).getMessage());
        assertEquals("an odd number of hex digits", assertThrows(ConversionException.class,
                () -> ByteEncoding.HEX.decoder().convert("abc")).getMessage());
        assertEquals("not a hex digit at 1", assertThrows(ConversionException.class,
                () -> ByteEncoding.HEX.decoder().convert("0g")).getMessage());
        assertEquals("character U+4E2D at 1 is not latin1", assertThrows(ConversionException.class,
                () -> ByteEncoding.LATIN1.decoder().convert("a中")).getMessage());
        ConversionException utf8 = assertThrows(ConversionException.class,
                () -> ByteEncoding.UTF8.encoder().convert(Bytes.wrap(new byte[] {(byte) 0xff})));
        assertEquals("bytes that are not UTF-8 text", utf8.getMessage());
        assertEquals("bytes -> text (utf8): UTF-8 only", utf8.rule());
    }
}
