package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.files.folder.FolderTargetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


class DialectTest {
    @TempDir
    Path tmp;

    @Test
    void registeredThroughServiceLoader() {
        assertInstanceOf(FilesDialect.class, Dialects.installed().forUrl("dir:./migration-data"));
    }

    @Test
    void claimsFolderAndBackupUrlsOnly() throws Exception {
        FilesDialect d = Fixtures.DIALECT;
        Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(tmp.resolve("backup.json"), "{}");
        Files.writeString(tmp.resolve("app.db"), "");
        assertTrue(d.accepts("dir:./out"));
        assertTrue(d.accepts("jsonl:/tmp/out"));
        assertTrue(d.accepts("json:out"));
        assertTrue(d.accepts("d1backup:backup.json"));
        assertTrue(d.accepts(tmp.resolve("existing").toString()));
        assertTrue(d.accepts(tmp.resolve("new-export").toString()));
        assertTrue(d.accepts(tmp.resolve("new.export") + "/"));
        assertTrue(d.accepts(tmp.resolve("backup.json").toString()));
        assertFalse(d.accepts(tmp.resolve("app.db").toString()));
        assertFalse(d.accepts(tmp.resolve("new.db").toString()));
        assertFalse(d.accepts(tmp.resolve("new.sqlite").toString()));
        assertFalse(d.accepts(tmp.resolve("missing.json").toString()), "a file path that does not exist is no folder");
        assertFalse(d.accepts("postgres://u:p@localhost:5432/db"));
        assertFalse(d.accepts("postgresql://localhost/db"));
        assertFalse(d.accepts("mysql://localhost/db"));
        assertFalse(d.accepts("mariadb://localhost/db"));
        assertFalse(d.accepts("jdbc:postgresql://localhost/db"));
        assertFalse(d.accepts("sqlite:app.db"));
        assertFalse(d.accepts("sqlite:data"));
        assertFalse(d.accepts(""));
    }

    @Test
    void aBackupCannotBeWrittenAndAnEmptyFolderCannotBeRead() throws Exception {
        Files.writeString(tmp.resolve("backup.json"), "{}");
        DecantException e = assertThrows(DecantException.class,
                () -> Fixtures.DIALECT.openTarget(tmp.resolve("backup.json").toString(), OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains("decant reads but does not write"), e.getMessage());
        Files.createDirectories(tmp.resolve("empty"));
        e = assertThrows(DecantException.class, () -> Fixtures.DIALECT.openSource(tmp.resolve("empty").toString(), OpenOptions.DEFAULT));
        assertEquals("[FILE_CORRUPT] (" + tmp.resolve("empty") + "): not an export folder: it has neither manifest.json nor "
                + "metadata.json", e.getMessage());
    }

    @Test
    void formatConflictWithAnExistingExportIsRefused() {
        Path dir = tmp.resolve("x");
        Fixtures.export(dir, FolderTargetTest.POSTS, FolderTargetTest.posts(1));
        DecantException e = assertThrows(DecantException.class, () -> Fixtures.DIALECT.openTarget("json:" + dir, OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains("holds a jsonl export"), e.getMessage());
    }
}
