package io.decant.files.folder;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.type.LogicalType;
import io.decant.files.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


class FolderCheckTest {
    @TempDir
    Path tmp;
    Path dir;

    static final Table EVENTS = Fixtures.table("events", Column.of("id", LogicalType.INT64), Column.of("kind", LogicalType.TEXT));

    @BeforeEach
    void export() {
        dir = tmp.resolve("export");
        List<Object[]> rows = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            rows.add(new Object[] {i, "kind-" + (i % 7)});
        }
        Fixtures.export("dir:" + dir, EVENTS, rows, Fixtures.settings("rowsPerFile", "40"));
    }

    private FolderCheck.TableResult events() {
        FolderCheck.Result r = FolderCheck.run(dir);
        assertEquals(1, r.tables().size());
        return r.tables().get(0);
    }

    @Test
    void anIntactFolderPasses() {
        FolderCheck.TableResult t = events();
        assertTrue(t.ok(), t.problems().toString());
        assertEquals(100, t.actualRows());
        assertEquals(t.manifestChecksum(), t.actualChecksum());
    }

    @Test
    void detectsAFlippedByte() throws Exception {
        Path f = dir.resolve("events.00002.jsonl");
        byte[] b = Files.readAllBytes(f);
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("kind-3");
        b[at + 5] = '4';
        Files.write(f, b);
        FolderCheck.TableResult t = events();
        assertFalse(t.ok());
        assertTrue(t.filesPresent());
        assertFalse(t.sha256Ok());
        assertTrue(t.rowCountOk());
        assertFalse(t.checksumOk(), "the content changed, not only the bytes");
        assertTrue(t.problems().get(0).startsWith("events.00002.jsonl: sha256 is "), t.problems().toString());
        assertTrue(t.problems().get(1).startsWith("content checksum is "), t.problems().toString());
    }

    @Test
    void detectsADeletedLine() throws Exception {
        Path f = dir.resolve("events.00001.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.remove(10);
        Files.write(f, lines);
        FolderCheck.TableResult t = events();
        assertFalse(t.ok());
        assertFalse(t.rowCountOk());
        assertFalse(t.checksumOk());
        assertEquals(99, t.actualRows());
        assertEquals("events.00001.jsonl: holds 39 rows, the manifest says 40", t.problems().get(0));
    }

    @Test
    void detectsAMissingFile() throws Exception {
        Files.delete(dir.resolve("events.00003.jsonl"));
        FolderCheck.TableResult t = events();
        assertFalse(t.ok());
        assertFalse(t.filesPresent());
        assertEquals(List.of("events.00003.jsonl: file is missing"), t.problems());
    }

    @Test
    void detectsALyingRowCount() throws Exception {
        Manifest m = ManifestCodec.read(dir);
        ManifestTable e = m.tables().get("events");
        Files.write(dir.resolve("manifest.json"), ManifestCodec.write(m.withTable(
                e.written(e.columns(), 101, e.files(), e.checksum(), false))));
        FolderCheck.TableResult t = events();
        assertFalse(t.ok());
        assertTrue(t.sha256Ok());
        assertFalse(t.rowCountOk());
        assertEquals("the files hold 100 rows, the manifest's rowCount is 101", t.problems().get(0));
    }

    @Test
    void verifyFilesChecksWithoutDecoding() throws Exception {
        Files.writeString(dir.resolve("events.00003.jsonl"), "garbage\n", java.nio.file.StandardOpenOption.APPEND);
        List<FileCheck> checks = FolderSource.open(dir).verifyFiles();
        assertEquals(3, checks.size());
        assertTrue(checks.get(0).ok());
        assertEquals("holds 21 rows, the manifest says 20", checks.get(2).problem());
    }
}
