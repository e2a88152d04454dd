package io.decant.core.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The one Jackson configuration of decant. Every module takes its factory or mapper from here, so
 * that a limit or a feature is decided once; the variants below differ only where a reader or
 * writer needs something the others must not have, and each says why. The object mappers are in
 * {@link JsonMappers}: building them loads about 400 classes of jackson-databind (0.4 s of a cold
 * start), which reading and writing JSON text as a stream, as verify's checksums do, never needs.
 */
public final class Jackson {

    /**
     * The base for every parser and generator. Limits are raised because what decant reads is user
     * data: a 30 MB bytea is 40 M base64 characters, and Jackson's default 20 M string limit would
     * reject a valid export or JSON column. Field-name canonicalization is off: JSON documents with many
     * distinct keys would make every parser merge a growing symbol table. Streams are closed by
     * decant (after fsync, where it writes), never by Jackson.
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
            .build();

    /**
     * For rows in data files: doubles and floats written by the shortest text that reads back as
     * the same value (Schubfach), several times cheaper than Double.toString on Java 17; -0.0 stays
     * -0.0. Not in {@link #FACTORY}, because other output (results, mapping files) keeps the text
     * it always had.
     */
    public static final JsonFactory DATA = FACTORY.rebuild().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    /**
     * {@link #DATA} for parsers over a byte stream (JSON arrays, backups). Jackson builds its
     * byte-level UTF-8 parser, which reports byte offsets (needed to seek to a table inside a
     * backup), only when field names are canonicalized; otherwise it decodes through a Reader. One
     * such parser reads a whole file, so its symbol table is merged once per file, not once per row.
     */
    public static final JsonFactory DATA_BYTES = DATA.rebuild().enable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    /** For files where a repeated key is an error, not "the last one wins" (mapping files). */
    public static final JsonFactory NO_DUPLICATE_KEYS = FACTORY.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Jackson() {
    }
}
