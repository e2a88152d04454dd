package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spi.Dialects;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SqliteUrlTest {
    @ParameterizedTest
    @CsvSource({
        "sqlite:data/app.db, data/app.db",
        "sqlite:///abs/path.db, /abs/path.db",
        "sqlite://rel.db, rel.db",
        "SQLITE:app.db, app.db",
        "jdbc:sqlite:/abs/x.sqlite, /abs/x.sqlite",
        "jdbc:sqlite:file:local.db?mode=ro, local.db",
        "app.db, app.db",
        "/tmp/state/x.sqlite3, /tmp/state/x.sqlite3",
        "BACKUP.SQLITE, BACKUP.SQLITE",
    })
    void parsesTheAcceptedForms(String url, String file) {
        assertTrue(SqliteUrl.accepts(url));
        assertEquals(Path.of(file), SqliteUrl.parse(url).file());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://u:p@host/app.db", "mysql://h/x.sqlite", "folder/export", "app.dbx", "data.json"})
    void leavesOtherUrlsAlone(String url) {
        assertFalse(SqliteUrl.accepts(url));
    }

    @Test
    void refusesInMemoryAndEmptyNames() {
        DecantException e = assertThrows(DecantException.class, () -> SqliteUrl.parse("jdbc:sqlite::memory:"));
        assertEquals(ErrorCode.USAGE, e.code());
        assertEquals("[USAGE] a SQLite URL must name a file: jdbc:sqlite::memory:", e.getMessage());
    }

    @Test
    void registersThroughServiceLoader() {
        assertEquals("sqlite", Dialects.installed().forUrl("sqlite:x.db").name());
    }
}
