package io.decant.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, extracted once into a per-user cache folder instead of into the
 * temporary folder on every run. Left alone, sqlite-jdbc runs {@code uname -o} in a child process to
 * pick the library, copies it (about 1 MB) out of the jar and compares it byte by byte, every run:
 * 0.4-0.9 s of a tiny verify (docs/benchmarks.md, "Where a tiny verify's seconds go").
 *
 * <p>The folder is {@code $XDG_CACHE_HOME/decant} (or {@code ~/.cache/decant}), then one folder per
 * sqlite-jdbc version, OS and architecture. It holds the library and {@code resource}, the name of the
 * jar entry it came from, so a later run needs neither {@code uname} nor sqlite-jdbc's OS detection.
 * Before a cached file is used, its size and CRC-32 are compared with the jar entry's (the jar's
 * directory holds both, so nothing is decompressed); a truncated, corrupt or foreign file is extracted
 * again. Files are written owner-only under a unique temporary name and renamed into place atomically,
 * so two decant processes starting at once both end with a whole library.
 *
 * <p>Nothing here is allowed to fail a run: when the user set {@code org.sqlite.lib.path} or
 * {@code org.sqlite.lib.name}, when there is no cache folder, or when anything goes wrong, sqlite-jdbc
 * does what it always did. It also falls back by itself when the cached file does not load (a cache
 * folder on a {@code noexec} mount). Not {@link io.decant.core.util.OwnerOnlyFiles}: its fixed temp
 * name is right for one writer, and here two processes may write the same file at once.
 */
final class NativeLibraryCache {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final String RESOURCE_FILE = "resource";
    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private NativeLibraryCache() {
    }

    private static final class Once {
        static final boolean DONE = prepare();
    }

    /**
     * Points sqlite-jdbc at the cached library, once per JVM; call before the first SQLite connection.
     * Returns whether it did (false: sqlite-jdbc extracts the library as it always did).
     */
    static boolean useCache() {
        return Once.DONE;
    }

    private static boolean prepare() {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return false;
        }
        Optional<Path> root = cacheRoot(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
        if (root.isEmpty()) {
            return false;
        }
        Optional<Path> lib = install(folder(root.get()));
        lib.ifPresent(file -> {
            System.setProperty(PATH_PROPERTY, file.getParent().toString());
            System.setProperty(NAME_PROPERTY, file.getFileName().toString());
        });
        return lib.isPresent();
    }

    /** {@code $XDG_CACHE_HOME/decant} when that is an absolute path (as the XDG spec asks), else {@code ~/.cache/decant}. */
    static Optional<Path> cacheRoot(String xdgCacheHome, String userHome) {
        try {
            if (xdgCacheHome != null && !xdgCacheHome.isEmpty() && Path.of(xdgCacheHome).isAbsolute()) {
                return Optional.of(Path.of(xdgCacheHome, "decant"));
            }
            if (userHome != null && !userHome.isEmpty() && !userHome.equals("?")) {
                return Optional.of(Path.of(userHome, ".cache", "decant"));
            }
        } catch (RuntimeException e) {
            // an unusable path: no cache
        }
        return Optional.empty();
    }

    /** The folder for this sqlite-jdbc version, OS and architecture under {@code root}. */
    static Path folder(Path root) {
        String key = "sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + System.getProperty("os.name") + "-"
                + System.getProperty("os.arch");
        return root.resolve(key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_"));
    }

    /**
     * The library in {@code dir}, checked against the jar and extracted there first when missing or
     * wrong; empty when it cannot be had (then sqlite-jdbc's own extraction runs).
     */
    static Optional<Path> install(Path dir) {
        try {
            Optional<Path> cached = cached(dir);
            if (cached.isPresent()) {
                return cached;
            }
            String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
            URL url = SQLiteJDBCLoader.class.getResource(resource);
            if (url == null) {
                return Optional.empty();
            }
            createFolder(dir);
            dropStaleTemporaries(dir);
            Path lib = dir.resolve(fileName(resource));
            Entry expected = entry(url);
            Path tmp = Files.createTempFile(dir, ".lib", ".tmp", ownerOnly("rwx------"));
            try {
                CRC32 crc = new CRC32();
                long size = 0;
                try (InputStream in = url.openStream(); OutputStream out = Files.newOutputStream(tmp)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = in.read(buf)) > 0; size += n) {
                        crc.update(buf, 0, n);
                        out.write(buf, 0, n);
                    }
                }
                if (size != expected.size() || crc.getValue() != expected.crc()) {
                    return Optional.empty();
                }
                move(tmp, lib);
                writeAtomically(dir.resolve(RESOURCE_FILE), resource);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return cached(dir);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The cached library, when {@code resource} names a jar entry and the file matches it in size and CRC-32. */
    private static Optional<Path> cached(Path dir) throws IOException {
        Path named = dir.resolve(RESOURCE_FILE);
        if (!Files.isRegularFile(named) || !ownerOnlyFolder(dir)) {
            return Optional.empty();
        }
        String resource = Files.readString(named, StandardCharsets.UTF_8).trim();
        URL url = resource.startsWith("/org/sqlite/native/") ? SQLiteJDBCLoader.class.getResource(resource) : null;
        if (url == null) {
            return Optional.empty();
        }
        Path lib = dir.resolve(fileName(resource));
        Entry expected = entry(url);
        if (!Files.isRegularFile(lib) || Files.size(lib) != expected.size()) {
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(lib)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                crc.update(buf, 0, n);
            }
        }
        return crc.getValue() == expected.crc() ? Optional.of(lib) : Optional.empty();
    }

    /**
     * Deletes the temporary files of writers killed mid-copy (kill -9 leaves them), once they are an hour
     * old: a younger one may be another process's, still being written.
     */
    private static void dropStaleTemporaries(Path dir) throws IOException {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (var files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f).toMillis() < hourAgo) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // another process dropped it first, or it is not ours to drop
                }
            }
        }
    }

    /** Whether only the owner may write to {@code dir}: a library others could replace is not loaded. */
    private static boolean ownerOnlyFolder(Path dir) throws IOException {
        if (!POSIX) {
            return true;
        }
        var mode = Files.getPosixFilePermissions(dir);
        return !mode.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                && !mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
    }

    private record Entry(long size, long crc) {
    }

    /** Size and CRC-32 of the resource: from the jar's directory when it is in a jar, else by reading it. */
    private static Entry entry(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(true);
            JarEntry e = jar.getJarEntry();
            if (e != null && e.getSize() >= 0 && e.getCrc() >= 0) {
                return new Entry(e.getSize(), e.getCrc());
            }
        }
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = url.openStream()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; size += n) {
                crc.update(buf, 0, n);
            }
        }
        return new Entry(size, crc.getValue());
    }

    private static String fileName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static void createFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly("rwx------"));
        }
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".resource", ".tmp", ownerOnly("rw-------"));
        try {
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String mode) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }
}
