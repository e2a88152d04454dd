package io.decant.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A wire form in which a sink can take rows without decoded values: when a source can produce
 * exactly this form for a table whose plan copies every column as it is, rows pass through as
 * bytes, neither decoded nor encoded again. Two encodings match only when they are equal.
 *
 * @param format      the wire form and what its bytes depend on, e.g. {@code "postgresql 15 binary COPY"}
 * @param columnTypes for each sink column, in order, its type as that form identifies it
 */
public record RowEncoding(String format, List<String> columnTypes) {
    public RowEncoding {
        Objects.requireNonNull(format, "format");
        columnTypes = List.copyOf(columnTypes);
    }
}
