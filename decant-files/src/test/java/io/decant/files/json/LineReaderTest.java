package io.decant.files.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lines handed out in place, across buffer refills and growth; and the byte-level helpers against the JDK. */
class LineReaderTest {
    private final Random random = new Random(8);

    @Test
    void linesOfEveryLengthAcrossRefillsAndGrowth() throws IOException {
        for (int round = 0; round < 12; round++) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int n = 1 + random.nextInt(400);
            for (int i = 0; i < n; i++) {
                int len = switch (random.nextInt(10)) {
                    case 0 -> 0;
                    case 1 -> 60_000 + random.nextInt(200_000);  // past the 64 KB buffer: it must grow
                    default -> random.nextInt(300);
                };
                byte[] line = new byte[len];
                random.nextBytes(line);
                for (int k = 0; k < len; k++) {
                    if (line[k] == '\n') {
                        line[k] = 'x';
                    }
                }
                all.writeBytes(line);
                if (i < n - 1 || random.nextBoolean()) {
                    all.write('\n');
                }
            }
            byte[] data = all.toByteArray();
            LineReader r = new LineReader(new Trickle(data, random.nextLong()));
            List<byte[]> got = new ArrayList<>();
            while (r.next()) {
                got.add(Arrays.copyOfRange(r.array(), r.start(), r.end()));
                assertEquals(r.end() - r.start(), r.length());
            }
            assertFalse(r.next());
            List<byte[]> expected = split(data);
            assertEquals(expected.size(), got.size(), "round " + round);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), "round " + round + " line " + i);
            }
        }
    }

    /** The lines as the class documents them: split at '\n'; a last line without one counts when it is not empty. */
    private static List<byte[]> split(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                out.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        if (start < data.length) {
            out.add(Arrays.copyOfRange(data, start, data.length));
        }
        return out;
    }

    @Test
    void blankLines() throws IOException {
        LineReader r = new LineReader(new Trickle(" \t\r\n\n{}\n x\n".getBytes(StandardCharsets.US_ASCII), 1));
        boolean[] blank = new boolean[4];
        for (int i = 0; i < 4; i++) {
            r.next();
            blank[i] = r.blank();
        }
        assertEquals("[true, true, false, false]", Arrays.toString(blank));
        assertFalse(r.next());
    }

    @Test
    void newlinesAndAsciiCountedAsTheSimpleLoopsDo() {
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(70)];
            for (int i = 0; i < b.length; i++) {
                b[i] = switch (random.nextInt(4)) {
                    case 0 -> '\n';
                    case 1 -> (byte) (0x80 | random.nextInt(128));
                    case 2 -> (byte) (0x0A ^ (1 << random.nextInt(8)));
                    default -> (byte) random.nextInt(128);
                };
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            int newlines = 0;
            int ascii = -1;
            for (int i = from; i < to; i++) {
                newlines += b[i] == '\n' ? 1 : 0;
                if (ascii < 0 && b[i] < 0) {
                    ascii = i - from;
                }
            }
            assertEquals(newlines, Utf8.countNewlines(b, from, to), Arrays.toString(b));
            assertEquals(ascii < 0 ? to - from : ascii, Utf8.asciiPrefix(b, from, to), Arrays.toString(b));
            int nl = LineReader.indexOfNewline(b, from, to);
            int expectedNl = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    expectedNl = i;
                    break;
                }
            }
            assertEquals(expectedNl, nl);
        }
    }

    @Test
    void wellFormedUtf8IsWhatTheJdkDecoderAccepts() {
        byte[] leads = {(byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xE1, (byte) 0xEC, (byte) 0xED,
            (byte) 0xEE, (byte) 0xEF, (byte) 0xF0, (byte) 0xF1, (byte) 0xF3, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF};
        byte[] tails = {(byte) 0x7F, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xC0};
        char[] out = new char[64];
        for (int round = 0; round < 100_000; round++) {
            byte[] b = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                b[i] = switch (random.nextInt(3)) {
                    case 0 -> leads[random.nextInt(leads.length)];
                    case 1 -> tails[random.nextInt(tails.length)];
                    default -> (byte) random.nextInt(256);
                };
            }
            String jdk = jdkDecode(b);
            assertEquals(jdk != null, Utf8.valid(b, 0, b.length), Arrays.toString(b));
            if (jdk != null) {
                int n = Utf8.decode(b, 0, b.length, out);
                assertEquals(jdk, new String(out, 0, n), Arrays.toString(b));
            }
        }
    }

    private static String jdkDecode(byte[] b) {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return c.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Hands out the bytes in reads of random, often tiny, sizes. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        Trickle(byte[] data, long seed) {
            this.data = data;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(len, Math.min(data.length - pos, random.nextBoolean() ? 1 + random.nextInt(7) : random.nextInt(100_000)));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
