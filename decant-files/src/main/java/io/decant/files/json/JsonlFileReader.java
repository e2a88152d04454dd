package io.decant.files.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.util.Jackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Rows of a JSONL file: each line is exactly one JSON object, parsed on its own, so that an object
 * spanning two lines, two objects on one line, or a cut-off line is an error at the right line
 * rather than a confusing one later. Blank lines at the end are allowed (editors add them); a blank
 * line followed by more rows is not.
 *
 * <p>Each line is first tried on the fast path ({@link RowDecoder#decodeToNewline}, which finds the
 * line's end as it reads, else {@link RowDecoder#decodeLine}: straight from the
 * bytes, which the read buffer holds in place); a line it gives up on (anything unusual or wrong)
 * is decoded from UTF-8 by a decoder that reports malformed input (so the error names the line and
 * byte) and parsed by Jackson, which gives the row or the error.
 */
public final class JsonlFileReader implements RowFileReader {
    private final InputStream in;
    private final LineReader lines;
    private final RowDecoder decoder;
    private final boolean fastPath;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private char[] chars = new char[1024];
    private long line;
    private long firstBlank;
    private long rows;

    public JsonlFileReader(InputStream in, RowDecoder decoder) {
        this(in, decoder, true);
    }

    /** @param fastPath false to read every line the strict way (tests compare the two) */
    JsonlFileReader(InputStream in, RowDecoder decoder, boolean fastPath) {
        this.in = in;
        this.lines = new LineReader(in);
        this.decoder = decoder;
        this.fastPath = fastPath;
    }

    @Override
    public Object[] next() throws IOException {
        if (fastPath && firstBlank == 0) {
            // the common case: the fast path reads the row and finds the line's end in one pass;
            // a line it gives up on (or that runs past the bytes read so far) is read below as before
            Object[] row = decoder.decodeToNewline(lines.array(), lines.nextStart(), lines.limit());
            if (row != null) {
                lines.take(decoder.newline());
                line++;
                rows++;
                return row;
            }
        }
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
            Object[] row = fastPath ? decoder.decodeLine(lines.array(), lines.start(), lines.end()) : null;
            if (row == null) {
                row = strict();
            }
            rows++;
            return row;
        }
        return null;
    }

    /**
     * The strict way, for a line the fast path gave up on: the whole line decoded from UTF-8 by
     * the reporting decoder, then parsed by Jackson. It returns the row or throws the error.
     */
    private Object[] strict() throws IOException {
        int end = decode();
        // A byte order mark on the first line (Windows editors) is not part of the data.
        int start = line == 1 && end > 0 && chars[0] == '\uFEFF' ? 1 : 0;
        return parse(start, end);
    }

    private int decode() {
        int len = lines.length();
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        ByteBuffer bb = ByteBuffer.wrap(lines.array(), lines.start(), len);
        CharBuffer cb = CharBuffer.wrap(chars);
        utf8.reset();
        CoderResult r = utf8.decode(bb, cb, true);
        if (r.isError()) {
            throw BadValue.corrupt(null, "invalid UTF-8: malformed sequence of " + r.length() + " byte"
                    + (r.length() == 1 ? "" : "s") + " at byte " + (bb.position() - lines.start() + 1) + " of the line");
        }
        utf8.flush(cb);
        return cb.position();
    }

    private Object[] parse(int start, int end) throws IOException {
        try (JsonParser p = Jackson.DATA.createParser(chars, start, end - start)) {
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
