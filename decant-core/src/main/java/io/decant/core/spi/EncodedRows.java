package io.decant.core.spi;

/**
 * Consecutive rows in a {@link RowEncoding}'s wire form: {@code bytes[0 .. length)} holds {@code rows}
 * whole rows. The array belongs to whoever holds the batch; it is not reused by its producer.
 */
public record EncodedRows(byte[] bytes, int length, int rows) {
}
