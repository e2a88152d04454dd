package io.decant.core.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Canonical#isWellFormedUtf8} (which skips ASCII eight bytes at a time) against its definition: the bytes
 * that decoding to a String and encoding back give unchanged. Seeded random byte strings, mostly ASCII with
 * well-formed and ill-formed sequences (overlong forms, surrogates, beyond U+10FFFF, truncated, stray
 * continuation bytes) at every offset and alignment, inside a larger array.
 */
class WellFormedUtf8Test {
    private static final byte[][] PIECES = {
        {'a'}, {'z', 'y', 'x', 'w', 'v', 'u', 't', 's', 'r'}, {(byte) 0xc3, (byte) 0xa9}, {(byte) 0xe2, (byte) 0x82, (byte) 0xac},
        {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80},
        {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, {(byte) 0xff}, {0},
        {(byte) 0xef, (byte) 0xbf, (byte) 0xbf}, {(byte) 0xf4, (byte) 0x8f, (byte) 0xbf, (byte) 0xbf}, {(byte) 0xc2, (byte) 0x80},
    };

    @Test
    void answersAsDecodingAndEncodingBackDoes() {
        Random random = new Random(20261207);
        int wellFormed = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] text = text(random);
            int before = random.nextInt(9);
            byte[] in = new byte[before + text.length + random.nextInt(9)];
            Arrays.fill(in, (byte) 0xc3); // bytes around the range must not matter
            System.arraycopy(text, 0, in, before, text.length);
            boolean expected = Arrays.equals(text, new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, Canonical.isWellFormedUtf8(in, before, text.length), () -> Arrays.toString(text));
            wellFormed += expected ? 1 : 0;
        }
        // the mix must exercise both answers
        assertEquals(true, wellFormed > 20_000 && wellFormed < 180_000, "well-formed: " + wellFormed);
    }

    private static byte[] text(Random random) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pieces = random.nextInt(12);
        boolean clean = random.nextInt(3) == 0;
        for (int p = 0; p < pieces; p++) {
            byte[] piece = PIECES[clean ? random.nextInt(5) : random.nextInt(random.nextInt(4) == 0 ? PIECES.length : 5)];
            if (piece[0] == 'a') {
                for (int k = random.nextInt(20); k > 0; k--) {
                    out.write('a' + random.nextInt(26));
                }
            } else {
                out.write(piece, 0, piece.length);
            }
        }
        return out.toByteArray();
    }
}
