package io.decant.files.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Passes bytes through unchanged after running them through a UTF-8 decoder that REPORTS malformed
 * input. Jackson's own byte parser checks only some malformations (not overlong forms or encoded
 * surrogates, for example), and a replacing decoder would turn bad bytes into U+FFFD silently: an
 * export must either read back exactly or fail. Sequences split across reads are carried over.
 * The ASCII bytes at the start of a read (when nothing is carried over) are only counted for the
 * line number, not decoded: for ASCII data that is the whole read.
 */
public final class Utf8CheckingInputStream extends SeeingInputStream {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(8192);
    private ByteBuffer pending = ByteBuffer.allocate(8192);
    private final long startOffset;
    private long checked;
    private long line = 1;
    private boolean finished;

    /** @param startOffset the byte offset in the file where {@code in} starts, for messages */
    public Utf8CheckingInputStream(InputStream in, long startOffset, long startLine) {
        super(in);
        this.startOffset = startOffset;
        this.line = startLine;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            check(b, off, n);
        } else if (n < 0) {
            finish();
        }
        return n;
    }



    private void check(byte[] b, int off, int n) throws IOException {
        if (pending.position() == 0) {
            // Nothing carried over from the last read: ASCII needs no decoder, only its lines counted.
            int ascii = Utf8.asciiPrefix(b, off, off + n);
            line += Utf8.countNewlines(b, off, off + ascii);
            checked += ascii;
            if (ascii == n) {
                return;
            }
            off += ascii;
            n -= ascii;
        }
        if (pending.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(pending.position() + n + 8);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(b, off, n);
        pending.flip();
        decode(false);
        pending.compact();
    }

    private void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        pending.flip();
        decode(true);
        scratch.clear();
        CoderResult r = decoder.flush(scratch);
        if (r.isError()) {
            fail(r);
        }
        pending.clear();
    }

    private void decode(boolean endOfInput) throws IOException {
        int start = pending.position();
        while (true) {
            scratch.clear();
            CoderResult r = decoder.decode(pending, scratch, endOfInput);
            if (r.isOverflow()) {
                continue;
            }
            if (r.isError()) {
                countLines(start, pending.position());
                fail(r);
            }
            break;
        }
        countLines(start, pending.position());
    }

    private void countLines(int from, int to) {
        byte[] a = pending.array();
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                line++;
            }
        }
        checked += to - from;
    }

    private void fail(CoderResult r) throws MalformedUtf8Exception {
        throw new MalformedUtf8Exception(line, startOffset + checked, r.length());
    }
}
