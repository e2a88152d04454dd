package io.decant.postgres;

import io.decant.core.checksum.Canonical;
import io.decant.core.checksum.CanonicalBuffer;
import io.decant.core.type.LogicalType;

/**
 * Checksum fields ({@link Canonical}) straight from PostgreSQL's binary send form, for verify: the
 * same bytes as decoding the value ({@link BinaryDecoders}) and encoding it ({@link Canonical#encoderFor}),
 * without the value object. Where the send form is already the canonical one (text that is
 * well-formed UTF-8, bytea, uuid) the bytes are copied; integers, floats, dates, times, timestamps
 * and numerics of up to 16 digits are computed from the words. Anything else, and every value the
 * decoder would refuse or that is out of the ordinary (infinity, BC, numeric NaN, a wrong width,
 * text that is not well-formed UTF-8), takes the general path, decoder then encoder, so that it
 * gives the same field or the same error. {@code CanonicalFieldsTest} compares both paths on seeded
 * random and edge values.
 */
final class CanonicalFields {
    private static final long PG_EPOCH_DAY = 10_957; // 2000-01-01
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** 0001-01-01 as days and as microseconds since 2000-01-01: the first values that are not BC. */
    private static final long FIRST_AD_DAY = -730_119;
    private static final long FIRST_AD_MICROS = FIRST_AD_DAY * MICROS_PER_DAY;
    private static final long[] POW10 = new long[18];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private CanonicalFields() {
    }

    /** Writes one non-null value's field. */
    @FunctionalInterface
    interface Writer {
        void write(byte[] b, int off, int len, CanonicalBuffer out);
    }

    /** The general path: the value as the decoder makes it, encoded as verify encodes values. */
    static Writer general(LogicalType type) {
        BinaryDecoders.Decoder decoder = BinaryDecoders.forType(type);
        Canonical.FieldEncoder encoder = Canonical.encoderFor(type);
        return (b, off, len, out) -> encoder.encode(decoder.decode(b, off, len), out);
    }

    /** The fast path for {@code type}, falling back to {@link #general} for what it does not handle itself. */
    static Writer forType(LogicalType type) {
        Writer slow = general(type);
        return switch (type.kind()) {
            case BOOLEAN -> (b, off, len, out) -> {
                if (len == 1) {
                    Canonical.writeBoolean(b[off] != 0, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case INT16 -> (b, off, len, out) -> {
                if (len == 2) {
                    Canonical.writeNumber((short) BinaryDecoders.u16(b, off), 0, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case INT32 -> (b, off, len, out) -> {
                if (len == 4) {
                    Canonical.writeNumber(BinaryDecoders.i32(b, off), 0, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case INT64 -> (b, off, len, out) -> {
                if (len == 8) {
                    Canonical.writeNumber(BinaryDecoders.i64(b, off), 0, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case FLOAT32 -> (b, off, len, out) -> {
                if (len == 4) {
                    Canonical.writeFloat(Float.intBitsToFloat(BinaryDecoders.i32(b, off)), out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case FLOAT64 -> (b, off, len, out) -> {
                if (len == 8) {
                    Canonical.writeFloat(Double.longBitsToDouble(BinaryDecoders.i64(b, off)), out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case DECIMAL -> (b, off, len, out) -> {
                if (!numeric(b, off, len, out)) {
                    slow.write(b, off, len, out);
                }
            };
            case TEXT -> (b, off, len, out) -> {
                if (Canonical.isWellFormedUtf8(b, off, len)) {
                    Canonical.writeUtf8Text(b, off, len, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case BYTES -> (b, off, len, out) -> Canonical.writeBytes(b, off, len, out);
            case UUID -> (b, off, len, out) -> {
                if (len == 16) {
                    Canonical.writeUuid(BinaryDecoders.i64(b, off), BinaryDecoders.i64(b, off + 8), out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case DATE -> (b, off, len, out) -> {
                int days;
                if (len == 4 && (days = BinaryDecoders.i32(b, off)) >= FIRST_AD_DAY && days != Integer.MAX_VALUE) {
                    Canonical.writeDate(days + PG_EPOCH_DAY, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case TIME -> (b, off, len, out) -> {
                long micros;
                if (len == 8 && (micros = BinaryDecoders.i64(b, off)) >= 0 && micros < MICROS_PER_DAY) {
                    Canonical.writeTime(micros * 1000, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case TIMESTAMP -> (b, off, len, out) -> {
                long micros;
                if (len == 8 && (micros = BinaryDecoders.i64(b, off)) >= FIRST_AD_MICROS && micros != Long.MAX_VALUE) {
                    Canonical.writeTimestamp(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND,
                            (int) Math.floorMod(micros, 1_000_000L) * 1000, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            case TIMESTAMPTZ -> (b, off, len, out) -> {
                long micros;
                if (len == 8 && (micros = BinaryDecoders.i64(b, off)) >= FIRST_AD_MICROS && micros != Long.MAX_VALUE) {
                    Canonical.writeTimestamptz(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND,
                            (int) Math.floorMod(micros, 1_000_000L) * 1000, out);
                } else {
                    slow.write(b, off, len, out);
                }
            };
            // JSON is compared by value (keys sorted), arrays element by element: both through their values
            case JSON, ARRAY -> slow;
        };
    }

    /**
     * numeric_send's words as a number field, when the number has at most four base-10000 digits and
     * is neither NaN nor an infinity nor malformed (else false, and nothing is written): N * 10^exp10,
     * which {@link Canonical#writeNumber} brings to the one form whatever the display scale.
     */
    private static boolean numeric(byte[] b, int off, int len, CanonicalBuffer out) {
        if (len < 8) {
            return false;
        }
        int ndigits = BinaryDecoders.u16(b, off);
        int sign = BinaryDecoders.u16(b, off + 4);
        if (ndigits > 4 || len != 8 + 2 * ndigits || sign != 0 && sign != 0x4000) {
            return false;
        }
        int weight = (short) BinaryDecoders.u16(b, off + 2);
        long n = 0;
        for (int k = 0; k < ndigits; k++) {
            int d = BinaryDecoders.u16(b, off + 8 + 2 * k);
            if (d > 9_999) {
                return false; // not a base-10000 digit: the decoder says what it makes of it
            }
            n = n * 10_000 + d;
        }
        int exp10 = 4 * (weight - ndigits + 1);
        int shift = exp10 + BinaryDecoders.u16(b, off + 6);
        if (shift < 0 && (shift < -17 || n % POW10[-shift] != 0)) {
            return false; // digits past the display scale: the decoder refuses them, or they are padding it checks
        }
        Canonical.writeNumber(sign == 0 ? n : -n, -exp10, out);
        return true;
    }
}
