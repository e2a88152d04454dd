package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class NativeLibraryCacheTest {
    @TempDir
    Path tmp;

    private static byte[] fromJar() throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void extractsOnceOwnerOnlyAndReusesTheFile() throws IOException {
        Path dir = NativeLibraryCache.folder(tmp);
        Path lib = NativeLibraryCache.install(dir).orElseThrow();
        assertEquals(dir, lib.getParent());
        assertArrayEquals(fromJar(), Files.readAllBytes(lib));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lib)));
        Object first = Files.readAttributes(lib, BasicFileAttributes.class).fileKey();

        assertEquals(Optional.of(lib), NativeLibraryCache.install(dir));
        assertEquals(first, Files.readAttributes(lib, BasicFileAttributes.class).fileKey(), "a good file is not written again");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("libsqlitejdbc.so", "resource"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aTruncatedLibraryIsExtractedAgain() throws IOException {
        Path dir = NativeLibraryCache.folder(tmp);
        Path lib = NativeLibraryCache.install(dir).orElseThrow();
        byte[] whole = Files.readAllBytes(lib);
        Files.write(lib, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertEquals(Optional.of(lib), NativeLibraryCache.install(dir));
        assertArrayEquals(fromJar(), Files.readAllBytes(lib));
    }

    @Test
    void aCorruptLibraryOfTheRightSizeIsExtractedAgain() throws IOException {
        Path dir = NativeLibraryCache.folder(tmp);
        Path lib = NativeLibraryCache.install(dir).orElseThrow();
        byte[] bytes = Files.readAllBytes(lib);
        bytes[bytes.length / 3] ^= 0x5a;
        Files.write(lib, bytes);
        assertEquals(Optional.of(lib), NativeLibraryCache.install(dir));
        assertArrayEquals(fromJar(), Files.readAllBytes(lib));
    }

    @Test
    void whatAKilledWriterLeftIsDroppedOnceItIsOld() throws IOException {
        Path dir = NativeLibraryCache.folder(tmp);
        Path lib = NativeLibraryCache.install(dir).orElseThrow();
        Path old = Files.write(dir.resolve(".lib123.tmp"), new byte[100]);
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        Path young = Files.write(dir.resolve(".lib456.tmp"), new byte[100]);
        Files.write(lib, new byte[10]);
        assertEquals(Optional.of(lib), NativeLibraryCache.install(dir));
        assertTrue(Files.notExists(old), "an hour-old temporary file is dropped");
        assertTrue(Files.exists(young), "a young one may be another process's, still being written");
    }

    @Test
    void aGarbledResourceNoteIsRepaired() throws IOException {
        Path dir = NativeLibraryCache.folder(tmp);
        Path lib = NativeLibraryCache.install(dir).orElseThrow();
        Files.writeString(dir.resolve("resource"), "/etc/passwd\n", StandardCharsets.UTF_8);
        assertEquals(Optional.of(lib), NativeLibraryCache.install(dir));
        assertTrue(Files.readString(dir.resolve("resource")).startsWith("/org/sqlite/native/"));
    }

    @Test
    void aFolderOthersMayWriteIsNarrowedBeforeItsLibraryIsUsed() throws IOException {
        Path dir = NativeLibraryCache.folder(tmp);
        Path lib = NativeLibraryCache.install(dir).orElseThrow();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.of(lib), NativeLibraryCache.install(dir));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void noCacheWhenTheFolderCannotBeMade() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(Optional.empty(), NativeLibraryCache.install(notAFolder.resolve("sub")));
    }

    @Test
    void twoProcessesStartingAtOnceBothGetAWholeLibrary() throws Exception {
        Path dir = NativeLibraryCache.folder(tmp);
        byte[] expected = fromJar();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Optional<Path>>> jobs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                jobs.add(() -> NativeLibraryCache.install(dir));
            }
            for (Future<Optional<Path>> f : pool.invokeAll(jobs)) {
                Path lib = f.get().orElseThrow();
                assertArrayEquals(expected, Files.readAllBytes(lib));
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void theCacheRootFollowsXdg() {
        assertEquals(Optional.of(Path.of("/x/cache/decant")), NativeLibraryCache.cacheRoot("/x/cache", "/home/u"));
        assertEquals(Optional.of(Path.of("/home/u/.cache/decant")), NativeLibraryCache.cacheRoot("relative", "/home/u"));
        assertEquals(Optional.of(Path.of("/home/u/.cache/decant")), NativeLibraryCache.cacheRoot(null, "/home/u"));
        assertEquals(Optional.empty(), NativeLibraryCache.cacheRoot("", "?"));
    }

    /** The point of it all: a real process loads the cached file, also after the cache was damaged. */
    @Test
    void aDecantProcessLoadsTheCachedLibrary() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc to see which library is mapped");
        Path cache = tmp.resolve("cache");
        Path lib = NativeLibraryCache.folder(cache.resolve("decant")).resolve(LibraryLoaderUtil.getNativeLibName());

        assertEquals("mapped " + lib, probe(cache, null));
        byte[] bytes = Files.readAllBytes(lib);
        bytes[100] ^= 1;
        Files.write(lib, bytes);
        assertEquals("mapped " + lib, probe(cache, null));
        assertArrayEquals(fromJar(), Files.readAllBytes(lib));

        // the user's own choice wins: with org.sqlite.lib.path set, the cache is not touched
        Path other = tmp.resolve("other-cache");
        String mapped = probe(other, "-Dorg.sqlite.lib.path=" + tmp.resolve("nowhere"));
        assertTrue(mapped.startsWith("mapped ") && !mapped.contains(other.toString()), mapped);
        assertTrue(Files.notExists(other));
    }

    private String probe(Path cache, String option) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (option != null) {
            cmd.add(option);
        }
        cmd.addAll(List.of(NativeLibraryProbe.class.getName(), tmp.resolve("probe.db").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
