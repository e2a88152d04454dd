package io.decant.files;

/**
 * One data file of a table, as the manifest records it.
 *
 * @param name   the file name inside the folder
 * @param rows   rows in the file
 * @param sha256 hex SHA-256 of the file's bytes
 * @param bytes  the file's size
 */
public record ManifestFile(String name, long rows, String sha256, long bytes) {
}
