package io.decant.sqlite;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * One read-only descriptor per SQLite file per process, for {@link TablePages}, held open while anything of
 * decant reads that file and closed only after the last of them.
 *
 * <p>Why not a channel per reader: on Unix, closing any descriptor of a file drops every POSIX lock the
 * process holds on it, and SQLite's locks are POSIX locks (https://www.sqlite.org/howtocorrupt.html,
 * 2.2). A reader that opened and closed its own descriptor would silently release the shared lock of
 * every read transaction this process has open on the file, letting another process write under them.
 * So a {@link SqliteSource} takes a lease when it opens and gives it back after its own connection is
 * closed, each table read from its pages takes one for as long as it reads, and the channel is closed
 * when the last lease is given back: by then every connection that read through this process's sources
 * has ended. A file is known by its identity (device and inode where the system gives them), not its
 * path, so that a file replaced under the same name gets a descriptor of its own. {@code PageReadKeepsLocksIT}
 * checks that another process still cannot write.
 *
 * <p>A {@link RandomAccessFile}, not a {@code FileChannel}: a channel is closed by an interrupt of any thread
 * reading through it (Spark interrupts the tasks it cancels), which would end every other read of the file
 * and drop the process's locks with it; a {@code RandomAccessFile} read ignores interrupts. Its reads are
 * positioned under the descriptor's monitor, a seek and a read, page by page.
 */
final class PageFiles {
    private static final Map<Object, Shared> OPEN = new HashMap<>();

    private PageFiles() {
    }

    /** A lease on the file's channel, or null when the file cannot be opened (the driver then reads it). */
    static Lease open(Path file) {
        try {
            Object key = identity(file);
            synchronized (PageFiles.class) {
                Shared s = OPEN.get(key);
                if (s == null) {
                    s = new Shared(key, new RandomAccessFile(file.toFile(), "r"));
                    OPEN.put(key, s);
                }
                s.leases++;
                return new Lease(s);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Whether the file has a channel open here: for tests, that none is left once its readers have closed. */
    static boolean holds(Path file) throws IOException {
        Object key = identity(file);
        synchronized (PageFiles.class) {
            return OPEN.containsKey(key);
        }
    }

    private static Object identity(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return key != null ? key : file.toRealPath();
    }

    private static final class Shared {
        final Object key;
        final RandomAccessFile file;
        int leases;

        Shared(Object key, RandomAccessFile file) {
            this.key = key;
            this.file = file;
        }
    }

    /** One holder's use of the channel; {@link #close} gives it back, once. */
    static final class Lease implements AutoCloseable {
        private final Shared shared;
        private boolean closed;

        private Lease(Shared shared) {
            this.shared = shared;
        }

        /** The file's size in bytes. */
        long size() throws IOException {
            synchronized (shared) {
                return shared.file.length();
            }
        }

        /** Reads {@code into.length} bytes from {@code position}; false when the file ends before. */
        boolean read(long position, byte[] into) throws IOException {
            synchronized (shared) {
                RandomAccessFile f = shared.file;
                f.seek(position);
                int done = 0;
                while (done < into.length) {
                    int n = f.read(into, done, into.length - done);
                    if (n < 0) {
                        return false;
                    }
                    done += n;
                }
                return true;
            }
        }

        /** Another lease on the same channel, for a holder that may outlive this one. */
        Lease share() {
            synchronized (PageFiles.class) {
                shared.leases++;
                return new Lease(shared);
            }
        }

        @Override
        public void close() {
            synchronized (PageFiles.class) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--shared.leases > 0) {
                    return;
                }
                OPEN.remove(shared.key);
            }
            try {
                shared.file.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost
            }
        }
    }
}
