package io.decant.files.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The fast path for one JSONL line: the row object decoded straight from the line's UTF-8 bytes,
 * with no parser, no characters and no strings but the values themselves, each column's
 * {@link ByteDecoder} fixed when the file was opened.
 *
 * <p>It accepts a subset of what the strict path ({@link JsonlFileReader}'s UTF-8 decoder, Jackson
 * and {@link RowDecoder#decode}) accepts, and gives the same values: the JSON grammar exactly
 * (no comments, leading zeros, NaN, trailing commas, unescaped control characters), UTF-8 exactly
 * (overlong forms, surrogates and code points past U+10FFFF are not), each key once, every key
 * present. At anything it does not handle, or that is wrong, it gives up and {@link #decode}
 * returns {@code null}: the line then goes the strict path, which gives the value or the error.
 * So every error message is the strict path's, word for word, and this class never words one.
 *
 * <p>The tokens (strings, numbers, literals, skipped values) are read by {@link JsonTokens}; this
 * class adds the row object: its keys, matched a word at a time, and each column's decoder.
 *
 * <p>Not thread-safe; one per {@link RowDecoder}.
 */
final class LineDecoder extends JsonTokens {
    private final byte[][] keyBytes;
    private final long[][] keyWords;
    private final long[][] keyMasks;
    private final int[] outIndex;
    private final ByteDecoder[] decoders;
    private final boolean[] decodesNull;
    private final boolean missingIsNull;
    private final int width;
    private final int[] seen;
    private int generation;
    private final boolean strict;
    /** Whether the row ends at a {@code '\n'} before {@code end} rather than at {@code end}. */
    private boolean toNewline;

    /**
     * @param keys        every key a row holds, in file order
     * @param outIndex    per key: where its value goes in the row, or -1 for a key not requested (checked and skipped)
     * @param decoders    per key: its decoder, or null for a key not requested
     * @param decodesNull per key: whether JSON null is a value for its decoder rather than SQL NULL
     * @param strict      for tests: an exception other than the expected kinds of rejection is rethrown, not a reason to give up
     */
    LineDecoder(String[] keys, int[] outIndex, ByteDecoder[] decoders, boolean[] decodesNull, boolean missingIsNull, int width,
                boolean strict) {
        this.keyBytes = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            byte[] k = keys[i].getBytes(StandardCharsets.UTF_8);
            // a key that needs an escape, or that UTF-8 cannot hold (a lone surrogate), never matches: the strict path reads it
            boolean plain = new String(k, StandardCharsets.UTF_8).equals(keys[i]);
            for (byte c : k) {
                plain &= c != '"' && c != '\\' && (c < 0 || c >= 0x20);
            }
            keyBytes[i] = plain ? k : null;
        }
        this.keyWords = new long[keys.length][];
        this.keyMasks = new long[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            if (keyBytes[i] != null) {
                // the key and its closing quote as little-endian words, the last one masked to its bytes
                byte[] quoted = java.util.Arrays.copyOf(keyBytes[i], keyBytes[i].length + 1);
                quoted[quoted.length - 1] = '"';
                int words = (quoted.length + 7) / 8;
                byte[] padded = java.util.Arrays.copyOf(quoted, words * 8);
                keyWords[i] = new long[words];
                keyMasks[i] = new long[words];
                for (int w = 0; w < words; w++) {
                    keyWords[i][w] = (long) LONGS.get(padded, w * 8);
                    int bytes = Math.min(8, quoted.length - w * 8);
                    keyMasks[i][w] = bytes == 8 ? -1L : (1L << (bytes * 8)) - 1;
                }
            }
        }
        this.outIndex = outIndex.clone();
        this.decoders = decoders.clone();
        this.decodesNull = decodesNull.clone();
        this.missingIsNull = missingIsNull;
        this.width = width;
        this.seen = new int[keys.length];
        this.strict = strict;
    }

    /** The row on the line {@code line[start, end)}, or {@code null} when the strict path must read it. */
    Object[] decode(byte[] line, int start, int stop) {
        toNewline = false;
        return decodeRow(line, start, stop);
    }

    /**
     * The row on the line that starts at {@code start} and ends at the first {@code '\n'} before
     * {@code stop}, or {@code null} when the strict path must read it (also when no {@code '\n'}
     * follows the row before {@code stop}); {@link #newline()} then says where the line ended.
     * It gives what {@link #decode} gives for that line: nothing the row is made of (tokens and
     * JSON whitespace) holds a {@code '\n'}, so the row cannot run past one.
     */
    Object[] decodeToNewline(byte[] bytes, int start, int stop) {
        toNewline = true;
        return decodeRow(bytes, start, stop);
    }

    /** After {@link #decodeToNewline} gave a row: the index of the {@code '\n'} that ends its line. */
    int newline() {
        return p;
    }

    private Object[] decodeRow(byte[] line, int start, int stop) {
        b = line;
        p = start;
        end = stop;
        try {
            return row();
        } catch (GiveUp e) {
            return null;
        } catch (RuntimeException | IOException e) {
            // a value's own parser refused it (BadValue, ConversionException, DateTimeException,
            // IllegalArgumentException, a Jackson error): the strict path words the error
            if (strict && !expected(e)) {
                throw new AssertionError("the fast path failed unexpectedly", e);
            }
            return null;
        } finally {
            b = null;
        }
    }

    private static boolean expected(Throwable e) {
        return e instanceof BadValue || e instanceof io.decant.core.transform.ConversionException
                || e instanceof java.time.DateTimeException || e instanceof IllegalArgumentException || e instanceof IOException;
    }

    private Object[] row() throws IOException {
        ws();
        expect('{');
        Object[] row = new Object[width];
        if (generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(seen, 0);
            generation = 0;
        }
        int gen = ++generation;
        int found = 0;
        int guess = 0;
        ws();
        if (peek() == '}') {
            p++;
        } else {
            while (true) {
                int k = key(guess);
                if (seen[k] == gen) {
                    throw GIVE_UP;
                }
                seen[k] = gen;
                found++;
                ws();
                expect(':');
                ws();
                int out = outIndex[k];
                if (peek() == 'n' && !decodesNull[k]) {
                    nullLiteral();
                } else if (out < 0) {
                    skipValue(0);
                } else {
                    row[out] = decoders[k].read(this);
                }
                ws();
                byte c = peek();
                p++;
                if (c == ',') {
                    ws();
                    guess = k + 1;
                    continue;
                }
                if (c == '}') {
                    break;
                }
                throw GIVE_UP;
            }
        }
        ws();
        if (toNewline ? p >= end || b[p] != '\n' : p != end) {
            throw GIVE_UP;
        }
        if (found != keyBytes.length && !missingIsNull) {
            throw GIVE_UP;
        }
        return row;
    }

    /** The index of the key at {@code p} (a string), trying {@code guess} first: files hold keys in column order. */
    private int key(int guess) {
        if (peek() != '"') {
            throw GIVE_UP;
        }
        int n = keyBytes.length;
        if (guess < n) {
            // the key the file's column order says comes next: its bytes and the closing quote (a key
            // that needs no escape, so the token is exactly it)
            byte[] key = keyBytes[guess];
            if (key != null) {
                int from = p + 1;
                int to = from + key.length;
                if (to < end && nextKeyIs(guess, from)) {
                    p = to + 1;
                    return guess;
                }
            }
        }
        string();
        if (sEscaped) {
            throw GIVE_UP;
        }
        for (int k = 0; k < n; k++) {
            if (matches(k)) {
                return k;
            }
        }
        throw GIVE_UP;
    }

    /** Whether key {@code k} and its closing quote are at {@code from}: compared a word at a time where the buffer allows. */
    private boolean nextKeyIs(int k, int from) {
        long[] words = keyWords[k];
        if (from + words.length * 8 > b.length) {
            byte[] key = keyBytes[k];
            return b[from + key.length] == '"' && same(b, from, key);
        }
        long[] masks = keyMasks[k];
        for (int w = 0; w < words.length; w++) {
            if ((((long) LONGS.get(b, from + w * 8) ^ words[w]) & masks[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(int k) {
        byte[] key = keyBytes[k];
        return key != null && sEnd - sStart == key.length && same(b, sStart, key);
    }
}
