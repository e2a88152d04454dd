package io.decant.core.transform;

/** Integer narrowing that refuses to wrap around. */
final class Integers {
    private Integers() {
    }

    static short toShort(long n) {
        if (n < Short.MIN_VALUE || n > Short.MAX_VALUE) {
            throw ConversionException.range("int16: -32768..32767", n + " does not fit int16");
        }
        return (short) n;
    }

    static int toInt(long n) {
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw ConversionException.range("int32: -2147483648..2147483647", n + " does not fit int32");
        }
        return (int) n;
    }

    static float toFloat(long n) {
        float f = n;
        if ((long) f != n) {
            throw ConversionException.precision("integer -> float32: only integers a float32 holds exactly",
                    n + " is not exactly a float32");
        }
        return f;
    }

    static double toDouble(long n) {
        double d = n;
        if (Math.abs(n) > (1L << 53) && (long) d != n) {
            throw ConversionException.precision("integer -> float64: only integers up to 2^53 exactly",
                    n + " is not exactly a float64");
        }
        return d;
    }
}
