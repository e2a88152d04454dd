package io.decant.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Rows of a JSONL file: each line is exactly one JSON object. Each line is decoded from UTF-8 by a
 * decoder that reports malformed input (so the error names the line), then parsed on its own, so
 * that an object spanning two lines, two objects on one line, or a cut-off line is an error at the
 * right line rather than a confusing one later. Blank lines at the end are allowed (editors add
 * them); a blank line followed by more rows is not.
 */
final class JsonlFileReader implements RowFileReader {
    private final InputStream in;
    private final LineReader lines;
    private final RowDecoder decoder;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private char[] chars = new char[1024];
    private long line;
    private long firstBlank;
    private long rows;

    JsonlFileReader(InputStream in, RowDecoder decoder) {
        this.in = in;
        this.lines = new LineReader(in);
        this.decoder = decoder;
    }

    @Override
    public Object[] next() throws IOException {
        while (lines.next()) {
            line++;
            if (lines.blank()) {
                if (firstBlank == 0) {
                    firstBlank = line;
                }
                continue;
            }
            if (firstBlank != 0) {
                line = firstBlank;
                throw BadValue.corrupt(null, "empty line in the middle of the file");
            }
            int end = decode();
            // A byte order mark on the first line (Windows editors) is not part of the data.
            int start = line == 1 && end > 0 && chars[0] == '\uFEFF' ? 1 : 0;
            Object[] row = parse(start, end);
            rows++;
            return row;
        }
        return null;
    }

    private int decode() {
        int len = lines.length();
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        ByteBuffer bb = ByteBuffer.wrap(lines.bytes(), 0, len);
        CharBuffer cb = CharBuffer.wrap(chars);
        utf8.reset();
        CoderResult r = utf8.decode(bb, cb, true);
        if (r.isError()) {
            throw BadValue.corrupt(null, "invalid UTF-8: malformed sequence of " + r.length() + " byte"
                    + (r.length() == 1 ? "" : "s") + " at byte " + (bb.position() + 1) + " of the line");
        }
        utf8.flush(cb);
        return cb.position();
    }

    private Object[] parse(int start, int end) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(chars, start, end - start)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw BadValue.corrupt(null, "expected a JSON object, got " + ValueDecoders.describe(t));
            }
            Object[] row = decoder.decode(p);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw BadValue.corrupt(null, "more than one JSON value on the line, at character "
                        + p.currentTokenLocation().getColumnNr());
            }
            return row;
        }
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
