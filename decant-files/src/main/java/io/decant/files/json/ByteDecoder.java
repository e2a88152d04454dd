package io.decant.files.json;

import java.io.IOException;

/**
 * The fast path's {@link ValueDecoder}: reads one value of one column's logical type from a JSONL
 * line's bytes at {@link LineDecoder}'s position (never a JSON null read as SQL NULL), leaving the
 * position just past the value. Chosen once per column when the file is opened. Where it cannot
 * give exactly the strict decoder's value, or the value is wrong, it throws
 * {@link LineDecoder#GIVE_UP} (or lets the value's own parser throw), and the line goes the strict path.
 */
@FunctionalInterface
interface ByteDecoder {
    Object read(LineDecoder in) throws IOException;
}
