package io.decant.core.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Murmur3Test {
    /** Published MurmurHash3_x64_128 vectors (seed 0), as the 16 little-endian bytes of h1 then h2. */
    @ParameterizedTest
    @CsvSource({
        "'',00000000000000000000000000000000",
        "hello,029bbd41b3a7d8cb191dae486a901e5b",
        "The quick brown fox jumps over the lazy dog,6c1b07bc7bbc4be347939ac4a93c437a"})
    void matchesTheReferenceImplementation(String text, String hex) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        long[] out = new long[2];
        Murmur3.hash128(data, data.length, 0, out);
        assertEquals(hex, le(out[0]) + le(out[1]));
    }

    private static String le(long v) {
        return String.format(Locale.ROOT, "%016x", Long.reverseBytes(v));
    }
}
