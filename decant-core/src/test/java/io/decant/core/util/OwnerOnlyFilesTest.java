package io.decant.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesOwnerOnlyAndReplacesAtomicallyLeavingNoTempFile() throws Exception {
        assumeTrue(OwnerOnlyFiles.posix(dir), "the temporary folder's file system has no POSIX permissions to check");
        Path f = dir.resolve("report.json");
        // A file left world-readable by something else: the replacement must not inherit its mode.
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.writeString(f, "{\"email\":\"a@x.io\"}\n");

        assertEquals("{\"email\":\"a@x.io\"}\n", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(List.of("report.json"), names(), "no temporary file left beside the target");
    }

    @Test
    void createsTheFolderAndWritesTheStreamedContent() throws Exception {
        Path f = dir.resolve("sub/mapping.json");
        OwnerOnlyFiles.write(f, out -> {
            out.write("line 1\n".getBytes(StandardCharsets.UTF_8));
            out.write("line 2\n".getBytes(StandardCharsets.UTF_8));
        });
        assertEquals("line 1\nline 2\n", Files.readString(f));
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesTheTempFile() throws Exception {
        Path f = dir.resolve("mapping.json");
        Files.writeString(f, "old");
        DecantException e = assertThrows(DecantException.class, () -> OwnerOnlyFiles.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertTrue(e.getMessage().contains("cannot write " + f) && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(f), "a reader still sees the whole old file");
        assertEquals(List.of("mapping.json"), names());
    }
}
