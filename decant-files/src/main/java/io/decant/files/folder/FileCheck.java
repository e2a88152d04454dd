package io.decant.files.folder;

/**
 * What {@link FolderSource#verifyFiles()} found for one data file, without decoding its values.
 *
 * @param rows    rows actually in the file (-1 when it could not be read)
 * @param problem what is wrong, or {@code null} when the file is as the manifest says
 */
public record FileCheck(String table, String file, boolean present, boolean sizeOk, boolean sha256Ok, boolean rowsOk,
                        long rows, String problem) {
    public boolean ok() {
        return problem == null;
    }
}
