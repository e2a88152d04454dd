package io.decant.files.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes one non-null value of one column's logical type. Chosen once per column; the row loop only calls it. */
@FunctionalInterface
public interface ValueEncoder {
    void write(JsonGenerator g, Object value) throws IOException;
}
