package io.decant.files.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.util.Jackson;
import java.io.IOException;
import java.io.InputStream;

/**
 * Rows of a JSON array of objects, streamed: a {@code users.json} file (whole file), or one table's
 * array inside a D1 backup (from the array's first byte; the rest of the backup is not read).
 */
public final class ArrayFileReader implements RowFileReader {
    private final InputStream in;
    private final JsonParser p;
    private final RowDecoder decoder;
    private final boolean wholeFile;
    private final long firstLine;
    private boolean started;
    private boolean done;
    private long rows;

    /**
     * @param wholeFile whether the array is the whole input: then nothing but whitespace may follow it
     * @param firstLine the file line {@code in} starts on, for messages
     */
    public ArrayFileReader(InputStream in, RowDecoder decoder, boolean wholeFile, long firstLine) throws IOException {
        this.in = in;
        this.p = Jackson.DATA_BYTES.createParser(in);
        this.decoder = decoder;
        this.wholeFile = wholeFile;
        this.firstLine = firstLine;
    }

    @Override
    public Object[] next() throws IOException {
        if (done) {
            return null;
        }
        if (!started) {
            started = true;
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                throw BadValue.corrupt(null, "expected a JSON array of row objects, got "
                        + (t == null ? "an empty file" : ValueDecoders.describe(t)));
            }
        }
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            Object[] row = decoder.decode(p);
            rows++;
            return row;
        }
        if (t == JsonToken.END_ARRAY) {
            done = true;
            if (wholeFile) {
                JsonToken extra = p.nextToken();
                if (extra != null) {
                    throw BadValue.corrupt(null, "text after the array");
                }
            }
            return null;
        }
        throw BadValue.corrupt(null, "expected a row object, got " + (t == null ? "the end of the file" : ValueDecoders.describe(t)));
    }

    @Override
    public long line() {
        return p.currentLocation().getLineNr() + firstLine - 1;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        p.close();
        in.close();
    }
}
