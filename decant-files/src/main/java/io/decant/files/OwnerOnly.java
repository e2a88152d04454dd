package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File operations for export folders. Exports hold personal data (emails, password hashes), so
 * the folder is created rwx------ and every file rw------- where the file system knows POSIX
 * permissions; elsewhere (Windows, FAT) the folder inherits its parent's ACL, which is the
 * platform's normal behaviour and is reported by {@code check}.
 */
final class OwnerOnly {
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** A script in an export (import.sh): it holds no data, but it is the owner's, like the files it loads. */
    static final Set<PosixFilePermission> SCRIPT = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    static boolean posix(Path p) {
        Path probe = p.toAbsolutePath();
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        return probe != null && probe.getFileSystem().supportedFileAttributeViews().contains("posix");
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

    /** Opens a new file for writing, owner-only; an existing file of that name is replaced. */
    static FileChannel create(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (posix(file)) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(FILE);
            FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attr);
            Files.setPosixFilePermissions(file, FILE);
            return ch;
        }
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Writes {@code bytes} to {@code target} atomically: temp file, fsync, rename, fsync of the folder. */
    static void writeAtomically(Path target, byte[] bytes) {
        writeAtomically(target, bytes, FILE);
    }

    /** As {@link #writeAtomically(Path, byte[])}, with {@code mode} where POSIX permissions exist (rwx------ for a script). */
    static void writeAtomically(Path target, byte[] bytes, Set<PosixFilePermission> mode) {
        Path tmp = target.resolveSibling(FileNames.temp(target.getFileName().toString()));
        try {
            try (FileChannel ch = create(tmp)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (!mode.equals(FILE) && posix(tmp)) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            move(tmp, target);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw io("cannot write " + target, e);
        }
    }

    /** Renames atomically where the file system can, then makes the rename durable. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(to.toAbsolutePath().getParent());
    }

    /** Makes a rename durable. Some platforms cannot open a folder for sync; there the rename is as durable as the OS makes it. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals renames itself.
        }
    }

    static DecantException io(String detail, IOException e) {
        ErrorCode code = e instanceof java.nio.file.AccessDeniedException ? ErrorCode.PERMISSION_DENIED : ErrorCode.IO_ERROR;
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DecantException(code, ErrorContext.EMPTY, detail + ": " + reason, e);
    }
}
