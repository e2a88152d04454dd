package io.decant.files.folder;

import io.decant.core.error.DecantException;
import io.decant.core.util.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File operations for export folders. Exports hold personal data (emails, password hashes), so
 * the folder is created rwx------ and every file rw------- where the file system knows POSIX
 * permissions; elsewhere (Windows, FAT) the folder inherits its parent's ACL, which is the
 * platform's normal behaviour and is reported by {@code check}. Files are written by
 * {@link OwnerOnlyFiles}; this class adds the folder's mode and the script's.
 */
public final class OwnerOnly {
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    /** A script in an export (import.sh): it holds no data, but it is the owner's, like the files it loads. */
    public static final Set<PosixFilePermission> SCRIPT = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    static boolean posix(Path p) {
        return OwnerOnlyFiles.posix(p);
    }

    /** Creates {@code dir} (and missing parents, which get the same mode) owner-only, if it does not exist. */
    static void createDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                createDirectory(parent);
            }
            if (posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
                // The umask can only narrow the mode, but set it anyway so the result does not depend on it.
                Files.setPosixFilePermissions(dir, DIR);
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw io("cannot create folder " + dir + ": a file of that name exists", e);
            }
        } catch (IOException e) {
            throw io("cannot create folder " + dir, e);
        }
    }

    public static DecantException io(String detail, IOException e) {
        return OwnerOnlyFiles.io(detail, e);
    }
}
