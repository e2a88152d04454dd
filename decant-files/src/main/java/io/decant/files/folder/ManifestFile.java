package io.decant.files.folder;

/**
 * One data file of a table, as the manifest records it.
 *
 * @param name   the file name inside the folder
 * @param rows   rows in the file
 * @param sha256 hex SHA-256 of the file's bytes
 * @param bytes  the file's size, or {@link #UNKNOWN_SIZE} in a manifest written before sizes were recorded
 */
public record ManifestFile(String name, long rows, String sha256, long bytes) {
    /** The size of a file whose manifest does not record one: it cannot be checked before reading. */
    public static final long UNKNOWN_SIZE = -1;

    public boolean sizeKnown() {
        return bytes != UNKNOWN_SIZE;
    }
}
