package io.decant.files.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads one non-null value of one column's logical type from the parser's current token
 * ({@code token}, never VALUE_NULL), leaving the parser on the value's last token. Chosen once per
 * column. A value of the wrong JSON type, or text that does not parse, is a {@link BadValue}.
 */
@FunctionalInterface
interface ValueDecoder {
    Object read(JsonParser p, JsonToken token) throws IOException;
}
