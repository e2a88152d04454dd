package io.decant.files.folder;

import java.nio.file.Path;

/**
 * One file (or part of one) a table's rows come from.
 *
 * @param expected  what the manifest says about the file, or {@code null} when nothing is known (FreshTrack folders, backups)
 * @param offset    where the rows start in the file (a table's array inside a D1 backup), else 0
 * @param startLine the line at {@code offset}, for messages
 */
public record DataFile(Path path, String name, ManifestFile expected, long offset, long startLine) {
    public static DataFile whole(Path path, ManifestFile expected) {
        return new DataFile(path, path.getFileName().toString(), expected, 0, 1);
    }
}
