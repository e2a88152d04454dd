package io.decant.files.json;

import java.io.IOException;

/** Bytes that are not UTF-8, found while reading a data file; knows where they are. */
public final class MalformedUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;
    private final long byteOffset;

    MalformedUtf8Exception(long line, long byteOffset, int length) {
        super("invalid UTF-8: malformed sequence of " + length + " byte" + (length == 1 ? "" : "s") + " at byte offset "
                + byteOffset);
        this.line = line;
        this.byteOffset = byteOffset;
    }

    public long line() {
        return line;
    }

    long byteOffset() {
        return byteOffset;
    }
}
