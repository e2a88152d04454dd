package io.decant.files.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;

/** The one Jackson configuration for data files. */
public final class Json {
    /**
     * Limits are raised because rows are user data: a 30 MB bytea is 40 M base64 characters, and
     * Jackson's default 20 M string limit would reject a valid export. Field-name canonicalization is
     * off: JSON columns with many distinct keys would make every parser merge a growing symbol table.
     * Streams are closed by decant, after fsync, never by Jackson.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(10_000)
                    .maxNestingDepth(10_000)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build())
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // Doubles and floats written by the shortest text that reads back as the same value (Schubfach),
            // several times cheaper than Double.toString on Java 17; -0.0 stays -0.0.
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    /**
     * For parsers over a byte stream (JSON arrays, backups). Jackson builds its byte-level UTF-8 parser,
     * which reports byte offsets (needed to seek to a table inside a backup), only when field names
     * are canonicalized; otherwise it decodes through a Reader. One such parser reads a whole file,
     * so its symbol table is merged once per file, not once per row.
     */
    public static final JsonFactory BYTES = FACTORY.rebuild().enable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    private Json() {
    }
}
