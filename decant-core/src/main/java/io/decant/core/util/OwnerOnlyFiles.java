package io.decant.core.util;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one writer of files that may hold personal data (id mappings, exports, reports): created
 * owner-only (rw-------) from the first byte where the file system knows POSIX permissions, written
 * to a hidden temp file beside the target ({@code .name.tmp}), synced, renamed over the target
 * atomically where the file system can, and the rename made durable by syncing the folder where the
 * platform can open one. A reader never sees half a file; a failed write leaves the old file.
 */
public final class OwnerOnlyFiles {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Writes the whole content to a stream; the stream is the temp file's. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Whether the file system holding {@code p} (or its nearest existing parent) knows POSIX permissions. */
    public static boolean posix(Path p) {
        Path probe = p.toAbsolutePath();
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        return probe != null && probe.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The hidden name a file is written under before its rename: {@code .users.jsonl.tmp}. */
    public static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Writes {@code text} as UTF-8 to {@code target}, owner-only and atomically. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code target}, owner-only and atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, FILE, out -> out.write(bytes));
    }

    /** Writes to {@code target}, owner-only and atomically. */
    public static void write(Path target, Writer writer) {
        write(target, FILE, writer);
    }

    /**
     * As {@link #write(Path, Writer)}, with {@code mode} where POSIX permissions exist (rwx------ for a
     * script); the folder is created if missing.
     */
    public static void write(Path target, Set<PosixFilePermission> mode, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path tmp = tempFor(abs);
        try {
            Files.createDirectories(abs.getParent());
            try (FileChannel ch = create(tmp)) {
                OutputStream out = Channels.newOutputStream(ch);
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            if (!mode.equals(FILE) && posix(tmp)) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            move(tmp, abs);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw io("cannot write " + target, e);
        }
    }

    /** Opens a new file for writing, owner-only; an existing file of that name is replaced. */
    public static FileChannel create(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (posix(file)) {
            FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE));
            // The umask can only narrow the mode, but set it anyway so the result does not depend on it.
            Files.setPosixFilePermissions(file, FILE);
            return ch;
        }
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Opens {@code file} for appending, creating it (and its folder) owner-only; an existing file is narrowed to owner-only. */
    public static FileChannel openAppend(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        FileAttribute<?>[] attrs = posix(abs)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        FileChannel ch = FileChannel.open(abs, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), attrs);
        restrict(abs);
        return ch;
    }

    /** Narrows an existing file to owner-only; for files made before (or by a umask that ignored the attribute). */
    public static void restrict(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        } else {
            java.io.File f = file.toFile();
            // Best effort where there are no POSIX permissions: readable and writable by the owner only.
            f.setReadable(false, false);
            f.setReadable(true, true);
            f.setWritable(false, false);
            f.setWritable(true, true);
        }
    }

    /** Renames atomically where the file system can, then makes the rename durable. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(to.toAbsolutePath().getParent());
    }

    /** Makes a rename durable. Some platforms cannot open a folder for sync; there the rename is as durable as the OS makes it. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals renames itself.
        }
    }

    /** The error for a failed file operation: PERMISSION_DENIED where the OS refused access, else IO_ERROR. */
    public static DecantException io(String detail, IOException e) {
        ErrorCode code = e instanceof AccessDeniedException ? ErrorCode.PERMISSION_DENIED : ErrorCode.IO_ERROR;
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DecantException(code, ErrorContext.EMPTY, detail + ": " + reason, e);
    }
}
